import Autodiff
import Linalg
import ODECells
import Tableaux
import Testing

/// `recordInference` (a scan that rewinds the tape after every step) returns exactly the bits
/// of `record`: validation losses in sessions must not depend on which path computed them.
@Suite("Inference scan equals the recorded forward pass bit for bit")
struct InferenceScanTests {
  static func compare<S: BLASScalar>(_: S.Type, _ spec: CellSpec, loss: LossKind, everyStep: Bool) -> Bool {
    let (batch, steps, input, output) = (5, 7, 3, 4)
    var rng = Xoshiro256(seed: 23)
    let params = ParameterSet<S>(spec: spec, inputSize: input, outputSize: output, using: &rng)
    let data = randomBatch(S.self, batch: batch, steps: steps, input: input, output: output, loss: loss, everyStep: everyStep, using: &rng)
    let model = SequenceModel<S>(spec: spec)

    let full = Tape<S>()
    let recorded = model.record(on: full, parameters: params, batch: data, loss: loss)
    let scan = Tape<S>()
    let inferred = model.recordInference(on: scan, parameters: params, batch: data, loss: loss)
    let a = full.value(recorded.outputs).storage + [full.scalar(recorded.loss)]
    let b = scan.value(inferred.outputs).storage + [scan.scalar(inferred.loss)]
    return a.count == b.count
      && zip(a, b).allSatisfy {
        $0.sign == $1.sign && $0.exponentBitPattern == $1.exponentBitPattern
          && $0.significandBitPattern == $1.significandBitPattern
      }
  }

  static func specs() throws -> [CellSpec] {
    let rk4 = try #require(ButcherTableau.named("rk4"))
    let gauss = try #require(ButcherTableau.named("gauss-legendre-2"))
    return [
      CellSpec(hiddenSize: 6, stepSize: 0.1, structure: .antisymmetric, gamma: 0.01),
      CellSpec(tableau: rk4, derivativeOrder: 2, hiddenSize: 6, stepSize: 0.3, decay: [0.1, 0.3], gated: true),
      CellSpec(tableau: gauss, derivativeOrder: 3, hiddenSize: 6, stepSize: 0.2, decay: [0.2, 0.2, 0.2], implicitIterations: 3),
      CellSpec(kind: .lstm, hiddenSize: 6),
      CellSpec(kind: .gru, hiddenSize: 6),
    ]
  }

  @Test(arguments: [LossKind.mse, .crossEntropy], [false, true])
  func everyCellKindBothPrecisions(loss: LossKind, everyStep: Bool) throws {
    for spec in try Self.specs() {
      #expect(Self.compare(Float.self, spec, loss: loss, everyStep: everyStep), "\(spec.kind) float32")
      #expect(Self.compare(Double.self, spec, loss: loss, everyStep: everyStep), "\(spec.kind) float64")
    }
  }

  @Test func rewindKeepsLaterGradientsExact() {
    // Record, mark, record something that consumes x, rewind, then differentiate a new use of x.
    let tape = Tape<Double>()
    let x = tape.parameter(Matrix(rows: 1, cols: 3, storage: [0.5, -1, 2]))
    let mark = tape.mark()
    _ = tape.tanh(x)
    tape.rewind(to: mark)
    let loss = tape.sum(tape.square(x))
    tape.backward(from: loss)
    #expect(tape.gradient(x).storage == [1, -2, 4])
  }
}
