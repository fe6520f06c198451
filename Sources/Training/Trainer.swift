import Foundation
import Synchronization

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

/// Runs a `TrainingLoop` on one background thread and talks only through two mailboxes:
/// commands in, events out.
///
/// Eigen diagnostics run beside training, on a `DiagnosticsWorker` thread of the trainer's:
/// a diagnostic step takes what they need (the parameters and the state at that step) and
/// training goes on; each `eigen` event is posted when computed, after the metrics of its
/// step (they are flushed first), in step order. A finished or diverged run waits for the
/// last ones before its end; a stopped run does not wait (their results are dropped), so a
/// stop is never held up by a diagnostic.
///
/// Metrics leave at the `TrainingLoop` cadence (merged into the last queued metrics event, so
/// a slow reader never makes the trainer wait); every other event is posted as it happens.
/// The thread never touches the terminal and never blocks on its reader; while paused it
/// sleeps on its command mailbox. Commands take effect before the next step. After `.stop`
/// the thread posts `.stopped` and exits; `join()` waits for that exit and `isAlive` tells
/// whether the thread still exists, so its owner can prove it never runs two.
public final class Trainer: Sendable {
  /// Commands to the thread.
  public let commands = Mailbox<TrainerCommand>()
  /// Events from the thread.
  public let events = Mailbox<TrainerEvent>()
  private let exit = ThreadExit()

  /// A trainer for `run` (not started: post `.start`). `run` is handed over to the thread
  /// and must not be used by the caller afterwards. `beforeDiagnostic(step)` runs on the
  /// diagnostics thread before each eigen computation (tests hold it to show that training
  /// does not wait for one).
  public init(run: sending any TrainingRun, beforeDiagnostic: @escaping @Sendable (_ step: Int) -> Void = { _ in }) {
    let box = UncheckedBox(TrainingDriver(run: run))
    let commands = self.commands
    let events = self.events
    let exit = self.exit
    let thread = Thread {
      let worker = DiagnosticsWorker(before: beforeDiagnostic) { e in events.post(.run(.eigen(e))) }
      Trainer.loop(driver: box.value, worker: worker, commands: commands, events: events)
      worker.close()
      exit.signal()
    }
    thread.name = "odernn-trainer"
    thread.stackSize = 16 << 20
    thread.start()
  }

  /// Posts a command.
  public func send(_ command: TrainerCommand) { commands.post(command) }

  /// Takes every event posted since the last call.
  public func drainEvents() -> [TrainerEvent] { events.drain() }

  /// Whether the thread has not exited yet.
  public var isAlive: Bool { !exit.hasExited }

  /// Blocks until the thread has exited (after `.stop`).
  public func join() { exit.wait() }

  private static func loop(
    driver: TrainingDriver, worker: DiagnosticsWorker, commands: Mailbox<TrainerCommand>, events: Mailbox<TrainerEvent>
  ) {
    let clock = ContinuousClock()
    let start = clock.now
    driver.defersEigen = true
    let loop = TrainingLoop(driver: driver) { (clock.now - start).inSeconds }
    var running = false
    var stepsToRun = 0  // single steps requested while paused

    /// Hands the diagnostic steps' eigen jobs to the worker, after their steps' metrics
    /// (`flushing` them first unless they have left already).
    func submitEigen(flushing: Bool) {
      let jobs = driver.takeEigenJobs()
      guard !jobs.isEmpty else { return }
      if flushing { postEvents(loop.flush()) }
      for job in jobs { worker.submit(job) }
    }
    /// Posts `due`; before the run's last event, every eigen job is computed and posted.
    func post(_ due: [RunEvent]) {
      for e in due {
        switch e {
        case .finished, .diverged:
          submitEigen(flushing: false)
          worker.waitUntilIdle()
        case .stopped:
          _ = driver.takeEigenJobs()
          worker.abandon()
        default: break
        }
        postEvents([e])
      }
    }
    func postEvents(_ due: [RunEvent]) {
      for e in due {
        guard case .metrics = e else {
          events.post(.run(e))
          continue
        }
        events.postMerging(.run(e)) { last, next in
          guard case .run(.metrics(let a)) = last, case .run(.metrics(let b)) = next else { return nil }
          return .run(.metrics(a + b))
        }
      }
    }
    func setRunning(_ value: Bool) {
      guard value != running else { return }
      running = value
      post(loop.flush())
      events.post(.running(value))
    }

    while true {
      for command in commands.drain() {
        switch command {
        case .start: setRunning(true)
        case .resume:
          if !running { post(loop.apply(.resume)) }
          setRunning(true)
        case .pause:
          if running { post(loop.apply(.pause)) }
          setRunning(false)
        case .singleStep:
          if !running { stepsToRun += 1 }
        case .stop:
          post(loop.stop())
          events.post(.stopped(failure: nil))
          return
        case .setLearningRate(let lr): post(loop.apply(.setLearningRate, value: lr))
        case .setDiagnosticsEvery(let n): post(loop.apply(.setDiagnosticsEvery, value: Double(n)))
        case .checkpoint: post(loop.checkpointNow())
        }
      }
      if loop.isDone { setRunning(false) }
      guard !loop.isDone, running || stepsToRun > 0 else {
        post(loop.flush())
        commands.wait(timeout: 1)
        continue
      }
      if stepsToRun > 0 { stepsToRun -= 1 }
      post(loop.step().due)
      submitEigen(flushing: true)
      if !running { post(loop.flush()) }
    }
  }
}

/// The end of a thread, observable from others: `signal()` once when it exits, `wait()` until
/// then.
private final class ThreadExit: Sendable {
  private let exited = Mutex(false)
  private let condition = NSCondition()

  var hasExited: Bool { exited.withLock { $0 } }

  func signal() {
    condition.lock()
    exited.withLock { $0 = true }
    condition.broadcast()
    condition.unlock()
  }

  func wait() {
    condition.lock()
    while !hasExited { condition.wait() }
    condition.unlock()
  }
}

/// Moves a non-Sendable value into the trainer thread, which becomes its only user.
private final class UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
