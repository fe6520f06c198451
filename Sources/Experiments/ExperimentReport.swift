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

  /// The table with right-aligned numbers (6 significant digits, exponent when small or large)
  /// and left-aligned text, then the claim and the verdict.
  public var text: String {
    let cells = rows.map { $0.map(Self.cell) }
    let widths = columns.indices.map { j in ([columns[j]] + cells.map { j < $0.count ? $0[j] : "" }).map(\.count).max() ?? 0 }
    func line(_ values: [String], numeric: [Bool]) -> String {
      values.indices.map { j in
        let pad = String(repeating: " ", count: max(0, widths[j] - values[j].count))
        return numeric[j] ? pad + values[j] : values[j] + pad
      }.joined(separator: "  ")
    }
    let numeric = columns.indices.map { j in rows.contains { j < $0.count && $0[j].doubleValue != nil } }
    var out = [line(columns, numeric: numeric), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
    out += cells.map { line($0 + Array(repeating: "", count: max(0, columns.count - $0.count)), numeric: numeric) }
    out.append("")
    out.append("claim: \(claim)")
    out += findings.map { "  - \($0)" }
    out.append(holds ? "holds" : "does not hold")
    return out.joined(separator: "\n")
  }

  static func cell(_ value: JSON) -> String {
    switch value {
    case .number(let x): Self.number(x)
    case .string(let s): s
    case .bool(let b): b ? "yes" : "no"
    case .null: "-"
    default: value.serialized()
    }
  }

  /// Six significant digits: integers as integers, tiny or huge values with an exponent.
  public static func number(_ x: Double) -> String {
    if !x.isFinite { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
    let a = abs(x)
    if a != 0 && (a < 1e-3 || a >= 1e6) { return String(format: "%.3e", x) }
    return String(format: "%.6g", x)
  }
}
