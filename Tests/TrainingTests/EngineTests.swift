import Foundation
import Linalg
import ODECells
import Tableaux
import Testing
import Training

/// The synchronous engine and driver: determinism, checkpoints, learning, divergence and
/// the spectral-norm constraint (DESIGN §1.4, §1.6).
@Suite("Training engine")
struct EngineTests {
  static func config(precision: String, seed: Int = 1, task: String = #"{"name":"adding","length":12}"#, cell: String = #""hiddenSize":8,"tableau":"rk4","stepSize":0.5"#) throws -> TrainingConfig {
    try parseConfig(
      #"{"cell":{\#(cell)},"task":\#(task),"batchSize":16,"steps":40,"seed":\#(seed),"precision":"\#(precision)","diagnosticsEvery":5,"checkpointEvery":10}"#)
  }

  // MARK: Determinism

  @Test(arguments: ["float32", "float64"])
  func sameConfigAndSeedGiveBitIdenticalMetrics(precision: String) throws {
    for (task, cell) in [
      (#"{"name":"adding","length":12}"#, #""hiddenSize":8,"tableau":"rk4","stepSize":0.5"#),
      (#"{"name":"copy","delay":5,"symbols":3,"length":3}"#, #""hiddenSize":6,"structure":"antisymmetric","gamma":0.1,"stepSize":0.2,"gated":true"#),
      (#"{"name":"sine","length":10}"#, #""kind":"lstm","hiddenSize":5"#),
      (#"{"name":"sine","length":10}"#, #""hiddenSize":5,"tableau":"gauss-legendre-2","derivativeOrder":2,"decay":[0.5,0.5],"solver":"jacobi","implicitIterations":3"#),
      (#"{"name":"sine","length":10}"#, #""hiddenSize":5,"tableau":"gauss-legendre-2","derivativeOrder":2,"decay":[0.5,0.5]"#),
    ] {
      let c = try Self.config(precision: precision, task: task, cell: cell)
      let a = try trainMetrics(c, steps: 25).map(MetricBits.init)
      let b = try trainMetrics(c, steps: 25).map(MetricBits.init)
      #expect(a == b, "\(cell) \(task)")
      #expect(a.map(\.step) == Array(1...25))
      #expect(a.filter { $0.valLoss != nil }.map(\.step) == [5, 10, 15, 20, 25])
      if task.contains("copy") {
        #expect(a.filter { $0.accuracy != nil }.map(\.step) == [5, 10, 15, 20, 25])
      } else {
        #expect(a.allSatisfy { $0.accuracy == nil })
      }
      let other = try trainMetrics(try Self.config(precision: precision, seed: 2, task: task, cell: cell), steps: 25)
      #expect(other.map(MetricBits.init) != a, "a different seed gives a different run")
      #expect(other[0].loss != Double(bitPattern: a[0].loss))
    }
  }

  // MARK: Checkpoints

  @Test(arguments: ["float32", "float64"])
  func restoringACheckpointContinuesBitIdentically(precision: String) throws {
    for (optimizer, cell) in [
      (#"{"name":"adam","learningRate":0.01}"#, #""hiddenSize":8,"tableau":"rk4","stepSize":0.5"#),
      (#"{"name":"sgd","learningRate":0.05,"momentum":0.9,"clipNorm":1}"#, #""kind":"gru","hiddenSize":6"#),
    ] {
      let c = try parseConfig(
        #"{"cell":{\#(cell)},"task":{"name":"adding","length":10},"optimizer":\#(optimizer),"batchSize":8,"steps":50,"precision":"\#(precision)","diagnosticsEvery":3}"#)
      let uninterrupted = try makeTrainingRun(c)
      for _ in 0..<7 { uninterrupted.trainStep() }
      uninterrupted.learningRate *= 0.5  // a user change before the checkpoint is part of it
      let checkpoint = uninterrupted.checkpoint()
      #expect(checkpoint.step == 7 && checkpoint.dtype.rawValue == precision)
      let expected = (0..<12).map { _ in uninterrupted.trainStep().metrics }

      let fresh = try makeTrainingRun(c)
      try fresh.restore(checkpoint)
      #expect(fresh.step == 7 && fresh.learningRate == uninterrupted.checkpoint().learningRate)
      let resumed = (0..<12).map { _ in fresh.trainStep().metrics }
      #expect(resumed.map(MetricBits.init) == expected.map(MetricBits.init), "\(cell)")
      #expect(resumed.first?.step == 8)
      // And without the restore the fresh run differs (the test can fail).
      let notRestored = try makeTrainingRun(c)
      #expect(notRestored.trainStep().metrics.loss != expected[0].loss)
    }
  }

  @Test func restoreRejectsAMismatchedCheckpoint() throws {
    let c32 = try Self.config(precision: "float32")
    let c64 = try Self.config(precision: "float64")
    let checkpoint = try makeTrainingRun(c32).checkpoint()
    #expect(throws: ConfigError.self) { try makeTrainingRun(c64).restore(checkpoint) }
    var renamed = checkpoint
    renamed.parameters[0].name = "cell.W9"
    #expect(throws: ConfigError.self) { try makeTrainingRun(c32).restore(renamed) }
    var short = checkpoint
    short.parameters[0].values.removeLast()
    #expect(throws: ConfigError.self) { try makeTrainingRun(c32).restore(short) }
    var zeroRNG = checkpoint
    zeroRNG.rng = [0, 0, 0, 0]
    #expect(throws: ConfigError.self) { try makeTrainingRun(c32).restore(zeroRNG) }
  }

  // MARK: Learning

  @Test func sineLossDecreases() throws {
    let c = try parseConfig(
      #"{"cell":{"hiddenSize":16,"tableau":"midpoint","stepSize":0.5,"decay":[0.5]},"task":{"name":"sine","length":30,"noise":0.01},"optimizer":{"learningRate":0.01},"batchSize":32,"steps":150,"diagnosticsEvery":150,"precision":"float64"}"#)
    let run = try makeTrainingRun(c)
    let start = run.evaluate().loss
    var last: StepMetrics?
    for _ in 0..<150 { last = run.trainStep().metrics }
    let end = try #require(last?.valLoss)
    #expect(end < 0.5 * start, "validation loss \(start) → \(end)")
  }

  @Test func addingLossDecreases() throws {
    let c = try parseConfig(
      #"{"cell":{"hiddenSize":16,"stepSize":0.5,"decay":[1]},"task":{"name":"adding","length":10},"optimizer":{"learningRate":0.01},"batchSize":64,"steps":150,"diagnosticsEvery":150}"#)
    let run = try makeTrainingRun(c)
    let start = run.evaluate().loss
    var last: StepMetrics?
    for _ in 0..<150 { last = run.trainStep().metrics }
    let end = try #require(last?.valLoss)
    #expect(end < 0.7 * start, "validation loss \(start) → \(end)")
  }

  // MARK: Divergence

  @Test(arguments: ["float32", "float64"])
  func divergenceIsReportedAndChangesNothing(precision: String) throws {
    let c = try parseConfig(
      #"{"cell":{"hiddenSize":8,"activation":"identity","stepSize":1},"task":{"name":"adding","length":20},"optimizer":{"name":"sgd","learningRate":1000000,"momentum":0},"batchSize":8,"steps":100,"precision":"\#(precision)","diagnosticsEvery":1000,"checkpointEvery":1000}"#)
    let run = try makeTrainingRun(c)
    let driver = TrainingDriver(run: run)
    var before = run.checkpoint()
    var diverged: (step: Int, reason: String)?
    var steps = 0
    while !driver.isDone && steps < 100 {
      before = run.checkpoint()
      let events = driver.advance()
      steps += 1
      for case .diverged(let step, let reason) in events { diverged = (step, reason) }
      if diverged != nil {
        // The failing step's metrics come first and are not finite.
        guard case .metrics(let rows)? = events.first, let m = rows.first else {
          Issue.record("no metrics before diverged: \(events.map(\.kind))")
          break
        }
        #expect(!m.isFinite && m.step == steps)
        #expect(events.last?.kind == "diverged")
        #expect(!events.contains { $0.kind == "finished" })
      }
    }
    let (step, reason) = try #require(diverged, "never diverged in \(steps) steps")
    #expect(step == steps)
    #expect(reason.contains("step \(step)"), "\(reason)")
    #expect(driver.isDone)
    #expect(driver.advance().isEmpty)
    // Nothing changed by the failing step: parameters, optimizer, generator, step counter.
    let after = run.checkpoint()
    #expect(after.step == step - 1)
    #expect(after.parameters.map { $0.values.map(\.bitPattern) } == before.parameters.map { $0.values.map(\.bitPattern) })
    #expect(after.optimizer == before.optimizer)
    #expect(after.parameters.allSatisfy { $0.values.allSatisfy(\.isFinite) })
    #expect(run.step == step - 1)
  }

  // MARK: Spectral norm

  @Test(arguments: ["float32", "float64"])
  func spectralNormConstraintClipsW0(precision: String) throws {
    let c = try parseConfig(
      #"{"cell":{"hiddenSize":12,"tableau":"heun","stepSize":0.5},"task":{"name":"adding","length":8},"optimizer":{"learningRate":0.05},"batchSize":8,"steps":10,"precision":"\#(precision)","constraint":{"spectralNorm":0.5}}"#)
    let run = try makeTrainingRun(c)
    func topSingularValue() throws -> Double {
      let p = try #require(run.checkpoint().parameters.first { $0.name == ParameterID.recurrent(0).name })
      let w = Matrix<Double>(rows: p.shape[0], cols: p.shape[1], storage: p.values)
      return try #require(try w.singularValues().first)
    }
    let initial = try topSingularValue()
    #expect(initial > 1, "the initial W0 (N(0, 1/H)) violates the bound: \(initial)")
    for _ in 0..<6 {
      run.trainStep()
      let s = try topSingularValue()
      #expect(s <= 0.5 + 1e-5, "σ_max(W0) = \(s)")
    }
    // Without the constraint the same run keeps σ_max well above 0.5.
    var free = c
    free.spectralNorm = nil
    let unconstrained = try makeTrainingRun(free)
    for _ in 0..<6 { unconstrained.trainStep() }
    let p = try #require(unconstrained.checkpoint().parameters.first { $0.name == ParameterID.recurrent(0).name })
    let s = try #require(try Matrix<Double>(rows: 12, cols: 12, storage: p.values).singularValues().first)
    #expect(s > 1)
  }
}
