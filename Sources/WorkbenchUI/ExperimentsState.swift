import Experiments

/// One experiment of the catalog (`odernn experiment list`): its name and claim.
public struct ExperimentInfo: Sendable, Equatable {
  public var name: String
  public var claim: String

  public init(name: String, claim: String) {
    self.name = name
    self.claim = claim
  }
}

/// An experiment's last report and the folder it wrote (its sessions and `report.json`).
public struct SavedExperiment: Sendable, Equatable {
  public var report: ExperimentReport
  public var folder: String

  public init(report: ExperimentReport, folder: String) {
    self.report = report
    self.folder = folder
  }
}

/// What the Experiments screen shows of the selected experiment's result (`v` cycles).
public enum ExperimentView: String, Sendable, CaseIterable {
  /// The results table, the findings and the verdict.
  case table
  /// The report's charts (the truncation gap against k, the width limit's loss against k/N).
  case charts
  /// The loss curves of the sessions it trained, overlaid.
  case curves

  public var title: String {
    switch self {
    case .table: "table"
    case .charts: "charts"
    case .curves: "sessions overlaid"
    }
  }
}

/// The experiment being run (one at a time, on a thread of the runtime's).
public struct RunningExperiment: Sendable, Equatable {
  public var name: String
  public var quick: Bool
  public var progress = ExperimentProgress()
  /// Stop was asked; the runtime stops its training runs (each keeps a final checkpoint).
  public var stopping = false

  public init(name: String, quick: Bool) {
    self.name = name
    self.quick = quick
  }
}

/// Why an experiment's last run gave no report.
public enum ExperimentFailure: Sendable, Equatable {
  /// It failed: one line.
  case failed(String)
  /// It was stopped: what became of its runs.
  case stopped(String)

  public var text: String {
    switch self {
    case .failed(let why): why
    case .stopped(let what): "stopped; " + what
    }
  }
}

/// The Experiments screen's state: the catalog, the selection, the last report of each
/// experiment (read back from its folder's `report.json`, newest folder first), the one that
/// runs, and why the last run of one failed.
public struct ExperimentsState: Sendable {
  public var catalog: [ExperimentInfo] = []
  /// The selected row of `catalog`.
  public var index = 0
  /// Whether Enter runs the `--quick` version (`f` toggles).
  public var quick = true
  public var view: ExperimentView = .table
  /// The first row of the results table shown (PgUp/PgDn).
  public var scroll = 0
  public var saved: [String: SavedExperiment] = [:]
  public var running: RunningExperiment?
  /// Why the last run of an experiment did not give a report.
  public var failures: [String: ExperimentFailure] = [:]

  public init() {}

  /// The selected experiment.
  public var selected: ExperimentInfo? { catalog.indices.contains(index) ? catalog[index] : nil }

  /// An experiment's state as the list shows it: running, stopping, holds, does not hold,
  /// failed, stopped, not run.
  public func verdict(of name: String) -> String {
    if running?.name == name { return running?.stopping == true ? "stopping" : "running" }
    switch failures[name] {
    case .failed: return "failed"
    case .stopped: return "stopped"
    case nil: break
    }
    guard let r = saved[name]?.report else { return "not run" }
    return r.holds ? "holds" : "does not hold"
  }
}
