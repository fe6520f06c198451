import Autodiff
import Linalg
import ODECells
import Tableaux

/// The spectral picture of a cell at one state (an `eigen` event of DESIGN §1.5).
public struct EigenDiagnostics: Sendable, Equatable {
  /// The step.
  public var step: Int
  /// Eigenvalues of `ε·∂F/∂S` (empty for LSTM/GRU, which have no field).
  public var field: [Complex<Double>]
  /// Eigenvalues of the one-step map `∂S_{k+1}/∂S_k`.
  public var map: [Complex<Double>]
  /// `‖M_0‖₂` (LSTM/GRU: `‖W_hh‖₂`): Miller–Hardt's contraction gauge of the weights.
  public var spectralNorm: Double
  /// `‖∂S_{k+1}/∂S_k‖₂`: below 1 the step is a contraction at this state.
  public var mapNorm: Double
  /// The largest factor by which ε could grow with every `ε·λ_i` still inside the cell's
  /// stability region (`R`, or `R_m` for implicit cells); below 1 some are outside now;
  /// `.infinity` when no growth leaves the region.
  public var headroom: Double

  /// Diagnostics given directly (sessions, tests).
  public init(step: Int, field: [Complex<Double>], map: [Complex<Double>], spectralNorm: Double, mapNorm: Double, headroom: Double) {
    self.step = step
    self.field = field
    self.map = map
    self.spectralNorm = spectralNorm
    self.mapNorm = mapNorm
    self.headroom = headroom
  }

  /// `min_i sup{c : |R(c′·z_i)| ≤ 1 + 1e-12 for all 0 < c′ ≤ c}` over the non-zero `z_i`,
  /// scanning `c` geometrically from 1e-4 (ratio 1.02) to 1e4, then bisecting.
  public static func headroom(of points: [Complex<Double>], under r: StabilityFunction) -> Double {
    var best = Double.infinity
    for z in points where z.length > 0 {
      var stable = 0.0
      var c = 1e-4
      var found: Double?
      while c <= 1e4 {
        if !r.isStable(Complex(z.real * c, z.imaginary * c)) {
          found = c
          break
        }
        stable = c
        c *= 1.02
      }
      guard var unstable = found else { continue }
      for _ in 0..<50 {
        let mid = (stable + unstable) / 2
        if r.isStable(Complex(z.real * mid, z.imaginary * mid)) { stable = mid } else { unstable = mid }
      }
      best = min(best, stable)
    }
    return best
  }
}

extension TrainingEngine {
  /// Jacobians at the state that validation example 0 reaches before its last step, with its
  /// last input, computed exactly on the tape: the state is replicated `N` times (one row
  /// per state scalar) and row `n` of the output is seeded with `e_n`, so one backward pass
  /// gives every row of the Jacobian.
  public func eigenDiagnostics() -> EigenDiagnostics? {
    let spec = config.cell
    let steps = validation.steps
    let vb = validation.batch
    let inputSize = validation.inputSize
    let x0 = Matrix<Scalar>(
      rows: steps, cols: inputSize,
      storage: (0..<steps).flatMap { k in validation.inputs.row(k * vb) })

    // The state entering the last step.
    tape.reset()
    var params = parameters.constants(on: tape)
    var state = initialState(count: config.cell.stateCount, batch: 1)
    let advance = model.stepper(on: tape, parameters: params, inputs: tape.constant(x0), batch: 1)
    for k in 0..<(steps - 1) { state = advance(state, k) }
    let s0 = state.map { tape.value($0) }

    let h = spec.hiddenSize
    let n = s0.count * h
    let lastInput = Matrix<Scalar>(rows: n, cols: inputSize, storage: Array(repeating: x0.row(steps - 1), count: n).flatMap { $0 })
    func jacobian(_ body: ([ParameterID: Var], Var, [Var]) -> [Var]) -> Matrix<Double> {
      tape.reset()
      params = parameters.constants(on: tape)
      let s = s0.map { v in
        tape.leaf(rows: n, cols: h, needsGrad: true) { buf in
          for row in 0..<n { for j in 0..<h { buf[row * h + j] = v[0, j] } }
        }
      }
      let out = body(params, tape.constant(lastInput), s)
      var loss: Var?
      for (r, o) in out.enumerated() {
        let e = tape.leaf(rows: n, cols: h, needsGrad: false) { buf in
          buf.update(repeating: 0)
          for j in 0..<h { buf[(r * h + j) * h + j] = 1 }
        }
        let term = tape.sum(tape.mul(o, e))
        loss = loss.map { tape.add($0, term) } ?? term
      }
      guard let loss else { return Matrix(rows: 0, cols: 0) }
      tape.backward(from: loss)
      var j = Matrix<Double>(rows: n, cols: n)
      for (r, v) in s.enumerated() {
        let g = tape.gradient(v)
        for row in 0..<n { for c in 0..<h { j[row, r * h + c] = Double(g[row, c]) } }
      }
      return j
    }

    let jMap = jacobian { p, x, s in model.stepper(on: tape, parameters: p, inputs: x, batch: n)(s, 0) }
    var fieldEigen: [Complex<Double>] = []
    var headroom = Double.infinity
    if spec.kind == .ode {
      let jField = jacobian { p, x, s in
        ODECell(spec: spec, tape: tape, parameters: p, inputs: x, batch: n).field(tape, s, step: 0)
      }
      fieldEigen = (try? (spec.stepSize * jField).eigenvalues()) ?? []
      headroom = EigenDiagnostics.headroom(
        of: fieldEigen, under: spec.tableau.cellStabilityFunction(implicitIterations: spec.implicitIterations))
    }
    return EigenDiagnostics(
      step: step, field: fieldEigen, map: (try? jMap.eigenvalues()) ?? [],
      spectralNorm: (try? recurrentMatrix().spectralNorm()) ?? .nan,
      mapNorm: (try? jMap.spectralNorm()) ?? .nan, headroom: headroom)
  }

  /// `M_0` (`W_0`, or `W_0 − W_0ᵀ − γI`), or `W_hh` for the baselines, in `Double`
  /// (`CellSpec.recurrentMatrices`).
  public func recurrentMatrix() -> Matrix<Double> {
    config.cell.recurrentMatrices(of: parameters)[0]
  }

  private func initialState(count: Int, batch: Int) -> [Var] {
    (0..<count).map { _ in
      tape.leaf(rows: batch, cols: config.cell.hiddenSize, needsGrad: false) { $0.update(repeating: 0) }
    }
  }
}
