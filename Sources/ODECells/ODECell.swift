import Autodiff
import Linalg

/// An ODE cell recorded on a tape for one batch: the effective recurrent matrices and the
/// input projections of every time step, formed once, then `field` and `step` per time step.
///
/// The input projection of all `T` steps is one GEMM: `P = X Vᵀ + b` over the time-major
/// input `X` `[T·B, I]`, and step `k` reads rows `k·B ..< (k+1)·B` of `P` inside its
/// `matmulAdd` (no copy).
public struct ODECell<Scalar: BLASScalar> {
  /// The cell.
  public let spec: CellSpec
  /// The batch size `B`.
  public let batch: Int
  /// `M_0, …, M_{t−1}` on the tape.
  public let recurrent: [Var]
  /// `P = X Vᵀ + b`, `[T·B, H]`.
  public let projection: Var
  /// `P_g = X V_gᵀ + b_g` when gated.
  public let gateProjection: Var?

  /// Records `M_r` (`CellSpec.recurrentMatrices`) and the input projections.
  ///
  /// - Parameters:
  ///   - parameters: the cell's parameters on the tape, by ID.
  ///   - inputs: the time-major inputs `[T·B, I]`.
  public init(spec: CellSpec, tape: Tape<Scalar>, parameters: [ParameterID: Var], inputs: Var, batch: Int) {
    precondition(spec.kind == .ode, "ODECell: \(spec.kind) is not an ODE cell")
    self.spec = spec
    self.batch = batch
    recurrent = spec.recurrentMatrices(on: tape, parameters: parameters)
    // `X Vᵀ` is read by its bias only, so `P` is written over it (`Tape+InPlace.swift`).
    projection = tape.addRowBroadcast(
      tape.matmul(inputs, parameters.required(.input), transposeB: true), parameters.required(.bias), overwriting: true)
    gateProjection =
      spec.gated
      ? tape.addRowBroadcast(
        tape.matmul(inputs, parameters.required(.gateInput), transposeB: true), parameters.required(.gateBias),
        overwriting: true)
      : nil
  }

  /// The companion field `F(S, x_k) = (v_1, …, v_{t−1}, f(S, x_k))` at time step `k`;
  /// `lastRead`: no later evaluation reads step `k`'s rows of the projections, so the
  /// pre-activations are written over them (`preactivation`).
  public func field(_ tape: Tape<Scalar>, _ s: [Var], step k: Int, lastRead: Bool = false) -> [Var] {
    fieldParts(tape, s, step: k, lastRead: lastRead).field
  }

  /// `F(S, x_k)`, recorded as the pre-activation `z`, `σ(z)`, then (gated) `g = sigmoid(z_g)`
  /// and `g ⊙ σ(z)`, then the decays: the backward pass accumulates gradients in reverse
  /// recording order, so the order is part of every session's bits. `σ(z)` and `g` are
  /// written over `z` and `z_g` when their rules read only their outputs (tanh, sigmoid).
  func fieldParts(_ tape: Tape<Scalar>, _ s: [Var], step k: Int, lastRead: Bool = false)
    -> (field: [Var], z: Var, activation: Var, gate: Var?)
  {
    let z = preactivation(tape, s, step: k, overwriting: lastRead)
    let a = activation(tape, z, overwriting: true)
    var f = a
    var gate: Var?
    if let zg = gatePreactivation(tape, s, step: k, overwriting: lastRead) {
      let g = tape.sigmoid(zg, overwriting: true)
      f = tape.mul(g, f)
      gate = g
    }
    for (r, kappa) in spec.decay.enumerated() where kappa != 0 {
      f = tape.addScaled(f, s[r], scale: Scalar(-kappa))
    }
    return (Array(s.dropFirst()) + [f], z, a, gate)
  }

  /// `S_k + ε Σ_j a_ij K_j` for stage `i` (the `K_j` given so far).
  func stageState(_ tape: Tape<Scalar>, _ s: [Var], _ i: Int, _ k: [[Var]]) -> [Var] {
    let tableau = spec.tableau
    var stage = s
    for j in k.indices where tableau.a[i][j] != 0 {
      let scale = Scalar(spec.stepSize * tableau.a[i][j])
      for r in stage.indices { stage[r] = tape.addScaled(stage[r], k[j][r], scale: scale) }
    }
    return stage
  }

  /// The pre-activation at time step `k`: `z = P_k + Σ_r v_r M_rᵀ` (accumulated in `r` order),
  /// each term added in place (β = 1 GEMMs onto the sum so far, which no rule reads);
  /// `overwriting`: the first onto `P_k` itself, which nothing may read afterwards.
  public func preactivation(_ tape: Tape<Scalar>, _ s: [Var], step k: Int, overwriting: Bool = false) -> Var {
    var z = tape.matmulAdd(projection, rowOffset: k * batch, s[0], recurrent[0], transposeB: true, overwriting: overwriting)
    for r in 1..<spec.derivativeOrder {
      z = tape.matmulAdd(z, rowOffset: 0, s[r], recurrent[r], transposeB: true, overwriting: true)
    }
    return z
  }

  /// The gate's pre-activation `z_g = P_g,k + v_0 M_0ᵀ` at time step `k`; `nil` ungated;
  /// `overwriting` as for `preactivation`.
  public func gatePreactivation(_ tape: Tape<Scalar>, _ s: [Var], step k: Int, overwriting: Bool = false) -> Var? {
    gateProjection.map {
      tape.matmulAdd($0, rowOffset: k * batch, s[0], recurrent[0], transposeB: true, overwriting: overwriting)
    }
  }

  /// One Runge–Kutta step `S_{k+1} = S_k + ε Σ_i b_i K_i` (DESIGN §1.3).
  ///
  /// Explicit: `K_i = F(S_k + ε Σ_{j<i} a_ij K_j)`. Implicit, `jacobi`: `K_i⁽⁰⁾ = F(S_k)`, then
  /// exactly `m` Jacobi sweeps `K_i⁽ˡ⁺¹⁾ = F(S_k + ε Σ_j a_ij K_j⁽ˡ⁾)`, all differentiated;
  /// `newton`: `newtonStages` (solved off the tape, differentiated by the implicit function theorem).
  public func step(_ tape: Tape<Scalar>, _ s: [Var], step k: Int) -> [Var] {
    let tableau = spec.tableau
    let eps = spec.stepSize
    func stageState(_ i: Int, _ k: [[Var]]) -> [Var] { self.stageState(tape, s, i, k) }
    var slopes: [[Var]] = []
    let last = tableau.stages - 1
    if tableau.isExplicit {
      for i in 0...last { slopes.append(field(tape, stageState(i, slopes), step: k, lastRead: i == last)) }
    } else if spec.solver == .newton {
      slopes = newtonStages(tape, s, step: k)
    } else {
      let sweeps = spec.implicitIterations
      let k0 = field(tape, s, step: k, lastRead: sweeps == 0)
      slopes = Array(repeating: k0, count: tableau.stages)
      for sweep in 0..<sweeps {
        let previous = slopes
        slopes = (0...last).map { i in field(tape, stageState(i, previous), step: k, lastRead: sweep == sweeps - 1 && i == last) }
      }
    }
    // The first term makes a new value (`S_k` is kept); the others add onto that partial sum,
    // which nothing else reads, in place.
    var next = s
    for i in slopes.indices where tableau.b[i] != 0 {
      let scale = Scalar(eps * tableau.b[i])
      for r in next.indices { next[r] = tape.addScaled(next[r], slopes[i][r], scale: scale, overwriting: next[r] != s[r]) }
    }
    return next
  }

  /// `σ(z)`; `overwriting`: written over `z` where σ's rule reads only its output (tanh,
  /// sigmoid), so `z`'s value is gone afterwards.
  public func activation(_ tape: Tape<Scalar>, _ z: Var, overwriting: Bool = false) -> Var {
    switch spec.activation {
    case .tanh: tape.tanh(z, overwriting: overwriting)
    case .relu: tape.relu(z)
    case .sigmoid: tape.sigmoid(z, overwriting: overwriting)
    case .identity: tape.identity(z)
    }
  }
}
