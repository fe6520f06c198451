import Foundation
import JSON

/// A table of JSON cells as terminal text: a header, a rule, then one line per row, numbers
/// right-aligned (six significant digits, an exponent when small or large) and text
/// left-aligned, columns two spaces apart and as wide as their widest cell (nothing is cut),
/// no line ending in spaces. Experiment reports, `sessions list` and `bench` print with it.
public struct TextTable: Sendable, Equatable {
  public var columns: [String]
  public var rows: [[JSON]]

  public init(columns: [String], rows: [[JSON]]) {
    self.columns = columns
    self.rows = rows
  }

  /// The lines, joined by newlines (no trailing newline).
  public var text: String {
    let cells = rows.map { $0.map(Self.cell) }
    let widths = columns.indices.map { j in ([columns[j]] + cells.map { j < $0.count ? $0[j] : "" }).map(\.count).max() ?? 0 }
    func line(_ values: [String], numeric: [Bool]) -> String {
      values.indices.map { j in
        let pad = String(repeating: " ", count: max(0, widths[j] - values[j].count))
        return numeric[j] ? pad + values[j] : values[j] + pad
      }.joined(separator: "  ").trimmingSuffix(" ")
    }
    let numeric = columns.indices.map { j in rows.contains { j < $0.count && $0[j].doubleValue != nil } }
    var out = [line(columns, numeric: numeric), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
    out += cells.map { line(Array($0.prefix(columns.count)) + Array(repeating: "", count: max(0, columns.count - $0.count)), numeric: numeric) }
    return out.joined(separator: "\n")
  }

  /// A cell's text: numbers by `number`, strings as they are, booleans yes/no, null `-`.
  public static func cell(_ value: JSON) -> String {
    switch value {
    case .number(let x): number(x)
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

extension String {
  /// Without the trailing run of `character`.
  fileprivate func trimmingSuffix(_ character: Character) -> String {
    var end = endIndex
    while end > startIndex && self[index(before: end)] == character { end = index(before: end) }
    return String(self[..<end])
  }
}
