import Autodiff
import Linalg

/// The field and map Jacobians of an ODE cell in closed form, in `Double`: no replicated
/// batch and no backward pass, so their cost is a few `tH × tH` GEMMs instead of `tH`
/// vector–Jacobian products through the cell.
///
/// The field's Jacobian at a state `Y` is the companion matrix
/// ```
/// J_F(Y) = [ 0    I    0  …  0       ]      D_r = ∂f/∂v_r
///          [ …              …        ]          = diag(g ⊙ σ′(z))·M_r + [r = 0]·diag(g′ ⊙ σ(z))·M_0 − κ_r I
///          [ D_0  D_1  …     D_{t−1} ]
/// ```
/// (`z`, `g = sigmoid(z_g)`, `g′ = g(1 − g)` at `Y`; ungated `g = 1`, `g′ = 0`;
/// `σ′ = 1 − σ²` for tanh, `σ(1 − σ)` for sigmoid, `[z > 0]` for relu, 1 for identity, the
/// tape's own derivative rules), and one explicit Runge–Kutta step differentiates as
/// ```
/// ∂Y_i/∂S = I + ε Σ_{j<i} a_ij ∂K_j/∂S,   ∂K_i/∂S = J_F(Y_i)·∂Y_i/∂S,   ∂S_{k+1}/∂S = I + ε Σ_i b_i ∂K_i/∂S.
/// ```
/// `z`, `z_g`, `σ(z)` and the stage states `Y_i` are the cell's own forward pass
/// (`ODECell.preactivation`, `gatePreactivation`, `activation`) on a `Tape<Double>` at batch 1.
struct ClosedFormJacobians {
  let spec: CellSpec
  let tape: Tape<Double>
  let cell: ODECell<Double>
  /// `M_0 … M_{t−1}` in `Double`.
  let recurrent: [Matrix<Double>]
  /// The state, one `1 × H` var per component.
  let state: [Var]

  /// Whether the map Jacobian has this closed form (ODE cells with explicit tableaux; the
  /// field's closed form holds for every ODE cell).
  static func coversMap(_ spec: CellSpec) -> Bool { spec.kind == .ode && spec.tableau.isExplicit }

  init<S: BLASScalar>(spec: CellSpec, parameters: ParameterSet<S>, at point: CellPoint<S>) {
    precondition(spec.kind == .ode, "ClosedFormJacobians: \(spec.kind) has no field")
    self.spec = spec
    let tape = Tape<Double>()
    self.tape = tape
    var vars: [ParameterID: Var] = [:]
    for p in parameters.parameters { vars[p.id] = tape.constant(Matrix(converting: p.value)) }
    let cell = ODECell(spec: spec, tape: tape, parameters: vars, inputs: tape.constant(Matrix(converting: point.input)), batch: 1)
    self.cell = cell
    recurrent = cell.recurrent.map { tape.value($0) }
    state = point.state.map { tape.constant(Matrix(converting: $0)) }
  }

  /// `D_0 … D_{t−1}` at the stage state `y`.
  func blocks(at y: [Var]) -> [Matrix<Double>] {
    let h = spec.hiddenSize
    let z = cell.preactivation(tape, y, step: 0)
    let a = tape.value(cell.activation(tape, z)).storage
    let zs = tape.value(z).storage
    let slope: [Double] =
      switch spec.activation {
      case .tanh: a.map { 1 - $0 * $0 }
      case .sigmoid: a.map { $0 * (1 - $0) }
      case .relu: zs.map { $0 > 0 ? 1 : 0 }
      case .identity: Array(repeating: 1, count: h)
      }
    var w = slope
    var wg = [Double](repeating: 0, count: h)
    if let zg = cell.gatePreactivation(tape, y, step: 0) {
      let g = tape.value(tape.sigmoid(zg)).storage
      for i in 0..<h {
        w[i] = g[i] * slope[i]
        wg[i] = g[i] * (1 - g[i]) * a[i]
      }
    }
    return (0..<spec.derivativeOrder).map { r in
      var d = recurrent[r]
      let kappa = r < spec.decay.count ? spec.decay[r] : 0
      d.storage.withUnsafeMutableBufferPointer { p in
        recurrent[0].storage.withUnsafeBufferPointer { m0 in
          for i in 0..<h {
            let row = i * h
            if r == 0 && spec.gated {
              for c in 0..<h { p[row + c] = w[i] * p[row + c] + wg[i] * m0[row + c] }
            } else {
              for c in 0..<h { p[row + c] = w[i] * p[row + c] }
            }
            p[row + i] -= kappa
          }
        }
      }
      return d
    }
  }

  /// `J_F(Y)` as a `tH × tH` matrix from its blocks.
  func companion(_ d: [Matrix<Double>]) -> Matrix<Double> {
    let h = spec.hiddenSize
    let t = spec.derivativeOrder
    let n = t * h
    var j = Matrix<Double>(rows: n, cols: n)
    for r in 0..<(t - 1) { for i in 0..<h { j[r * h + i, (r + 1) * h + i] = 1 } }
    for (r, block) in d.enumerated() {
      for i in 0..<h { for c in 0..<h { j[(t - 1) * h + i, r * h + c] = block[i, c] } }
    }
    return j
  }

  /// `J_F(Y)·X` for `X` `tH × tH`: block row `r < t−1` is block row `r+1` of `X`; the last is
  /// `Σ_r D_r X_r` (one GEMM per `r`).
  func apply(_ d: [Matrix<Double>], to x: Matrix<Double>) -> Matrix<Double> {
    let h = spec.hiddenSize
    let t = spec.derivativeOrder
    let n = t * h
    var out = Matrix<Double>(rows: n, cols: n)
    out.storage.withUnsafeMutableBufferPointer { o in
      x.storage.withUnsafeBufferPointer { xs in
        for r in 0..<(t - 1) {
          (o.baseAddress! + r * h * n).update(from: xs.baseAddress! + (r + 1) * h * n, count: h * n)
        }
        for (r, block) in d.enumerated() {
          block.storage.withUnsafeBufferPointer { dp in
            Double.gemm(
              transA: false, transB: false, m: h, n: n, k: h, alpha: 1, a: dp.baseAddress!, lda: h,
              b: xs.baseAddress! + r * h * n, ldb: n, beta: r == 0 ? 0 : 1, c: o.baseAddress! + (t - 1) * h * n, ldc: n)
          }
        }
      }
    }
    return out
  }

  /// `ε·J_F(S)`.
  func field() -> Matrix<Double> { spec.stepSize * companion(blocks(at: state)) }

  /// `∂S_{k+1}/∂S_k` of one explicit step.
  func map() -> Matrix<Double> {
    precondition(Self.coversMap(spec), "ClosedFormJacobians.map: implicit tableau")
    let tableau = spec.tableau
    let eps = spec.stepSize
    let n = spec.derivativeOrder * spec.hiddenSize
    var slopes: [[Var]] = []  // K_i on the tape (the forward pass)
    var derivatives: [Matrix<Double>] = []  // ∂K_i/∂S
    var result = Matrix<Double>.identity(n)
    for i in 0..<tableau.stages {
      var y = state
      var dy: Matrix<Double>?  // nil: the identity
      for j in 0..<i where tableau.a[i][j] != 0 {
        let c = eps * tableau.a[i][j]
        for r in y.indices { y[r] = tape.addScaled(y[r], slopes[j][r], scale: c) }
        dy = (dy ?? .identity(n)) + c * derivatives[j]
      }
      let d = blocks(at: y)
      let dk = dy.map { apply(d, to: $0) } ?? companion(d)
      slopes.append(cell.field(tape, y, step: 0))
      derivatives.append(dk)
      if tableau.b[i] != 0 { result = result + (eps * tableau.b[i]) * dk }
    }
    return result
  }
}
