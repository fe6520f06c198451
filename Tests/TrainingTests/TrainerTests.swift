import Foundation
import Linalg
import Testing
import Training

/// A run that reports, through a mailbox of its own, every step it completes and every
/// checkpoint it takes: a probe the tests wait on without draining the trainer's events.
final class ObservedRun: TrainingRun {
  let inner: any TrainingRun
  let probe: Mailbox<String>

  init(_ inner: any TrainingRun, probe: Mailbox<String>) {
    self.inner = inner
    self.probe = probe
  }

  var config: TrainingConfig { inner.config }
  var task: any SequenceTask { inner.task }
  var step: Int { inner.step }
  var learningRate: Double {
    get { inner.learningRate }
    set { inner.learningRate = newValue }
  }
  var diagnosticsEvery: Int {
    get { inner.diagnosticsEvery }
    set { inner.diagnosticsEvery = newValue }
  }
  var parameterCount: Int { inner.parameterCount }
  var parameterShapes: [(name: String, shape: [Int])] { inner.parameterShapes }
  func trainStep() -> StepReport {
    let r = inner.trainStep()
    probe.post("step \(r.metrics.step)")
    return r
  }
  func isDiagnosticStep(_ n: Int) -> Bool { inner.isDiagnosticStep(n) }
  func evaluate() -> (loss: Double, accuracy: Double?) { inner.evaluate() }
  func eigenDiagnostics() -> EigenDiagnostics? { inner.eigenDiagnostics() }
  func checkpoint() -> Checkpoint {
    let c = inner.checkpoint()
    probe.post("checkpoint \(c.step)")
    return c
  }
  func restore(_ checkpoint: Checkpoint) throws(ConfigError) { try inner.restore(checkpoint) }
  func benchmarkTrainStep(_ index: Int) { inner.benchmarkTrainStep(index) }
  func benchmarkInference(_ index: Int) -> Double { inner.benchmarkInference(index) }
}

/// Collects a trainer's events, waiting on its mailbox (never sleeping) until a condition on
/// everything received so far holds or a generous deadline passes.
final class EventLog {
  let trainer: Trainer
  private(set) var events: [TrainerEvent] = []

  init(_ trainer: Trainer) { self.trainer = trainer }

  /// Drains until `condition(events)` holds; false when `seconds` pass first.
  @discardableResult
  func waitUntil(seconds: Double = 60, _ condition: ([TrainerEvent]) -> Bool) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    events += trainer.drainEvents()
    while !condition(events) {
      let left = deadline.timeIntervalSinceNow
      if left <= 0 { return false }
      trainer.events.wait(timeout: min(left, 1))
      events += trainer.drainEvents()
    }
    return true
  }

  var metrics: [StepMetrics] {
    events.flatMap { e -> [StepMetrics] in
      if case .run(.metrics(let rows)) = e { return rows }
      return []
    }
  }

  var runEvents: [RunEvent] {
    events.compactMap { e in
      if case .run(let r) = e { return r }
      return nil
    }
  }

  static func has(_ events: [TrainerEvent], _ predicate: (TrainerEvent) -> Bool) -> Bool {
    events.contains(where: predicate)
  }
}

/// The trainer thread (DESIGN Part 2): commands in, events out, nothing shared.
@Suite("Trainer thread")
struct TrainerTests {
  static func config(steps: Int = 100_000, diagnosticsEvery: Int = 10, checkpointEvery: Int = 1000, precision: String = "float32") throws -> TrainingConfig {
    try parseConfig(
      #"{"cell":{"hiddenSize":6,"tableau":"midpoint","stepSize":0.5},"task":{"name":"adding","length":8},"batchSize":8,"steps":\#(steps),"diagnosticsEvery":\#(diagnosticsEvery),"checkpointEvery":\#(checkpointEvery),"precision":"\#(precision)"}"#)
  }

  static func isStopped(_ e: TrainerEvent) -> Bool {
    if case .stopped = e { return true }
    return false
  }

  /// Every control event sits between the metrics of the steps before it and those of the
  /// steps it applies to (it is "applied before training step `step`").
  static func checkControlOrder(_ events: [RunEvent]) {
    var lastStep = 0
    for e in events {
      switch e {
      case .metrics(let rows):
        for m in rows { lastStep = m.step }
      case .control(let c):
        #expect(c.step == lastStep + 1, "control \(c.action) for step \(c.step) after the metrics of step \(lastStep)")
      default: break
      }
    }
  }

  @Test func startPauseSingleStepLearningRateStop() throws {
    // No diagnostics or checkpoints while stepping by hand: metrics are the only step events.
    let trainer = Trainer(run: try makeTrainingRun(try Self.config(diagnosticsEvery: 100_000, checkpointEvery: 100_000_000)))
    let log = EventLog(trainer)
    trainer.send(.start)
    // Events arrive: running, then metrics.
    #expect(log.waitUntil { $0.contains(.running(true)) && EventLog.has($0) { if case .run(.metrics) = $0 { true } else { false } } })
    #expect(log.events.first == .running(true))

    // Pause: `.running(false)` (after a pause control event), then no more metrics.
    trainer.send(.pause)
    #expect(log.waitUntil { $0.contains(.running(false)) })
    let stepsAtPause = log.metrics.count
    #expect(stepsAtPause > 0)
    let pauseControl = log.runEvents.compactMap { e -> ControlEvent? in
      if case .control(let c) = e { return c }
      return nil
    }
    #expect(pauseControl.map(\.action) == [.pause])
    #expect(pauseControl.first?.step == stepsAtPause + 1, "applies before the next step")
    // A bounded wait for an event that must not come.
    #expect(!trainer.events.wait(timeout: 0.3), "paused, yet \(trainer.drainEvents())")

    // One single step: exactly one more metrics row, then quiet again.
    trainer.send(.singleStep)
    #expect(log.waitUntil { _ in log.metrics.count > stepsAtPause })
    #expect(!trainer.events.wait(timeout: 0.3))
    log.waitUntil(seconds: 0) { _ in true }
    #expect(log.metrics.count == stepsAtPause + 1)
    #expect(log.metrics.last?.step == stepsAtPause + 1)

    // A new learning rate: a control event, and later rows carry it.
    trainer.send(.setLearningRate(0.0123))
    #expect(log.waitUntil { events in
      events.contains { if case .run(.control(let c)) = $0 { c.action == .setLearningRate } else { false } }
    })
    let lrControl = log.runEvents.compactMap { e -> ControlEvent? in
      if case .control(let c) = e, c.action == .setLearningRate { return c }
      return nil
    }
    #expect(lrControl.count == 1 && lrControl.first?.value == 0.0123 && lrControl.first?.step == stepsAtPause + 2)
    trainer.send(.singleStep)
    trainer.send(.singleStep)
    #expect(log.waitUntil { _ in log.metrics.count == stepsAtPause + 3 })
    #expect(log.metrics.suffix(2).allSatisfy { $0.lr == 0.0123 }, "\(log.metrics.suffix(3))")
    #expect(log.metrics[stepsAtPause].lr == 0.001)

    // Resume, then stop: a final checkpoint at the last step and `.stopped(failure: nil)`.
    trainer.send(.resume)
    #expect(log.waitUntil { _ in log.metrics.count > stepsAtPause + 10 })
    trainer.send(.stop)
    #expect(log.waitUntil { $0.contains(where: Self.isStopped) })
    #expect(log.events.last == .stopped(failure: nil))
    let lastStep = try #require(log.metrics.last?.step)
    let checkpoints = log.runEvents.compactMap { e -> Checkpoint? in
      if case .checkpoint(let c) = e { return c }
      return nil
    }
    #expect(checkpoints.last?.step == lastStep, "final checkpoint at step \(lastStep)")
    // Every step exactly once, in order.
    #expect(log.metrics.map(\.step) == Array(1...lastStep))
    // Nothing after stopped.
    #expect(!trainer.events.wait(timeout: 0.3))
    let actions = log.runEvents.compactMap { e -> ControlEvent.Action? in
      if case .control(let c) = e { return c.action }
      return nil
    }
    #expect(actions == [.pause, .setLearningRate, .resume])
    Self.checkControlOrder(log.runEvents)
  }

  @Test(arguments: ["float32", "float64"])
  func metricsEqualTheSynchronousEngineBitForBit(precision: String) throws {
    let config = try Self.config(steps: 60, checkpointEvery: 25, precision: precision)
    let trainer = Trainer(run: try makeTrainingRun(config))
    let log = EventLog(trainer)
    trainer.send(.start)
    #expect(log.waitUntil { events in events.contains { if case .run(.finished) = $0 { true } else { false } } })
    #expect(log.waitUntil { $0.last == .running(false) }, "the trainer reports it stopped stepping")
    trainer.send(.stop)
    #expect(log.waitUntil { $0.contains(where: Self.isStopped) })
    let expected = try trainMetrics(config, steps: 60)
    #expect(log.metrics.map(MetricBits.init) == expected.map(MetricBits.init))
    // The driver's other events are there, in order: checkpoints at 0, 25, 50, 60; finished at 60.
    let kinds = log.runEvents.map(\.kind)
    #expect(kinds.filter { $0 == "checkpoint" }.count == 4)
    // Eigen diagnostics run beside training: those the worker kept up with, the last step's
    // always (DiagnosticsBesideTrainingTests checks their bits).
    let eigenSteps = log.runEvents.compactMap { e -> Int? in if case .eigen(let d) = e { d.step } else { nil } }
    #expect(kinds.filter { $0 == "grads" }.count == 6 && eigenSteps.last == 60 && Set(eigenSteps).isSubset(of: [10, 20, 30, 40, 50, 60]))
    #expect(kinds.last == "finished")
  }

  /// A reader that drains only at the end still gets every step exactly once, in order, in
  /// merged metrics events.
  @Test func slowReaderGetsEveryStepMerged() throws {
    let steps = 300
    let config = try Self.config(steps: steps, diagnosticsEvery: 100, checkpointEvery: 100_000)
    let probe = Mailbox<String>()
    let trainer = Trainer(run: ObservedRun(try makeTrainingRun(config), probe: probe))
    trainer.send(.start)
    // Wait on the probe, not on the trainer's events, until the final checkpoint is taken.
    var seen: [String] = []
    let deadline = Date(timeIntervalSinceNow: 120)
    while !seen.contains("checkpoint \(steps)") && Date() < deadline {
      probe.wait(timeout: 1)
      seen += probe.drain()
    }
    #expect(seen.contains("checkpoint \(steps)"))
    trainer.send(.stop)
    let log = EventLog(trainer)
    #expect(log.waitUntil { $0.contains(where: Self.isStopped) })
    #expect(log.metrics.map(\.step) == Array(1...steps))
    // Metrics posted while the reader slept were merged: far fewer events than steps, and
    // never two metrics events in a row.
    let metricsEvents = log.runEvents.filter { $0.kind == "metrics" }.count
    #expect(metricsEvents <= 8, "\(metricsEvents) metrics events for \(steps) steps")
    // (The reader starts draining during the last step, so the metrics event holding the last
    // step's rows may follow one the reader already took: pairs ending with it are not checked.)
    for (a, b) in zip(log.runEvents, log.runEvents.dropFirst()) {
      guard case .metrics = a, case .metrics(let rows) = b, rows.last?.step != steps else { continue }
      Issue.record("two metrics events in a row: …\(a.kind) then rows \(rows.first?.step ?? 0)…")
    }
  }

  @Test func divergenceEndsTheRunWithoutACrash() throws {
    let config = try parseConfig(
      #"{"cell":{"hiddenSize":8,"activation":"identity","stepSize":1},"task":{"name":"adding","length":20},"optimizer":{"name":"sgd","learningRate":1000000,"momentum":0},"batchSize":8,"steps":1000}"#)
    let trainer = Trainer(run: try makeTrainingRun(config))
    let log = EventLog(trainer)
    trainer.send(.start)
    #expect(log.waitUntil { events in events.contains { if case .run(.diverged) = $0 { true } else { false } } })
    #expect(log.waitUntil { $0.last == .running(false) })
    let divergedStep = log.runEvents.compactMap { e -> Int? in
      if case .diverged(let step, _) = e { return step }
      return nil
    }.first
    #expect(divergedStep == log.metrics.last?.step)
    trainer.send(.stop)
    #expect(log.waitUntil { $0.contains(where: Self.isStopped) })
    #expect(log.events.last == .stopped(failure: nil))
    trainer.join()
    #expect(!trainer.isAlive, "the thread exits after .stop")
  }

  @Test func singleStepBeforeStartAndStopCheckpoints() throws {
    let trainer = Trainer(run: try makeTrainingRun(try Self.config(diagnosticsEvery: 100_000, checkpointEvery: 100_000_000)))
    let log = EventLog(trainer)
    trainer.send(.singleStep)
    #expect(log.waitUntil { _ in log.metrics.count == 1 })
    #expect(!trainer.events.wait(timeout: 0.3))
    log.waitUntil(seconds: 0) { _ in true }
    #expect(log.metrics.count == 1, "one single step from the initial (paused) state")
    trainer.send(.stop)
    #expect(log.waitUntil { $0.contains(where: Self.isStopped) })
    let checkpoints = log.runEvents.compactMap { e -> Int? in
      if case .checkpoint(let c) = e { return c.step }
      return nil
    }
    #expect(checkpoints == [0, 1], "the initial weights, then the stop")
  }
}
