import Testing

@testable import Training

/// A steady training step's tape (`tapeBytes`: the value and gradient arenas after the first
/// step has sized them) against the activations a backward pass through time must keep
/// (`keptActivationBytes`): an explicit ODE cell writes each step's last pre-activation and
/// its `σ(z)` over the input projection's rows and keeps the projection's gradient in the same
/// buffer, so at a long sequence the tape is those activations and little more — where the
/// projection, its gradient and the activations side by side came to 1.5×.
@Suite("A training step's tape holds about the kept activations")
struct TapeMemoryTests {
  /// Config, and the bound on tape ÷ kept. Measured: Euler 1.05 (1.55 before); RK4 1.63 (2.22
  /// before the combination's partial sums were written in place; the floor without
  /// recomputation is 8/5: its three stage states `S_k + ε a_i K` are read by their GEMMs'
  /// rules); a gated order-2 cell read out at every step 2.03 (the readout stacks the states
  /// for one GEMM, and that stack's gradient is one more block).
  static let cases: [(String, Double)] = [
    (#"{"cell":{"hiddenSize":32,"structure":"antisymmetric","gamma":0.01},"task":{"name":"adding","length":400},"batchSize":16}"#, 1.1),
    (#"{"cell":{"hiddenSize":24,"tableau":"rk4"},"task":{"name":"adding","length":300},"batchSize":8}"#, 1.7),
    (#"{"cell":{"hiddenSize":16,"derivativeOrder":2,"gated":true},"task":{"name":"sine","length":300},"batchSize":8}"#, 2.1),
  ]

  @Test(arguments: cases.indices)
  func aLongSequence(_ i: Int) throws {
    let (text, bound) = Self.cases[i]
    let engine = try TrainingEngine<Float>(config: parseConfig(text))
    _ = engine.trainStep()
    _ = engine.trainStep()
    let ratio = Double(engine.tapeBytes) / Double(engine.keptActivationBytes)
    #expect(ratio <= bound, "tape \(engine.tapeBytes) B, \(ratio)× the kept activations")
  }
}
