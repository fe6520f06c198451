import Foundation
import Synchronization

/// Computes eigen diagnostics on a thread of its own, in the order they were taken, so that
/// training goes on while a diagnostic that costs several training steps (H = 1024) runs.
///
/// Invariant: results leave through `deliver` in the order of `submit`; `waitUntilIdle()`
/// returns once every submitted job has been delivered (the trainer calls it before a run's
/// last event, so no eigen event follows `finished`, `diverged` or `stopped`). The thread ends
/// when the worker is closed.
final class DiagnosticsWorker: Sendable {
  private let jobs = Mailbox<EigenJob>()
  private let deliver: @Sendable (EigenDiagnostics) -> Void
  /// Runs before each job (tests hold it there to show training does not wait).
  private let before: @Sendable () -> Void
  private let state = Mutex<(submitted: Int, delivered: Int, closed: Bool)>((0, 0, false))
  private let idle = NSCondition()

  init(before: @escaping @Sendable () -> Void = {}, deliver: @escaping @Sendable (EigenDiagnostics) -> Void) {
    self.deliver = deliver
    self.before = before
    let thread = Thread { [self] in work() }
    thread.name = "odernn-diagnostics"
    thread.stackSize = 16 << 20
    thread.start()
  }

  func submit(_ job: EigenJob) {
    state.withLock { $0.submitted += 1 }
    jobs.post(job)
  }

  /// Blocks until every submitted job has been delivered.
  func waitUntilIdle() {
    idle.lock()
    while state.withLock({ $0.delivered < $0.submitted }) { idle.wait() }
    idle.unlock()
  }

  /// Ends the thread once the jobs submitted so far are delivered.
  func close() {
    state.withLock { $0.closed = true }
    jobs.post(EigenJob(step: -1) { nil })  // wakes the thread
  }

  private func work() {
    while true {
      for job in jobs.drain() {
        if job.step >= 0 {
          before()
          if let e = job.compute() { deliver(e) }
          idle.lock()
          state.withLock { $0.delivered += 1 }
          idle.broadcast()
          idle.unlock()
        }
      }
      if state.withLock({ $0.closed && $0.delivered >= $0.submitted }) { return }
      jobs.wait(timeout: 1)
    }
  }
}
