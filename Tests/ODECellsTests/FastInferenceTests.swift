import Autodiff
import Linalg
import ODECells
import Tableaux
import Testing

/// The forward-only scan without the tape (`ODEInference`, behind `recordInference` for ODE
/// cells with explicit tableaux) returns exactly the bits of the tape's forward pass (`record`)
/// for every explicit tableau, derivative order, activation, structure, gate and decay, both
/// precisions, both losses, read out at the last step or every step. LSTM, GRU and implicit
/// cells take the tape's scan and are compared too.
@Suite("Fast inference equals the tape's forward pass bit for bit")
struct FastInferenceTests {
  /// Bitwise equality (NaN equals NaN).
  static func same<S: BLASScalar>(_ a: [S], _ b: [S]) -> Bool {
    a.count == b.count
      && zip(a, b).allSatisfy {
        ($0.isNaN && $1.isNaN)
          || ($0.sign == $1.sign && $0.exponentBitPattern == $1.exponentBitPattern
            && $0.significandBitPattern == $1.significandBitPattern)
      }
  }

  /// `record` and `recordInference` on one seeded batch: outputs and loss, bit for bit.
  /// `B·H = 9·70 = 630` elements per state, past the fused kernel's 512-element chunk; then
  /// `B = 100`, past several of OpenBLAS's row tiles. Inputs
  /// of width 3 and 29: the per-step input projection's rows sit in other places of
  /// OpenBLAS's row tiles than in the tape's one projection GEMM.
  static func agree<S: BLASScalar>(_ s: S.Type, _ spec: CellSpec, loss: LossKind, everyStep: Bool) -> Bool {
    [3, 29].allSatisfy { input in
      agree(s, spec, loss: loss, everyStep: everyStep, batch: 9, input: input)
        && agree(s, spec, loss: loss, everyStep: everyStep, batch: 100, input: input)
    }
  }

  static func agree<S: BLASScalar>(
    _: S.Type, _ spec: CellSpec, loss: LossKind, everyStep: Bool, batch: Int, input: Int
  ) -> Bool {
    let (steps, output) = (6, 4)
    var rng = Xoshiro256(seed: 41)
    var params = ParameterSet<S>(spec: spec, inputSize: input, outputSize: output, using: &rng)
    // Larger weights and biases than the initialisation, so that activations saturate and relu cuts.
    for i in params.parameters.indices { params.parameters[i].value = params.parameters[i].value.map { $0 * 3 + S(rng.uniform(-0.3, 0.3)) } }
    let data = randomBatch(S.self, batch: batch, steps: steps, input: input, output: output, loss: loss, everyStep: everyStep, using: &rng)
    let model = SequenceModel<S>(spec: spec)
    let full = Tape<S>()
    let recorded = model.record(on: full, parameters: params, batch: data, loss: loss)
    let expected = full.value(recorded.outputs).storage + [full.scalar(recorded.loss)]
    let fast = Tape<S>()
    let inferred = model.recordInference(on: fast, parameters: params, batch: data, loss: loss)
    return same(expected, fast.value(inferred.outputs).storage + [fast.scalar(inferred.loss)])
  }

  /// Every explicit tableau of the catalog × t ∈ {1, 2, 3}, with activations, structures, gates
  /// and decays varied across the cases; then the cells the fast path does not cover.
  static func specs() throws -> [CellSpec] {
    let explicit = ButcherTableau.catalog.filter(\.isExplicit)
    #expect(explicit.count >= 4, "the catalog's explicit tableaux")
    let activations = Activation.allCases
    var specs: [CellSpec] = []
    for (n, tableau) in explicit.enumerated() {
      for t in 1...3 {
        let v = n * 3 + t
        let antisymmetric = v % 2 == 0
        var decay: [Double] = []
        for r in 0..<t { decay.append((v + r) % 3 == 0 ? 0 : 0.1 * Double(r + 1)) }
        let spec = CellSpec(
          tableau: tableau, derivativeOrder: t, hiddenSize: 70, stepSize: 0.3,
          activation: activations[v % activations.count], structure: antisymmetric ? .antisymmetric : .dense,
          gamma: antisymmetric ? 0.05 : 0, decay: decay, gated: v % 3 == 1)
        specs.append(spec)
      }
    }
    let gauss = try #require(ButcherTableau.named("gauss-legendre-2"))
    specs.append(CellSpec(tableau: gauss, derivativeOrder: 2, hiddenSize: 70, stepSize: 0.2, decay: [0.2, 0.2], implicitIterations: 2))
    specs.append(CellSpec(kind: .lstm, hiddenSize: 70))
    specs.append(CellSpec(kind: .gru, hiddenSize: 70))
    return specs
  }

  @Test(arguments: [LossKind.mse, .crossEntropy], [false, true])
  func everyCellBothPrecisions(loss: LossKind, everyStep: Bool) throws {
    for spec in try Self.specs() {
      #expect(Self.agree(Float.self, spec, loss: loss, everyStep: everyStep), "\(spec.label) \(spec.activation) float32")
      #expect(Self.agree(Double.self, spec, loss: loss, everyStep: everyStep), "\(spec.label) \(spec.activation) float64")
    }
  }

  /// Every activation and the gate on one cell each, both precisions (the catalog loop above
  /// pairs activations with tableaux; this covers each activation on euler and rk4 alone).
  @Test(arguments: Activation.allCases)
  func everyActivation(activation: Activation) throws {
    for name in ["euler", "rk4"] {
      let tableau = try #require(ButcherTableau.named(name))
      for gated in [false, true] {
        let spec = CellSpec(tableau: tableau, hiddenSize: 70, stepSize: 0.5, activation: activation, decay: [0.3], gated: gated)
        #expect(Self.agree(Float.self, spec, loss: .mse, everyStep: true), "\(name) \(activation) gated \(gated) float32")
        #expect(Self.agree(Double.self, spec, loss: .mse, everyStep: true), "\(name) \(activation) gated \(gated) float64")
      }
    }
  }
}
