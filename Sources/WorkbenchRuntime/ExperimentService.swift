import Experiments
import Foundation
import JSON
import WorkbenchUI

/// Why an experiment run gave no report: one line.
public struct ExperimentError: Error, Sendable, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// What the workbench can ask of the experiments. The executable provides it, because the
/// experiments train through its sweep runner (`odernn train` child processes).
public struct ExperimentService: Sendable {
  /// The catalog (`odernn experiment list`).
  public var catalog: [ExperimentInfo]
  /// The folder for a run of the named experiment (quick or full) under `root`, and whether
  /// it resumes one: the newest `NAME-STAMP` folder when a run of the same version started
  /// there and left no report (it was stopped or killed), else a new one.
  public var folder: @Sendable (_ name: String, _ quick: Bool, _ root: String) -> (path: String, resumes: Bool)
  /// Runs the named experiment (quick or full) into the folder, on the caller's thread,
  /// reporting its progress and stopping early when `cancelled()` turns true; its report
  /// (also written as the folder's `report.json`) or why there is none.
  public var run:
    @Sendable (
      _ name: String, _ quick: Bool, _ folder: String, _ progress: @escaping @Sendable (ExperimentProgress) -> Void,
      _ cancelled: @escaping @Sendable () -> Bool
    ) -> Result<ExperimentReport, ExperimentError>

  public init(
    catalog: [ExperimentInfo], folder: @escaping @Sendable (String, Bool, String) -> (path: String, resumes: Bool),
    run: @escaping @Sendable (String, Bool, String, @escaping @Sendable (ExperimentProgress) -> Void, @escaping @Sendable () -> Bool) -> Result<
      ExperimentReport, ExperimentError
    >
  ) {
    self.catalog = catalog
    self.folder = folder
    self.run = run
  }

  /// The `NAME-STAMP` folders of experiment `name` under `root`, newest first (the stamp
  /// sorts by time).
  static func runFolders(_ name: String, under root: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix(name + "-") }.sorted(by: >)
      .map { "\(root)/\($0)" }
  }

  /// The JSON file at `path`, nil when it is missing or does not parse.
  static func readJSON(_ path: String) -> JSON? {
    FileManager.default.contents(atPath: path).flatMap { try? JSON.parse(String(decoding: $0, as: UTF8.self)) }
  }

  /// The newest `NAME-STAMP` folder under `root` if a run of the same version (`quick`)
  /// started there (its `experiment.json`, `{"experiment", "quick"}`) and left no
  /// `report.json`: a stopped or killed run, whose sweeps resume where they stopped.
  public static func resumableFolder(_ name: String, quick: Bool, under root: String) -> String? {
    guard let newest = runFolders(name, under: root).first, !FileManager.default.fileExists(atPath: "\(newest)/report.json"),
      let started = readJSON("\(newest)/experiment.json"), started["experiment"]?.stringValue == name,
      started["quick"]?.boolValue == quick
    else { return nil }
    return newest
  }

  /// Each experiment's newest readable report under `root`: the folders `NAME-STAMP` holding a
  /// `report.json`; unreadable ones are skipped.
  public static func savedReports(root: String, names: [String]) -> [String: SavedExperiment] {
    var found: [String: SavedExperiment] = [:]
    for name in names {
      found[name] = runFolders(name, under: root).lazy.compactMap { path in
        readJSON("\(path)/report.json").flatMap(ExperimentReport.init(json:)).flatMap {
          $0.experiment == name ? SavedExperiment(report: $0, folder: path) : nil
        }
      }.first
    }
    return found
  }
}
