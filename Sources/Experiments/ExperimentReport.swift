import Foundation
import JSON
import OrderedCollections

/// What an experiment found (DESIGN §1.12): its claim, whether the claim holds, a table
/// (`columns` and `rows`), the session files it wrote, and one line per finding that decided
/// the verdict, and the charts the workbench draws. `json` is the contract's object (with
/// `findings`, `charts` and `quick` besides), which `init(json:)` reads back (the `report.json`
/// an experiment leaves in its folder); `text` the table a terminal shows.
public struct ExperimentReport: Sendable, Equatable {
  public var experiment: String
  public var claim: String
  public var holds: Bool
  public var columns: [String]
  public var rows: [[JSON]]
  public var sessions: [String]
  /// Why the claim holds or not, one sentence each (printed under the table).
  public var findings: [String]
  /// What the Experiments screen draws besides the table.
  public var charts: [ExperimentChart]
  /// Whether it was the `--quick` version.
  public var quick = false

  public init(
    experiment: String, claim: String, holds: Bool, columns: [String], rows: [[JSON]],
    sessions: [String] = [], findings: [String] = [], charts: [ExperimentChart] = []
  ) {
    self.experiment = experiment
    self.claim = claim
    self.holds = holds
    self.columns = columns
    self.rows = rows
    self.sessions = sessions
    self.findings = findings
    self.charts = charts
  }

  /// `{"experiment", "claim", "holds", "columns", "rows", "sessions", "findings", "charts", "quick"}`.
  public var json: JSON {
    .object([
      "experiment": .string(experiment), "claim": .string(claim), "holds": .bool(holds),
      "columns": .array(columns.map(JSON.string)), "rows": .array(rows.map(JSON.array)),
      "sessions": .array(sessions.map(JSON.string)), "findings": .array(findings.map(JSON.string)),
      "charts": .array(charts.map(\.json)), "quick": .bool(quick),
    ])
  }

  /// The report `json` wrote; nil when `json` is not one (`findings`, `charts`, `quick` and
  /// `sessions` may be missing: an older report).
  public init?(json: JSON) {
    guard let experiment = json["experiment"]?.stringValue, let claim = json["claim"]?.stringValue,
      let holds = json["holds"]?.boolValue, let columns = json["columns"]?.arrayValue?.compactMap(\.stringValue),
      let rows = json["rows"]?.arrayValue?.compactMap(\.arrayValue)
    else { return nil }
    let charts = (json["charts"]?.arrayValue ?? []).map(ExperimentChart.init(json:))
    guard !charts.contains(nil) else { return nil }
    self.init(
      experiment: experiment, claim: claim, holds: holds, columns: columns, rows: rows,
      sessions: json["sessions"]?.arrayValue?.compactMap(\.stringValue) ?? [],
      findings: json["findings"]?.arrayValue?.compactMap(\.stringValue) ?? [], charts: charts.compactMap { $0 })
    quick = json["quick"]?.boolValue ?? false
  }

  /// The table (`TextTable`), then the claim, the findings and the verdict.
  public var text: String {
    var out = [TextTable(columns: columns, rows: rows).text, "", "claim: \(claim)"]
    out += findings.map { "  - \($0)" }
    out.append(holds ? "holds" : "does not hold")
    return out.joined(separator: "\n")
  }

}
