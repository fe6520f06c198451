import Experiments
import Foundation
import Synchronization
import Training
import WorkbenchUI

/// Runs one experiment at a time on a thread of its own, so that an experiment that trains
/// for minutes never delays a key; its progress and its end arrive in `messages`, which the
/// loop drains every frame.
///
/// Invariant: at most one experiment thread exists; `stop()` asks it to end (its training
/// runs stop with a final checkpoint) and `join()` waits until it has, which the loop does
/// before the workbench exits.
final class ExperimentWorker: Sendable {
  let service: ExperimentService
  let messages = Mailbox<ExperimentMsg>()
  private let cancelled = Atomic<Bool>(false)
  private let finished = NSCondition()
  private let running = Mutex<Bool>(false)

  init(service: ExperimentService) {
    self.service = service
  }

  /// Starts `name` in `folder`; false when one is already running.
  func start(_ name: String, quick: Bool, folder: String) -> Bool {
    let free = running.withLock { r -> Bool in
      defer { r = true }
      return !r
    }
    guard free else { return false }
    cancelled.store(false, ordering: .releasing)
    let thread = Thread { [self] in
      WorkerSignals.blockOnThisThread()
      let result = service.run(
        name, quick, folder, { [messages] p in messages.post(.progress(name: name, p)) },
        { [self] in cancelled.load(ordering: .acquiring) })
      let outcome: ExperimentOutcome
      switch result {
      case .success(let report): outcome = .report(SavedExperiment(report: report, folder: folder))
      case .failure(let why):
        outcome =
          cancelled.load(ordering: .acquiring)
          ? .stopped("its runs stay in \(folder); Enter (the same version) resumes them")
          : .failed(why.description)
      }
      // Free before the end is told, so an Enter that answers it can start the next.
      finished.lock()
      running.withLock { $0 = false }
      finished.broadcast()
      finished.unlock()
      messages.post(.ended(name: name, outcome))
    }
    thread.name = "odernn-experiment"
    thread.start()
    return true
  }

  /// Whether an experiment runs.
  var isRunning: Bool { running.withLock { $0 } }

  /// Asks the running experiment to stop.
  func stop() { cancelled.store(true, ordering: .releasing) }

  /// Waits until no experiment runs.
  func join() {
    finished.lock()
    while running.withLock({ $0 }) { finished.wait() }
    finished.unlock()
  }
}
