/// Turns training steps into the events of DESIGN §1.5: the one place that decides when a
/// run validates, takes diagnostics and checkpoints, diverges and finishes. Synchronous:
/// `odernn train` calls it in a loop, the `Trainer` thread calls it on its own thread, and
/// `replay --verify` calls it to re-run a session.
public final class TrainingDriver {
  /// The run.
  public let run: any TrainingRun
  /// Whether the run has ended (finished or diverged).
  public private(set) var isDone = false
  /// The step of the last checkpoint this driver took.
  public private(set) var lastCheckpointStep: Int?
  /// Whether diagnostic steps compute eigenvalues (`replay --verify` compares metrics only).
  let eigen: Bool
  /// Whether a diagnostic step's eigen diagnostics are computed in the step, as an event after
  /// its grads (`odernn train`), or handed out by `takeEigenJobs` for the caller to compute
  /// beside training and record when done (the workbench's trainer).
  public var defersEigen = false
  private var eigenJobs: [EigenJob] = []

  /// A driver of `run`; `eigen: false` skips the eigen diagnostics.
  public init(run: any TrainingRun, eigen: Bool = true) {
    self.run = run
    self.eigen = eigen
  }

  /// The configured number of steps (nil: until stopped).
  public var targetSteps: Int? { run.config.steps }

  /// One step and its events, in order: before the first step of a run at step 0, a
  /// checkpoint of step 0 (the initial weights, DESIGN §1.10; a run resumed after step 0 has
  /// its parent's); then metrics, grads and eigen (diagnostic steps), checkpoint (every
  /// `checkpointEvery` steps and at the end), then diverged or finished.
  public func advance() -> [RunEvent] {
    guard !isDone else { return [] }
    var events: [RunEvent] = run.step == 0 && lastCheckpointStep == nil ? [checkpoint()] : []
    let report = run.trainStep()
    events.append(.metrics([report.metrics]))
    if let g = report.gradients { events.append(.grads(g)) }
    guard report.metrics.isFinite, report.failure == nil else {
      isDone = true
      let what = report.metrics.loss.isFinite ? "gradient norm" : "loss"
      let value = report.metrics.loss.isFinite ? report.metrics.gradNorm : report.metrics.loss
      let reason = report.failure ?? "\(what) is \(value.plainText)"
      events.append(.diverged(step: report.metrics.step, reason: "\(reason) at step \(report.metrics.step)"))
      return events
    }
    let step = run.step
    if eigen, run.isDiagnosticStep(step) {
      if defersEigen {
        if let job = run.eigenJob() { eigenJobs.append(job) }
      } else if let e = run.eigenDiagnostics() {
        events.append(.eigen(e))
      }
    }
    let atEnd = targetSteps.map { step >= $0 } ?? false
    if step % run.config.checkpointEvery == 0 || atEnd { events.append(checkpoint()) }
    if atEnd {
      isDone = true
      events.append(.finished(step: step))
    }
    return events
  }

  /// The eigen diagnostics taken since the last call (`defersEigen`), oldest first.
  public func takeEigenJobs() -> [EigenJob] {
    defer { eigenJobs.removeAll() }
    return eigenJobs
  }

  /// Applies a user action before the next step and returns the event that records it.
  public func apply(_ action: ControlEvent.Action, value: Double? = nil) -> RunEvent {
    switch action {
    case .setLearningRate: if let value { run.learningRate = value }
    case .setDiagnosticsEvery: if let value { run.diagnosticsEvery = max(1, Int(value)) }
    case .pause, .resume: break
    }
    return .control(ControlEvent(step: run.step + 1, action: action, value: value))
  }

  /// A checkpoint of the current step (the user saved), unless there is one already.
  public func checkpointNow() -> RunEvent? {
    run.step > 0 && lastCheckpointStep != run.step ? checkpoint() : nil
  }

  /// Ends the run here (the user stopped it): a final checkpoint unless one was just taken,
  /// then `stopped`. Nothing when the run had already ended.
  public func stop() -> [RunEvent] {
    guard !isDone else { return [] }
    isDone = true
    return (checkpointNow().map { [$0] } ?? []) + [.stopped(step: run.step)]
  }

  private func checkpoint() -> RunEvent {
    let c = run.checkpoint()
    lastCheckpointStep = c.step
    return .checkpoint(c)
  }
}
