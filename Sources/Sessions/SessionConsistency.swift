import Training

/// The order a run writes its events in, checked line by line as a session is read
/// (DESIGN §1.5): a reader refuses what no run could have written, naming the line.
///
/// With `s` the last step whose metrics were read (the parent's checkpoint step for a resumed
/// session, else 0):
/// - metrics: exactly one object per step, in order: the next row is step `s + 1`;
/// - grads, checkpoint, diverged, finished, stopped: about step `s` (the step just run);
/// - eigen: about a step up to `s` and after the previous eigen event's (the workbench
///   computes them beside training and records each when done, in step order, skipping
///   those it cannot keep up with);
/// - control: applies before the next step, `s + 1`, with a value the config schema allows
///   for the key it changes; pause and resume take no value;
/// - nothing follows diverged, finished or stopped;
/// - a checkpoint has exactly the parameters and shapes of the header's config.
struct SessionConsistency {
  private(set) var lastStep: Int
  private var ended: String?
  private var lastEigenStep: Int?
  private let config: TrainingConfig?

  /// A check of a session that starts after step `first` (its parent's checkpoint, or 0);
  /// checkpoints are held against `config` (`CheckpointShapes`) when it is given.
  init(after first: Int, config: TrainingConfig?) {
    lastStep = first
    self.config = config
  }

  /// Checks the next event; the message says what is wrong (the reader adds the line).
  mutating func check(_ event: RunEvent) throws(SessionError) {
    if let ended { throw SessionError(line: 0, "a \(event.kind) event after the run \(ended)") }
    switch event {
    case .metrics(let rows):
      for r in rows {
        guard r.step == lastStep + 1 else {
          throw SessionError(line: 0, "metrics for step \(r.step) where step \(lastStep + 1) is next (exactly one object per step, in order)")
        }
        lastStep = r.step
      }
    case .grads(let g): try about(g.step, "grads")
    case .eigen(let e):
      guard e.step <= lastStep, e.step > (lastEigenStep ?? -1) else {
        throw SessionError(
          line: 0,
          "eigen for step \(e.step) after the metrics of step \(lastStep)" + (lastEigenStep.map { " and the eigen of step \($0)" } ?? ""))
      }
      lastEigenStep = e.step
    case .checkpoint(let c):
      try about(c.step, "checkpoint")
      if let config { try CheckpointShapes.check(c, against: config) }
    case .control(let c):
      guard c.step == lastStep + 1 else {
        throw SessionError(line: 0, "control at step \(c.step) where the next step is \(lastStep + 1)")
      }
      try Self.checkValue(c)
    case .diverged(let step, _):
      try about(step, "diverged")
      ended = "diverged"
    case .finished(let step):
      try about(step, "finished")
      ended = "finished"
    case .stopped(let step):
      try about(step, "stopped")
      ended = "was stopped"
    }
  }

  private func about(_ step: Int, _ kind: String) throws(SessionError) {
    guard step == lastStep else {
      throw SessionError(line: 0, "\(kind) for step \(step) after the metrics of step \(lastStep)")
    }
  }

  /// The value a control action takes: the config schema's rule for the key it changes
  /// (`optimizer.learningRate`, `diagnosticsEvery`), so a session accepts exactly what a
  /// config file would; pause and resume take none.
  static func checkValue(_ c: ControlEvent) throws(SessionError) {
    let key: String
    switch c.action {
    case .setLearningRate: key = "optimizer.learningRate"
    case .setDiagnosticsEvery: key = "diagnosticsEvery"
    case .pause, .resume:
      guard c.value == nil else { throw SessionError(line: 0, "\(c.action.rawValue) takes no value") }
      return
    }
    guard let value = c.value else { throw SessionError(line: 0, "\(c.action.rawValue) needs a value") }
    do {
      try ConfigSchema.check(key, .number(value))
    } catch {
      throw SessionError(line: 0, "\(c.action.rawValue): \(error.description)")
    }
  }
}
