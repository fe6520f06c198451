import Autodiff
import Linalg
import ODECells
import Tableaux

/// The eigen diagnostics of one step, taken (`TrainingEngine.eigenJob`) and to be computed.
public struct EigenJob: Sendable {
  /// The step they are of.
  public let step: Int
  /// Computes them (seconds at H = 1024: two `geev`-sized factorizations).
  public let compute: @Sendable () -> EigenDiagnostics?

  public init(step: Int, compute: @escaping @Sendable () -> EigenDiagnostics?) {
    self.step = step
    self.compute = compute
  }
}

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
  /// Where the diagnostics look: the state that validation example 0 reaches before its last
  /// step, with its last input.
  public func diagnosticPoint() -> CellPoint<Scalar> {
    let steps = validation.steps
    let inputs = Matrix<Scalar>(
      rows: steps, cols: validation.inputSize,
      storage: (0..<steps).flatMap { k in validation.inputs.row(k * validation.batch) })
    let state = model.state(after: steps - 1, of: inputs, parameters: parameters, on: tape)
    return CellPoint(state: state, input: Matrix(rows: 1, cols: inputs.cols, storage: inputs.row(steps - 1)))
  }

  /// The eigenvalues and norms of the cell's exact Jacobians (`SequenceModel.fieldJacobian`,
  /// `mapJacobian`) at `diagnosticPoint()`: `eigenJob()` computed now.
  public func eigenDiagnostics() -> EigenDiagnostics? { eigenJob()?.compute() }

  /// What the eigen diagnostics of the current step need, taken now — the parameters (a
  /// copy), the diagnostic point and the step — and their computation, which may run later on
  /// any thread (the workbench's trainer runs it beside training): it gives the same bits
  /// whenever and wherever it runs (its own tape; the engine is not touched).
  public func eigenJob() -> EigenJob? {
    let point = diagnosticPoint()
    let (spec, model, parameters, step) = (config.cell, model, parameters, step)
    return EigenJob(step: step) {
      let tape = Tape<Scalar>()
      let map = model.mapJacobian(parameters: parameters, at: point, on: tape)
      var fieldEigen: [Complex<Double>] = []
      var mapEigen: [Complex<Double>]?
      var headroom = Double.infinity
      if let field = model.fieldJacobian(parameters: parameters, at: point, on: tape) {
        fieldEigen = (try? field.eigenvalues()) ?? []
        headroom = EigenDiagnostics.headroom(of: fieldEigen, under: spec.integratedStabilityFunction)
        if Self.mapIsIdentityPlusField(spec) { mapEigen = fieldEigen.map { Complex(1 + $0.real, $0.imaginary) } }
      }
      return EigenDiagnostics(
        step: step, field: fieldEigen, map: mapEigen ?? (try? map.eigenvalues()) ?? [],
        spectralNorm: (try? spec.recurrentMatrices(of: parameters)[0].spectralNorm()) ?? .nan,
        mapNorm: (try? map.spectralNorm()) ?? .nan, headroom: headroom)
    }
  }

  /// Whether one step's map is `I + ε·∂F/∂S` itself: an explicit one-stage tableau with
  /// `b = [1]` (forward Euler), whose single stage is evaluated at `S_k`. Its eigenvalues are
  /// then `1 + ε·λ_i` exactly (a shift moves no eigenvector), which saves one `geev`; they
  /// equal `geev` of the map to rounding (`EigenShiftTests`).
  static func mapIsIdentityPlusField(_ spec: CellSpec) -> Bool {
    spec.kind == .ode && spec.tableau.isExplicit && spec.tableau.stages == 1 && spec.tableau.b == [1]
  }

  /// `M_0` (`W_0`, or `W_0 − W_0ᵀ − γI`), or `W_hh` for the baselines, in `Double`
  /// (`CellSpec.recurrentMatrices`).
  public func recurrentMatrix() -> Matrix<Double> {
    config.cell.recurrentMatrices(of: parameters)[0]
  }
}
