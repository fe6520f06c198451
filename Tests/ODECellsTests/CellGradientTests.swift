import Autodiff
import Linalg
import ODECells
import Tableaux
import Testing

/// Float64 finite-difference checks of whole unrolled cells (relative error < 1e-6).
@Suite("Cell gradients by finite differences")
struct CellGradientTests {
  static let (batch, steps, input, output) = (2, 3, 2, 2)

  static func batchFor(loss: LossKind, everyStep: Bool, seed: UInt64) -> SequenceBatch<Double> {
    var rng = Xoshiro256(seed: seed)
    return randomBatch(Double.self, batch: batch, steps: steps, input: input, output: output, loss: loss, everyStep: everyStep, using: &rng)
  }

  /// The worst relative error of the model's gradient with respect to every parameter.
  static func worstError(_ spec: CellSpec, loss: LossKind = .mse, everyStep: Bool = false) -> Double {
    var rng = Xoshiro256(seed: 17)
    var params = ParameterSet<Double>(spec: spec, inputSize: input, outputSize: output, using: &rng)
    // Non-zero biases and larger weights so that every path carries gradient.
    for i in params.parameters.indices {
      params.parameters[i].value = params.parameters[i].value.map { $0 + 0.3 * rng.uniform(-1, 1) }
    }
    let data = batchFor(loss: loss, everyStep: everyStep, seed: 5)
    let model = SequenceModel<Double>(spec: spec)
    return GradientCheck.worstError(params.parameters.map(\.value)) { tape, vars in
      model.recordLoss(on: tape, parameterVars: vars, ids: params.ids, batch: data, loss: loss)
    }
  }

  static let orders = [1, 2, 3]

  @Test(arguments: ButcherTableau.catalogNames)
  func everyCatalogTableauAndDerivativeOrder(name: String) throws {
    let tableau = try #require(ButcherTableau.named(name))
    for t in Self.orders {
      let spec = CellSpec(
        tableau: tableau, derivativeOrder: t, hiddenSize: 3, stepSize: 0.4,
        decay: (0..<t).map { 0.2 + 0.1 * Double($0) }, implicitIterations: 3, solver: .jacobi)
      let err = Self.worstError(spec)
      #expect(err < 1e-6, "\(name), t=\(t): \(err)")
    }
  }

  @Test func gatedAntisymmetricAndOtherActivations() throws {
    let rk4 = try #require(ButcherTableau.named("rk4"))
    let cases: [CellSpec] = [
      CellSpec(tableau: rk4, hiddenSize: 3, stepSize: 0.3, structure: .antisymmetric, gamma: 0.1),
      CellSpec(hiddenSize: 3, stepSize: 0.5, structure: .antisymmetric, gamma: 0.05, gated: true),
      CellSpec(tableau: rk4, derivativeOrder: 2, hiddenSize: 3, stepSize: 0.3, decay: [0.1, 0.3], gated: true),
      CellSpec(hiddenSize: 3, stepSize: 0.5, activation: .sigmoid),
      CellSpec(hiddenSize: 3, stepSize: 0.5, activation: .identity),
      CellSpec(hiddenSize: 3, stepSize: 0.5, activation: .relu),
    ]
    for spec in cases {
      let err = Self.worstError(spec)
      #expect(err < 1e-6, "\(spec.label) \(spec.structure) gated=\(spec.gated) \(spec.activation): \(err)")
    }
  }

  @Test func crossEntropyAtEveryStep() throws {
    let spec = CellSpec(tableau: try #require(ButcherTableau.named("gauss-legendre-2")), hiddenSize: 3, stepSize: 0.3)
    #expect(Self.worstError(spec, loss: .crossEntropy, everyStep: true) < 1e-6)
    #expect(Self.worstError(CellSpec(hiddenSize: 3), loss: .mse, everyStep: true) < 1e-6)
  }

  @Test func lstmAndGRUBaselines() {
    #expect(Self.worstError(CellSpec(kind: .lstm, hiddenSize: 3)) < 1e-6)
    #expect(Self.worstError(CellSpec(kind: .gru, hiddenSize: 3)) < 1e-6)
    #expect(Self.worstError(CellSpec(kind: .lstm, hiddenSize: 2), loss: .crossEntropy, everyStep: true) < 1e-6)
  }
}
