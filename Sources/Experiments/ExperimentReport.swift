import Foundation
import JSON
import OrderedCollections

/// What an experiment found (DESIGN §1.12): its claim, whether the claim holds, a table
/// (`columns` and `rows`), the session files it wrote, and one line per finding that decided
/// the verdict. `json` is the contract's object; `text` the table a terminal shows.
public struct ExperimentReport: Sendable, Equatable {
  public var experiment: String
  public var claim: String
  public var holds: Bool
  public var columns: [String]
  public var rows: [[JSON]]
  public var sessions: [String]
  /// Why the claim holds or not, one sentence each (printed under the table).
  public var findings: [String]

  public init(
    experiment: String, claim: String, holds: Bool, columns: [String], rows: [[JSON]],
    sessions: [String] = [], findings: [String] = []
  ) {
    self.experiment = experiment
    self.claim = claim
    self.holds = holds
    self.columns = columns
    self.rows = rows
    self.sessions = sessions
    self.findings = findings
  }

  /// `{"experiment", "claim", "holds", "columns", "rows", "sessions", "findings"}`.
  public var json: JSON {
    .object([
      "experiment": .string(experiment), "claim": .string(claim), "holds": .bool(holds),
      "columns": .array(columns.map(JSON.string)), "rows": .array(rows.map(JSON.array)),
      "sessions": .array(sessions.map(JSON.string)), "findings": .array(findings.map(JSON.string)),
    ])
  }

  /// The table (`TextTable`), then the claim, the findings and the verdict.
  public var text: String {
    var out = [TextTable(columns: columns, rows: rows).text, "", "claim: \(claim)"]
    out += findings.map { "  - \($0)" }
    out.append(holds ? "holds" : "does not hold")
    return out.joined(separator: "\n")
  }

}
