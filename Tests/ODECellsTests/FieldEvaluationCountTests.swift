import Linalg
import ODECells
import Tableaux
import Testing

@testable import Autodiff

/// `CellSpec.fieldEvaluationsPerStep` (shown on Compose) counts what `ODECell.step` really
/// records: each evaluation of a non-gated first-order field is exactly one `matmulAdd`.
@Suite("Field evaluations per step")
struct FieldEvaluationCountTests {
  static func recordedEvaluations(_ spec: CellSpec) -> Int {
    let tape = Tape<Double>()
    var rng = Xoshiro256(seed: 3)
    let params = ParameterSet<Double>(spec: spec, inputSize: 1, outputSize: 1, using: &rng)
    let x = tape.constant(Matrix(rows: 2, cols: 1, storage: [0.1, 0.2]))
    let cell = ODECell(spec: spec, tape: tape, parameters: params.constants(on: tape), inputs: x, batch: 2)
    let state = tape.constant(Matrix(rows: 2, cols: spec.hiddenSize, storage: [Double](repeating: 0.1, count: 2 * spec.hiddenSize)))
    let before = tape.count
    _ = cell.step(tape, [state], step: 0)
    return tape.nodes[before...].filter { $0.op == .matmulAdd }.count
  }

  @Test(arguments: ButcherTableau.catalogNames)
  func countMatchesTheRecordedStep(name: String) throws {
    let tableau = try #require(ButcherTableau.named(name))
    for m in [1, 3, 8] {
      let spec = CellSpec(tableau: tableau, hiddenSize: 3, stepSize: 0.1, implicitIterations: m, solver: .jacobi)
      #expect(spec.fieldEvaluationsPerStep == Self.recordedEvaluations(spec), "\(name) m=\(m)")
    }
  }
}
