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

  /// The newest `NAME-STAMP` folder under `root` if a run of the same version (`quick`)
  /// started there (its `experiment.json`, `{"experiment", "quick"}`) and left no
  /// `report.json`: a stopped or killed run, whose sweeps resume where they stopped.
  public static func resumableFolder(_ name: String, quick: Bool, under root: String) -> String? {
    let fm = FileManager.default
    guard let newest = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter({ $0.hasPrefix(name + "-") }).max() else { return nil }
    let path = "\(root)/\(newest)"
    guard !fm.fileExists(atPath: "\(path)/report.json"), let bytes = fm.contents(atPath: "\(path)/experiment.json"),
      let started = try? JSON.parse(String(decoding: bytes, as: UTF8.self)), started["experiment"]?.stringValue == name,
      started["quick"]?.boolValue == quick
    else { return nil }
    return path
  }

  /// Each experiment's newest readable report under `root`: the folders `NAME-STAMP` (the
  /// stamp sorts by time) holding a `report.json`; unreadable ones are skipped.
  public static func savedReports(root: String, names: [String]) -> [String: SavedExperiment] {
    let folders = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted(by: >)
    var found: [String: SavedExperiment] = [:]
    for name in names {
      for folder in folders where folder.hasPrefix(name + "-") {
        let path = "\(root)/\(folder)"
        guard let bytes = FileManager.default.contents(atPath: "\(path)/report.json"),
          let json = try? JSON.parse(String(decoding: bytes, as: UTF8.self)),
          let report = ExperimentReport(json: json), report.experiment == name
        else { continue }
        found[name] = SavedExperiment(report: report, folder: path)
        break
      }
    }
    return found
  }
}
