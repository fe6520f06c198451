import Autodiff
import Foundation
import Linalg
import Tableaux
import ODECells
import Testing
import Training

/// `TrajectoryDiagnostics` against independent oracles: a forward pass written here for the
/// vanilla cell, and float64 central differences of `S_T` in `S_0` for every kind of cell.
@Suite("trajectory diagnostics")
struct TrajectoryDiagnosticsTests {
  static func engine(_ cell: CellSpec, length: Int = 7) throws -> TrainingEngine<Double> {
    var c = TrainingConfig(cell: cell, task: .adding(length: length))
    c.precision = .float64
    c.batchSize = 8
    let engine = try TrainingEngine<Double>(config: c)
    for _ in 0..<3 { _ = engine.trainStep() }
    return engine
  }

  @Test func stateNormsEqualAForwardPassWrittenHere() throws {
    let h = 4
    let engine = try Self.engine(CellSpec(hiddenSize: h, stepSize: 1, decay: [1]))
    let p = engine.parameters
    let (w, v, bias) = (p[.recurrent(0)]!, p[.input]!, p[.bias]!)
    let batch = engine.validation
    var sums = [Double](repeating: 0, count: batch.steps)
    for e in 0..<batch.batch {
      var s = [Double](repeating: 0, count: h)
      for k in 0..<batch.steps {
        let x = batch.inputs.row(k * batch.batch + e)
        s = (0..<h).map { i in
          tanh(bias[0, i] + (0..<h).map { w[i, $0] * s[$0] }.reduce(0, +) + x.indices.map { v[i, $0] * x[$0] }.reduce(0, +))
        }
        sums[k] += s.map { $0 * $0 }.reduce(0, +)
      }
    }
    let expected = sums.map { ($0 / Double(batch.batch)).squareRoot() }
    let d = try engine.trajectoryDiagnostics()
    #expect(d.stateNorms.count == batch.steps)
    for (a, b) in zip(d.stateNorms, expected) { #expect(abs(a - b) <= 1e-13, "\(a) vs \(b)") }
  }

  /// `S_T` of validation example 0 from `S_0`, stepping the model's own cell on a fresh tape.
  static func finalState(_ engine: TrainingEngine<Double>, from s0: [Double]) -> [Double] {
    let spec = engine.config.cell
    let h = spec.hiddenSize
    let batch = engine.validation
    let inputs = Matrix<Double>(
      rows: batch.steps, cols: batch.inputSize, storage: (0..<batch.steps).flatMap { batch.inputs.row($0 * batch.batch) })
    let tape = Tape<Double>()
    let advance = engine.model.stepper(
      on: tape, parameters: engine.parameters.constants(on: tape), inputs: tape.constant(inputs), batch: 1)
    var s = (0..<spec.stateCount).map { r in tape.constant(Matrix(rows: 1, cols: h, storage: Array(s0[(r * h)..<((r + 1) * h)]))) }
    for k in 0..<batch.steps { s = advance(s, k) }
    return s.flatMap { tape.value($0).storage }
  }

  static let cells: [CellSpec] = [
    CellSpec(hiddenSize: 3, stepSize: 1, decay: [1]),
    CellSpec(tableau: ButcherTableau.named("rk4")!, derivativeOrder: 2, hiddenSize: 3, stepSize: 0.3, decay: [0.5, 0.2], gated: true),
    CellSpec(tableau: ButcherTableau.named("implicit-midpoint")!, hiddenSize: 3, stepSize: 0.5, structure: .antisymmetric, gamma: 0.1),
    CellSpec(kind: .lstm, hiddenSize: 3),
    CellSpec(kind: .gru, hiddenSize: 3),
  ]

  @Test(arguments: cells)
  func jacobianSingularValuesEqualThoseOfCentralDifferences(_ cell: CellSpec) throws {
    let engine = try Self.engine(cell, length: 6)
    let d = try engine.trajectoryDiagnostics()
    let n = cell.stateCount * cell.hiddenSize
    let delta = 1e-6
    var fd = Matrix<Double>(rows: n, cols: n)
    // S_0 = 0, as the diagnostics start; column c is ∂S_T/∂(S_0)_c.
    for c in 0..<n {
      var plus = [Double](repeating: 0, count: n), minus = plus
      plus[c] = delta
      minus[c] = -delta
      let (a, b) = (Self.finalState(engine, from: plus), Self.finalState(engine, from: minus))
      for r in 0..<n { fd[r, c] = (a[r] - b[r]) / (2 * delta) }
    }
    let expected = try fd.singularValues().sorted(by: >)
    #expect(d.jacobianSingularValues.count == n)
    for (x, y) in zip(d.jacobianSingularValues, expected) {
      #expect(abs(x - y) <= 1e-7 * max(1, y), "\(cell.label): \(x) vs \(y)")
    }
  }

  @Test func decadesCountEverySingularValueOnce() {
    let d = TrajectoryDiagnostics(step: 0, stateNorms: [], jacobianSingularValues: [30, 2, 1.5, 0.02, 0])
    #expect(d.singularValueDecades.map(\.exponent) == [-2, -1, 0, 1])
    #expect(d.singularValueDecades.map(\.count) == [2, 0, 2, 1])
    #expect(d.medianSingularValue == 1.5)
    #expect(abs(d.roundingFloor - 30 * 5 * Double.ulpOfOne) < 1e-30)
  }

  /// The floor is float32's for a float32 run whose step Jacobians come from backpropagation
  /// (the LSTM), float64's where they are closed forms built in Double.
  @Test func theRoundingFloorFollowsHowTheStepJacobiansAreMade() throws {
    for (cell, closed) in [(CellSpec(kind: .lstm, hiddenSize: 3), false), (CellSpec(hiddenSize: 3), true)] {
      var c = TrainingConfig(cell: cell, task: .adding(length: 5))
      c.precision = .float32
      let d = try TrainingEngine<Float>(config: c).trajectoryDiagnostics()
      #expect(d.unitRoundoff == (closed ? Double.ulpOfOne : Double(Float.ulpOfOne)), "\(cell.label)")
    }
  }
}
