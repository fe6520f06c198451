import Training

/// Everything the Train and Replay screens show of one run, folded from its events.
///
/// Histories are complete (decimated when long); the view can cut them at a step, which is how
/// Replay locks every pane to the scrubbed step.
public struct RunView: Sendable {
  /// The run's config.
  public var config: TrainingConfig
  /// Running, paused, finished, …
  public var status: RunStatus = .idle
  /// The last step reported.
  public var step = 0
  /// The session file being written or replayed.
  public var sessionName: String?
  /// Training loss per step.
  public var loss = MetricsHistory()
  /// Validation loss at diagnostic steps.
  public var valLoss = MetricsHistory(capacity: 1024)
  /// Validation accuracy at diagnostic steps (crossEntropy tasks).
  public var accuracy = MetricsHistory(capacity: 1024)
  /// Global gradient norm per step.
  public var gradNorm = MetricsHistory()
  /// Learning rate per step.
  public var learningRate = MetricsHistory(capacity: 1024)
  /// Gradient norm per parameter at diagnostic steps, in parameter order.
  public var byParameter: [(name: String, history: MetricsHistory)] = []
  /// ‖∂L/∂h_k‖ rows at diagnostic steps (newest last, at most 512 rows).
  public var throughTime: [(step: Int, values: [Double])] = []
  /// Eigen diagnostics, oldest first (at most 1024).
  public var eigen: [EigenDiagnostics] = []
  /// Why the run stopped, when it diverged or failed.
  public var message: String?
  /// The cell's stability region (ODE cells).
  public var picture: StabilityPicture?

  /// A fresh view of a run of `config`.
  public init(config: TrainingConfig, sessionName: String? = nil) {
    self.config = config
    self.sessionName = sessionName
    picture = StabilityPicture(config: config)
  }

  /// Folds one event in.
  public mutating func apply(_ event: RunEvent) {
    switch event {
    case .metrics(let rows):
      for m in rows {
        step = max(step, m.step)
        loss.append(step: m.step, value: m.loss)
        gradNorm.append(step: m.step, value: m.gradNorm)
        learningRate.append(step: m.step, value: m.lr)
        if let v = m.valLoss { valLoss.append(step: m.step, value: v) }
        if let a = m.accuracy { accuracy.append(step: m.step, value: a) }
      }
    case .grads(let g):
      for (name, norm) in g.byParameter {
        if let i = byParameter.firstIndex(where: { $0.name == name }) {
          byParameter[i].history.append(step: g.step, value: norm)
        } else {
          var h = MetricsHistory(capacity: 1024)
          h.append(step: g.step, value: norm)
          byParameter.append((name, h))
        }
      }
      throughTime.append((g.step, g.throughTime))
      if throughTime.count > 512 { throughTime.removeFirst(throughTime.count - 512) }
    case .eigen(let e):
      eigen.append(e)
      if eigen.count > 1024 { eigen.removeFirst(eigen.count - 1024) }
    case .checkpoint, .control:
      break
    case .diverged(let s, let reason):
      status = .diverged
      step = max(step, s)
      message = reason
    case .finished(let s):
      status = .finished
      step = max(step, s)
    case .stopped(let s):
      status = .stopped
      step = max(step, s)
    }
  }

  /// The latest eigen diagnostics at or before `step` (nil: the latest).
  public func eigen(upTo step: Int?) -> EigenDiagnostics? {
    guard let step else { return eigen.last }
    return eigen.last { $0.step <= step }
  }

  /// The learning rate of the latest step.
  public var currentLearningRate: Double { learningRate.last ?? config.optimizer.learningRate }
}
