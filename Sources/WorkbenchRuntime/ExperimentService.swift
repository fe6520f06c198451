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
  /// A new folder for a run of the named experiment, under `root`.
  public var newFolder: @Sendable (_ name: String, _ root: String) -> String
  /// Runs the named experiment (quick or full) into the folder, on the caller's thread,
  /// reporting its progress and stopping early when `cancelled()` turns true; its report
  /// (also written as the folder's `report.json`) or why there is none.
  public var run:
    @Sendable (
      _ name: String, _ quick: Bool, _ folder: String, _ progress: @escaping @Sendable (ExperimentProgress) -> Void,
      _ cancelled: @escaping @Sendable () -> Bool
    ) -> Result<ExperimentReport, ExperimentError>

  public init(
    catalog: [ExperimentInfo], newFolder: @escaping @Sendable (String, String) -> String,
    run: @escaping @Sendable (String, Bool, String, @escaping @Sendable (ExperimentProgress) -> Void, @escaping @Sendable () -> Bool) -> Result<
      ExperimentReport, ExperimentError
    >
  ) {
    self.catalog = catalog
    self.newFolder = newFolder
    self.run = run
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
