import Foundation
import Synchronization

/// Computes eigen diagnostics on a thread of its own, so that training goes on while a
/// diagnostic that costs several training steps (H = 1024) runs.
///
/// Invariants:
/// - at most one job runs and at most one waits: a job submitted while one waits replaces it
///   (the workbench then shows the newest diagnostics it can keep up with, and memory stays
///   two parameter copies whatever the pace);
/// - results leave through `deliver` in the order of their steps;
/// - `waitUntilIdle()` returns once nothing runs or waits, or once abandoned (the trainer calls
///   it before a finished or diverged run's last event, so no eigen event follows it);
///   waits poll every 0.1 s so that a caller's `giveUp` is seen;
/// - `submitWhenFree` (`odernn train`) never replaces a waiting job: it waits for room;
/// - after `abandon()` nothing more is delivered, and a job still running is left to end on
///   its own (the trainer calls it when stopped, so a stop never waits for a diagnostic).
final class DiagnosticsWorker: Sendable {
  private struct State {
    var waiting: EigenJob?
    var running = false
    var abandoned = false
    var closed = false
    var skipped = 0
  }
  private let deliver: @Sendable (EigenDiagnostics) -> Void
  /// Runs before each job, with its step (tests hold it there to show training does not wait).
  private let before: @Sendable (Int) -> Void
  private let state = Mutex(State())
  private let changed = NSCondition()

  init(before: @escaping @Sendable (Int) -> Void = { _ in }, deliver: @escaping @Sendable (EigenDiagnostics) -> Void) {
    self.deliver = deliver
    self.before = before
    let thread = Thread { [self] in work() }
    thread.name = "odernn-diagnostics"
    thread.stackSize = 16 << 20
    thread.start()
  }

  /// Jobs replaced before they started (diagnostics the workbench could not keep up with).
  var skipped: Int { state.withLock { $0.skipped } }

  func submit(_ job: EigenJob) {
    update { s in
      if s.waiting != nil { s.skipped += 1 }
      s.waiting = job
    }
  }

  /// Hands `job` over once no other waits, so that none is replaced (`odernn train` records
  /// every diagnostic). Returns false, dropping `job`, when `giveUp()` turns true first
  /// (checked every 0.1 s while waiting: a stop never waits for a diagnostic).
  func submitWhenFree(_ job: EigenJob, giveUp: () -> Bool) -> Bool {
    changed.lock()
    defer { changed.unlock() }
    while state.withLock({ $0.waiting != nil && !$0.abandoned }) {
      if giveUp() { return false }
      _ = changed.wait(until: Date(timeIntervalSinceNow: 0.1))
    }
    if state.withLock({ $0.abandoned || $0.closed }) { return false }
    state.withLock { $0.waiting = job }
    changed.broadcast()
    return true
  }

  /// Blocks until no job runs or waits, or until `giveUp()` turns true (checked every 0.1 s).
  func waitUntilIdle(giveUp: () -> Bool = { false }) {
    changed.lock()
    while state.withLock({ !$0.abandoned && ($0.running || $0.waiting != nil) }) && !giveUp() {
      _ = changed.wait(until: Date(timeIntervalSinceNow: 0.1))
    }
    changed.unlock()
  }

  /// Drops the waiting job and whatever the running one computes; nothing is delivered after.
  func abandon() {
    update { s in
      s.waiting = nil
      s.abandoned = true
    }
  }

  /// Lets the thread end (after the job it runs).
  func close() { update { $0.closed = true } }

  private func update(_ body: (inout State) -> Void) {
    changed.lock()
    state.withLock { body(&$0) }
    changed.broadcast()
    changed.unlock()
  }

  private func work() {
    while true {
      changed.lock()
      var job: EigenJob?
      while job == nil {
        let (next, closed) = state.withLock { s -> (EigenJob?, Bool) in
          guard !s.closed, !s.abandoned, let j = s.waiting else { return (nil, s.closed || s.abandoned) }
          s.waiting = nil
          s.running = true
          return (j, false)
        }
        if closed {
          changed.unlock()
          return
        }
        job = next
        if job == nil { changed.wait() }
      }
      changed.unlock()
      guard let job else { continue }
      before(job.step)
      let result = job.compute()
      // Delivered under the lock, so that abandon() and the delivery cannot cross.
      changed.lock()
      let abandoned = state.withLock { $0.abandoned }
      if let result, !abandoned { deliver(result) }
      state.withLock { $0.running = false }
      changed.broadcast()
      changed.unlock()
    }
  }
}
