/// An experiment stopped before its end because it was asked to (the workbench's `x`).
public struct ExperimentStopped: Error, CustomStringConvertible {
  public init() {}
  public var description: String { "stopped" }
}

/// How far a running experiment has got, as the workbench's Experiments screen shows it:
/// what it is doing now, and each of its training runs (sweep points) with its status, steps
/// and last loss, read from the run's session as it is written.
public struct ExperimentProgress: Sendable, Equatable {
  /// One training run of the experiment.
  public struct Run: Sendable, Equatable {
    /// Its sweep point's file stem, `001-spectralNorm_0.9` (the point's number and values).
    public var label: String
    /// waiting, running, finished, failed, … (the sweep's statuses).
    public var status: String
    /// Steps its session holds.
    public var steps: Int
    /// Its last training loss.
    public var loss: Double?
    /// Its session file, once it has one.
    public var session: String?

    public init(label: String, status: String, steps: Int = 0, loss: Double? = nil, session: String? = nil) {
      (self.label, self.status, self.steps, self.loss, self.session) = (label, status, steps, loss, session)
    }
  }

  /// One line on what it does now ("training 3 runs into …", "β = 0.5, N = 200").
  public var activity: String
  /// The training runs so far, in order (every part's: the antisymmetric experiment trains on
  /// adding, then on digits).
  public var runs: [Run]

  public init(activity: String = "", runs: [Run] = []) {
    self.activity = activity
    self.runs = runs
  }
}
