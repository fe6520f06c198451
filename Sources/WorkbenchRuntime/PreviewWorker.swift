import Foundation
import Synchronization
import Training
import WorkbenchUI

/// Computes Compose previews on one thread of its own, so that a preview that takes seconds
/// (the initial weights and spectrum of a large cell) never delays a key.
///
/// Invariant: at most one computation runs at a time, and only the newest request waits
/// (a request replaces one not yet started), so keys pressed faster than previews are
/// computed cost one computation each at most, never a queue. A computation is told it is
/// stale once a newer request waits (its `isStale` argument), and gives up at its next check
/// (returning nil: nothing is posted). Results are tagged with their request's generation;
/// `update` drops those of an older draft.
final class PreviewWorker: Sendable {
  /// The computation (the real one, or a test's that blocks until released): the preview of a
  /// config, or nil once its second argument says a newer request waits.
  let compute: @Sendable (TrainingConfig, () -> Bool) -> ComposePreview?
  private let state = Mutex<(pending: (Int, TrainingConfig)?, closed: Bool, started: Bool)>((nil, false, false))
  private let wake = NSCondition()
  /// Finished previews, for the loop to drain.
  let results = Mailbox<(generation: Int, preview: ComposePreview)>()

  init(compute: @escaping @Sendable (TrainingConfig, () -> Bool) -> ComposePreview?) {
    self.compute = compute
  }

  /// Asks for the preview of generation `generation`, replacing any request not yet started;
  /// starts the thread on the first request.
  func request(_ generation: Int, _ config: TrainingConfig) {
    let start = state.withLock { s -> Bool in
      s.pending = (generation, config)
      defer { s.started = true }
      return !s.started
    }
    if start {
      let thread = Thread { [self] in
        WorkerSignals.blockOnThisThread()
        work()
      }
      thread.name = "odernn-preview"
      thread.start()
    }
    wake.lock()
    wake.broadcast()
    wake.unlock()
  }

  /// Lets the thread end once its current computation is done (nothing waits for it).
  func close() {
    state.withLock { $0.closed = true }
    wake.lock()
    wake.broadcast()
    wake.unlock()
  }

  private func work() {
    while true {
      wake.lock()
      var next: (Int, TrainingConfig)?
      while true {
        let (request, closed) = state.withLock { s in
          defer { s.pending = nil }
          return (s.pending, s.closed)
        }
        if closed {
          wake.unlock()
          return
        }
        if let request {
          next = request
          break
        }
        wake.wait()
      }
      wake.unlock()
      guard let (generation, config) = next else { continue }
      let isStale = { self.state.withLock { $0.pending != nil || $0.closed } }
      if let preview = compute(config, isStale) { results.post((generation, preview)) }
    }
  }
}
