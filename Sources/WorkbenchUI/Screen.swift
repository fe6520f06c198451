/// The workbench's screens.
public enum Screen: String, Sendable, CaseIterable {
  /// Compose a cell, task and optimizer.
  case compose
  /// Watch a run train.
  case train
  /// Browse saved sessions.
  case sessions
  /// Replay a session, all panes locked to one step.
  case replay
  /// Run the seed papers' experiments and see their claims checked.
  case experiments

  /// The title shown in the header.
  public var title: String {
    switch self {
    case .compose: "Compose"
    case .train: "Train"
    case .sessions: "Sessions"
    case .replay: "Replay"
    case .experiments: "Experiments"
    }
  }
}

/// The panes of the Train and Replay screens, toggled with 1–4.
public enum Pane: Int, Sendable, CaseIterable {
  /// Loss (train and validation).
  case loss = 1
  /// Gradient norms, global and per parameter.
  case gradients = 2
  /// ‖∂L/∂h_k‖ over time step × training step.
  case heatmap = 3
  /// Eigenvalues over the stability region.
  case eigen = 4

  /// The pane's title.
  public var title: String {
    switch self {
    case .loss: "Loss"
    case .gradients: "Gradient norms"
    case .heatmap: "‖∂L/∂h_k‖ through time"
    case .eigen: "Eigenvalues"
    }
  }
}

/// A run's state as the status line shows it.
public enum RunStatus: String, Sendable {
  case idle = "IDLE"
  /// Asked to start; the thread has not reported yet.
  case starting = "STARTING"
  case running = "RUNNING"
  case paused = "PAUSED"
  case finished = "FINISHED"
  case diverged = "DIVERGED"
  /// Stopped by the user (or to start another run) before it finished.
  case stopped = "STOPPED"
  /// Could not start, or its thread failed.
  case failed = "FAILED"

  /// Whether a trainer thread exists in this state.
  public var isActive: Bool { self == .starting || self == .running || self == .paused }
}
