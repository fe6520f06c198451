import Synchronization

/// `odernn train`'s eigen diagnostics, computed on a `DiagnosticsWorker` beside training
/// instead of inside the diagnostic step, so that an expensive one (H = 1024) does not pause
/// the run.
///
/// Invariants (the workbench's trainer keeps the first three too, but skips diagnostics it
/// cannot keep up with; a session written here has every one):
/// - every diagnostic step's eigen event is written, after that step's metrics, in step order,
///   and before `finished` or `diverged`;
/// - the run waits only when a diagnostic is running and another is already waiting;
/// - a stop (`stopped`, or `giveUp()` turning true) drops the diagnostics not yet done and
///   never waits for one; those done are written; nothing follows the run's last event.
///
/// Owned by the training loop's thread; `write` is called on it only.
public final class DiagnosticsBeside {
  private let loop: TrainingLoop
  private let worker: DiagnosticsWorker
  private let done = Inbox()
  private let giveUp: () -> Bool
  private let write: ([RunEvent]) throws -> Void

  /// Diagnostics beside `loop`'s run, whose events leave through `write`.
  ///
  /// - Parameters:
  ///   - before: runs on the diagnostics thread before each job, with its step (tests hold it).
  ///   - giveUp: whether the run is being stopped (a raised interrupt flag).
  public init(
    loop: TrainingLoop, before: @escaping @Sendable (Int) -> Void = { _ in }, giveUp: @escaping () -> Bool,
    write: @escaping ([RunEvent]) throws -> Void
  ) {
    self.loop = loop
    self.giveUp = giveUp
    self.write = write
    loop.driver.defersEigen = true
    let done = self.done
    worker = DiagnosticsWorker(before: before) { e in done.post(e) }
  }

  deinit { worker.close() }

  /// Writes `due` (events from `loop`) in order: before a run's last event, the diagnostics
  /// still to come; with `stopped`, none of them.
  public func emit(_ due: [RunEvent]) throws {
    for event in due {
      switch event {
      case .finished, .diverged:
        try submit(flushing: false)
        worker.waitUntilIdle(giveUp: giveUp)
        // Stopped while waiting: what is not done stays out, so nothing follows the end.
        if giveUp() { worker.abandon() }
        try writeDone()
      case .stopped:
        _ = loop.driver.takeEigenJobs()
        worker.abandon()
        try writeDone()  // those done already are kept
      default: break
      }
      try write([event])
    }
  }

  /// After each step: the step's diagnostic, if it had one, goes to the worker once the
  /// step's metrics have been written; the diagnostics done since are written.
  public func afterStep() throws {
    guard !loop.isDone else { return }
    try submit(flushing: true)
    try writeDone()
  }

  private func submit(flushing: Bool) throws {
    let jobs = loop.driver.takeEigenJobs()
    guard !jobs.isEmpty else { return }
    if flushing { try write(loop.flush()) }
    for job in jobs {
      guard worker.submitWhenFree(job, giveUp: giveUp) else { return }
    }
  }

  private func writeDone() throws {
    let diagnostics = done.take()
    if !diagnostics.isEmpty { try write(diagnostics.map(RunEvent.eigen)) }
  }

  /// Diagnostics delivered by the worker's thread, taken by the loop's.
  private final class Inbox: Sendable {
    private let items = Mutex<[EigenDiagnostics]>([])
    func post(_ e: EigenDiagnostics) { items.withLock { $0.append(e) } }
    func take() -> [EigenDiagnostics] { items.withLock { x in defer { x.removeAll() }; return x } }
  }
}
