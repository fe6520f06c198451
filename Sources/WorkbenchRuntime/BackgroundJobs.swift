import Foundation
import Synchronization
import Training
import WorkbenchUI

/// One thread that runs the workbench's slow reads one after another (a session's
/// diagnosis: T step Jacobians and an SVD), so that none delays a key; each job's answer is a
/// `Msg` in `results`, which the loop drains every frame.
final class BackgroundJobs: Sendable {
  private let queue = Mailbox<@Sendable () -> Msg>()
  let results = Mailbox<Msg>()
  private let started = Mutex(false)
  private let closed = Atomic<Bool>(false)

  /// Queues `job`; starts the thread on the first one.
  func run(_ job: @escaping @Sendable () -> Msg) {
    queue.post(job)
    let start = started.withLock { s -> Bool in
      defer { s = true }
      return !s
    }
    guard start else { return }
    let thread = Thread { [self] in
      WorkerSignals.blockOnThisThread()
      while !closed.load(ordering: .acquiring) {
        for job in queue.drain() { results.post(job()) }
        _ = queue.wait(timeout: 1)
      }
    }
    thread.name = "odernn-background"
    thread.start()
  }

  /// Lets the thread end after the job it is running (queued ones are dropped).
  func close() { closed.store(true, ordering: .releasing) }
}
