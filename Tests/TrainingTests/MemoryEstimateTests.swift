import Testing

@testable import Training

/// The estimate's tape size is measured by probes; held here against the real tape of a
/// training step, for every kind of cell and task shape.
@Suite("Memory estimate")
struct MemoryEstimateTests {
  static let configs: [String] = [
    #"{"cell":{"hiddenSize":16},"task":{"name":"adding","length":30},"batchSize":8}"#,
    #"{"cell":{"hiddenSize":24,"tableau":"rk4","derivativeOrder":2,"gated":true},"task":{"name":"sine","length":20},"batchSize":4}"#,
    #"{"cell":{"hiddenSize":12,"tableau":"gauss-legendre-2","solver":"jacobi","implicitIterations":3,"structure":"antisymmetric","gamma":0.1},"task":{"name":"copy","delay":10,"length":4},"batchSize":5}"#,
    #"{"cell":{"kind":"lstm","hiddenSize":20},"task":{"name":"adding","length":25},"batchSize":6}"#,
    #"{"cell":{"kind":"gru","hiddenSize":9},"task":{"name":"copy","delay":7,"symbols":3,"length":3},"batchSize":3,"precision":"float64"}"#,
  ]

  @Test(arguments: configs)
  func theProbedTapeMatchesARealTrainingStep(_ text: String) throws {
    let config = try parseConfig(text)
    let engine = try TrainingEngine<Float>(config: config)
    _ = engine.trainStep()
    let actual = Double(engine.tape.arenaUsed)
    let (a, b, c) = MemoryEstimate.perStepElements(config.cell, engine.task)
    let estimated = Double(config.batchSize) * Double(engine.task.steps) * (a + b * Double(config.cell.hiddenSize)) + c
    // The probes record the forward pass; the step adds its backward pass's few extras, and
    // the probes of a task read out at several steps read out at every one (the copy task
    // reads its last `length`): measured −1.7 % to +10.2 % (the copy task, an over-estimate),
    // which the bytes' growth margin of ½ covers.
    #expect(abs(estimated - actual) <= 0.12 * actual, "estimated \(estimated) elements, the step used \(actual)")
    #expect(estimated * 1.5 >= actual)
  }

  @Test func aRunThatCannotFitIsRefusedWithTheEstimate() throws {
    let config = try parseConfig(#"{"cell":{"hiddenSize":64},"task":{"name":"adding","length":1000}}"#)
    let estimate = try #require(MemoryEstimate.of(config))
    #expect(throws: ConfigError.self) { try estimate.require(available: estimate.total - 1) }
    #expect(throws: Never.self) { try estimate.require(available: estimate.total) }
    do {
      try estimate.require(available: 1 << 20)
    } catch {
      #expect(error.description.hasPrefix("this run needs about "), "\(error)")
      #expect(error.description.contains("but 1.0 MiB is available"), "\(error)")
    }
    // Linear in the batch and the length: twice the batch, about twice the activations.
    var twice = config
    twice.batchSize *= 2
    let ratio = Double(try #require(MemoryEstimate.of(twice)).activations) / Double(estimate.activations)
    #expect(ratio > 1.9 && ratio < 2.01, "\(ratio)")
  }

  @Test func formats() {
    #expect(MemoryEstimate.format(512) == "512 B")
    #expect(MemoryEstimate.format(3 << 20) == "3.0 MiB")
    #expect(MemoryEstimate.format(Int(38.25 * Double(1 << 30))) == "38.2 GiB")
  }
}
