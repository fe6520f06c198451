import Autodiff
import Linalg
import ODECells
import Tableaux
import Testing

/// The lean backward pass (`backward(from:keeping:)`, which reuses gradient buffers once their
/// rule has run) gives every parameter gradient — and every kept `h_k`'s — bit for bit as the
/// pass that keeps every gradient, for every cell of `FastInferenceTests.specs()` (each
/// explicit tableau × t ∈ {1, 2, 3} with activations, structures, gates and decays varied,
/// Jacobi-iterated Gauss–Legendre, LSTM, GRU) plus a Newton-solved one, both precisions and
/// both losses; and its gradient arena is a fraction of the full one's.
@Suite("The lean backward pass changes no bit")
struct LeanBackwardTests {
  static func check<S: BLASScalar>(_: S.Type, _ spec: CellSpec, loss: LossKind) -> (same: Bool, ratio: Double) {
    let (batch, steps, input, output) = (5, 12, 3, 4)
    var rng = Xoshiro256(seed: 7)
    var params = ParameterSet<S>(spec: spec, inputSize: input, outputSize: output, using: &rng)
    for i in params.parameters.indices { params.parameters[i].value = params.parameters[i].value.map { $0 * 2 + S(rng.uniform(-0.2, 0.2)) } }
    let data = randomBatch(S.self, batch: batch, steps: steps, input: input, output: output, loss: loss, everyStep: false, using: &rng)
    let model = SequenceModel<S>(spec: spec)
    func gradients(lean: Bool, keepHidden: Bool) -> (values: [S], gradientElements: Int, used: Int) {
      let tape = Tape<S>()
      let forward = model.record(on: tape, parameters: params, batch: data, loss: loss)
      tape.backward(from: forward.loss, keeping: lean ? (keepHidden ? forward.hidden : []) : nil)
      let read = forward.parameters + (keepHidden ? forward.hidden : [])
      return (read.flatMap { tape.gradient($0).storage }, tape.gradientCapacity, tape.arenaUsed)
    }
    let full = gradients(lean: false, keepHidden: true)
    let leanHidden = gradients(lean: true, keepHidden: true)
    let lean = gradients(lean: true, keepHidden: false)
    let parameterCount = lean.values.count
    let same =
      FastInferenceTests.same(full.values, leanHidden.values)
      && FastInferenceTests.same(Array(full.values.prefix(parameterCount)), lean.values)
    return (same, Double(lean.gradientElements) / Double(full.used))
  }

  @Test(arguments: [LossKind.mse, .crossEntropy])
  func everyCellBothPrecisions(loss: LossKind) throws {
    let gauss = try #require(ButcherTableau.named("gauss-legendre-2"))
    let newton = CellSpec(tableau: gauss, derivativeOrder: 1, hiddenSize: 6, stepSize: 0.2, solver: .newton)
    for spec in try FastInferenceTests.specs() + [newton] {
      let f = Self.check(Float.self, spec, loss: loss)
      let d = Self.check(Double.self, spec, loss: loss)
      #expect(f.same, "\(spec.label) \(spec.activation) float32")
      #expect(d.same, "\(spec.label) \(spec.activation) float64")
      // Parameters and a few live buffers instead of one gradient per value.
      #expect(f.ratio < 0.6, "\(spec.label): lean gradients \(f.ratio) of the values")
    }
  }
}
