import Training

/// One saved session as the Sessions screen lists it: what its header and end say, read
/// without its metrics (`SessionTail`), so hundreds of files list at once.
public struct SessionListing: Sendable, Equatable {
  /// The file name in ./sessions.
  public var file: String
  /// Tableau (or baseline kind) and derivative order, e.g. `rk4 t=1`.
  public var cell: String
  /// The task's name.
  public var task: String
  /// Steps recorded.
  public var steps: Int
  /// The last loss.
  public var finalLoss: Double?
  /// finished, diverged, stopped (quit) or interrupted (killed); the live run's own session
  /// is shown as running (`WorkbenchModel.status(of:)`).
  public var status: String
  /// The effective config, flattened to `cell.tableau = rk4` lines in the header's order.
  public var settings: [SessionSetting]

  /// A listing.
  public init(
    file: String, cell: String, task: String, steps: Int, finalLoss: Double?, status: String, settings: [SessionSetting] = []
  ) {
    self.file = file
    self.cell = cell
    self.task = task
    self.steps = steps
    self.finalLoss = finalLoss
    self.status = status
    self.settings = settings
  }

  /// The file name without `.session`.
  public var name: String { file.hasSuffix(".session") ? String(file.dropLast(8)) : file }

  /// The value of a flattened config key, if the session's config has it.
  public func setting(_ key: String) -> String? { settings.first { $0.key == key }?.value }
}

/// One leaf of a session's effective config: a dotted key path and its value as text.
public struct SessionSetting: Sendable, Equatable {
  /// The dotted path, e.g. `cell.epsilon`.
  public var key: String
  /// The value as text, e.g. `0.1`.
  public var value: String

  /// A setting.
  public init(key: String, value: String) {
    self.key = key
    self.value = value
  }
}

/// A session's recorded curves, read in full only for the runs the Sessions screen draws.
public struct SessionCurve: Sendable {
  /// The last step read (a live run's curve is read again once its listing has more).
  public var steps: Int
  /// Training loss per step.
  public var loss: MetricsHistory
  /// Validation loss at diagnostic steps.
  public var valLoss: MetricsHistory
  /// Validation accuracy at diagnostic steps (crossEntropy tasks).
  public var accuracy: MetricsHistory
  /// Global gradient norm per step.
  public var gradNorm: MetricsHistory
  /// Eigen diagnostics, oldest first (the spectra view, `E`).
  public var eigen: [EigenDiagnostics]
  /// The run's stability region (ODE cells), from its config.
  public var picture: StabilityPicture?

  /// A curve.
  public init(
    steps: Int, loss: MetricsHistory, valLoss: MetricsHistory = MetricsHistory(), accuracy: MetricsHistory = MetricsHistory(),
    gradNorm: MetricsHistory = MetricsHistory(), eigen: [EigenDiagnostics] = [], picture: StabilityPicture? = nil
  ) {
    self.steps = steps
    self.loss = loss
    self.valLoss = valLoss
    self.accuracy = accuracy
    self.gradNorm = gradNorm
    self.eigen = eigen
    self.picture = picture
  }

  /// The history of `metric`.
  public func history(_ metric: OverlayMetric) -> MetricsHistory {
    switch metric {
    case .loss: loss
    case .valLoss: valLoss
    case .accuracy: accuracy
    case .gradNorm: gradNorm
    }
  }
}

/// The metric the Sessions screen overlays (`m` cycles them).
public enum OverlayMetric: String, Sendable, CaseIterable {
  case loss, valLoss, accuracy, gradNorm

  /// The chart's title word.
  public var title: String {
    switch self {
    case .loss: "Loss"
    case .valLoss: "Validation loss"
    case .accuracy: "Accuracy"
    case .gradNorm: "Gradient norm"
    }
  }
}
