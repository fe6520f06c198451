import Foundation

/// What the workbench asks of the trainer thread.
public enum TrainerCommand: Sendable, Equatable {
  /// Start (or continue) stepping.
  case start
  /// Stop stepping; the thread waits for commands.
  case pause
  /// Continue after a pause.
  case resume
  /// One step, then stay paused.
  case singleStep
  /// End the run: a final checkpoint, then the thread exits.
  case stop
  /// A new learning rate from the next step on (recorded as a control event).
  case setLearningRate(Double)
  /// A new diagnostics interval (recorded as a control event).
  case setDiagnosticsEvery(Int)
  /// A checkpoint of the current state now (the user saved).
  case checkpoint
}

/// What the trainer thread reports.
public enum TrainerEvent: Sendable, Equatable {
  /// A run event (metrics, diagnostics, checkpoint, control, diverged, finished), in order.
  case run(RunEvent)
  /// The thread is now stepping (true) or waiting (false).
  case running(Bool)
  /// The thread ended; a message when it failed.
  case stopped(failure: String?)
}

/// Runs a `TrainingDriver` on one background thread and talks only through two mailboxes:
/// commands in, events out.
///
/// Metrics are posted about every 50 ms (merged into the last queued metrics event, so a slow
/// reader never makes the trainer wait); every other event is posted as it happens. The
/// thread never touches the terminal and never blocks on its reader; while paused it sleeps
/// on its command mailbox. Commands take effect before the next step.
public final class Trainer: Sendable {
  /// Commands to the thread.
  public let commands = Mailbox<TrainerCommand>()
  /// Events from the thread.
  public let events = Mailbox<TrainerEvent>()

  /// A trainer for `run` (not started: post `.start`). `run` is handed over to the thread
  /// and must not be used by the caller afterwards.
  public init(run: sending any TrainingRun, metricsInterval: Double = 0.05) {
    let box = UncheckedBox(TrainingDriver(run: run))
    let commands = self.commands
    let events = self.events
    let thread = Thread {
      Trainer.loop(driver: box.value, commands: commands, events: events, interval: metricsInterval)
    }
    thread.name = "odernn-trainer"
    thread.stackSize = 16 << 20
    thread.start()
  }

  /// Posts a command.
  public func send(_ command: TrainerCommand) { commands.post(command) }

  /// Takes every event posted since the last call.
  public func drainEvents() -> [TrainerEvent] { events.drain() }

  private static func loop(driver: TrainingDriver, commands: Mailbox<TrainerCommand>, events: Mailbox<TrainerEvent>, interval: Double) {
    let clock = ContinuousClock()
    var running = false
    var stepsToRun = 0  // single steps requested while paused
    var pending: [StepMetrics] = []
    var lastPost = clock.now

    func post(_ e: RunEvent) { events.post(.run(e)) }
    func flushMetrics() {
      guard !pending.isEmpty else { return }
      let rows = pending
      pending.removeAll(keepingCapacity: true)
      events.postMerging(.run(.metrics(rows))) { last, next in
        guard case .run(.metrics(let a)) = last, case .run(.metrics(let b)) = next else { return nil }
        return .run(.metrics(a + b))
      }
      lastPost = clock.now
    }
    func setRunning(_ value: Bool) {
      if value != running {
        running = value
        flushMetrics()
        events.post(.running(value))
      }
    }

    while true {
      for command in commands.drain() {
        switch command {
        case .start, .resume:
          flushMetrics()  // a control event follows the metrics of the steps before it
          if command == .resume { post(driver.apply(.resume)) }
          setRunning(true)
        case .pause:
          flushMetrics()
          if running { post(driver.apply(.pause)) }
          setRunning(false)
        case .singleStep:
          if !running { stepsToRun += 1 }
        case .stop:
          flushMetrics()
          for e in driver.stop() { post(e) }
          events.post(.stopped(failure: nil))
          return
        case .setLearningRate(let lr):
          flushMetrics()
          post(driver.apply(.setLearningRate, value: lr))
        case .setDiagnosticsEvery(let n):
          flushMetrics()
          post(driver.apply(.setDiagnosticsEvery, value: Double(n)))
        case .checkpoint:
          flushMetrics()
          if let e = driver.checkpointNow() { post(e) }
        }
      }
      if driver.isDone { setRunning(false) }
      guard !driver.isDone, running || stepsToRun > 0 else {
        flushMetrics()
        commands.wait(timeout: 1)
        continue
      }
      if stepsToRun > 0 { stepsToRun -= 1 }
      for event in driver.advance() {
        switch event {
        case .metrics(let rows): pending += rows
        default:
          flushMetrics()
          post(event)
        }
      }
      let elapsed = clock.now - lastPost
      if elapsed >= .milliseconds(Int(interval * 1000)) || !running { flushMetrics() }
    }
  }
}

/// Moves a non-Sendable value into the trainer thread, which becomes its only user.
private final class UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
