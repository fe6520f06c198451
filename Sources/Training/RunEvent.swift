/// A user action, recorded in the session and applied before training step `step`.
public struct ControlEvent: Sendable, Equatable {
  /// What the user did.
  public enum Action: String, Sendable, CaseIterable {
    case pause, resume, setLearningRate, setDiagnosticsEvery
  }
  /// The step it applies before.
  public var step: Int
  /// The action.
  public var action: Action
  /// The new value (learning rate, interval), if any.
  public var value: Double?

  /// An event.
  public init(step: Int, action: Action, value: Double? = nil) {
    self.step = step
    self.action = action
    self.value = value
  }
}

/// What a run produces, step by step: the events of a session file (DESIGN §1.5), which the
/// trainer thread posts and the workbench and the session writer consume.
public enum RunEvent: Sendable, Equatable {
  /// One object per training step, in order.
  case metrics([StepMetrics])
  /// Gradient norms per parameter and through time.
  case grads(GradientDiagnostics)
  /// Eigenvalues and norms of the cell's Jacobians.
  case eigen(EigenDiagnostics)
  /// Parameters, optimizer and generator state.
  case checkpoint(Checkpoint)
  /// A user action.
  case control(ControlEvent)
  /// Training stopped on a non-finite value.
  case diverged(step: Int, reason: String)
  /// Training ended normally.
  case finished(step: Int)
  /// The user stopped the run before it ended (quit, a restart, SIGTERM): an orderly stop,
  /// after its final checkpoint. A session that ends without one of `finished`, `diverged`
  /// or `stopped` was killed.
  case stopped(step: Int)

  /// The kind as written in the file.
  public var kind: String {
    switch self {
    case .metrics: "metrics"
    case .grads: "grads"
    case .eigen: "eigen"
    case .checkpoint: "checkpoint"
    case .control: "control"
    case .diverged: "diverged"
    case .finished: "finished"
    case .stopped: "stopped"
    }
  }
}

/// An event with its time stamp.
public struct TimedEvent: Sendable, Equatable {
  /// Seconds since the session started.
  public var time: Double
  /// The event.
  public var event: RunEvent

  /// A time-stamped event.
  public init(time: Double, event: RunEvent) {
    self.time = time
    self.event = event
  }
}
