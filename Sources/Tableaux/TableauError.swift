/// Why a tableau was rejected. Indices in messages are 0-based (`a[0][0]` is the first
/// entry, `b[0]` the first weight) and every message names the offending entry or vector.
public enum TableauError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `a` has no rows: a tableau needs at least one stage.
  case empty
  /// Row `row` of `a` has `count` entries instead of `stages` (a must be square).
  case nonSquare(row: Int, count: Int, stages: Int)
  /// Vector `vector` ("b" or "c") has `count` entries instead of `stages`.
  case lengthMismatch(vector: String, count: Int, stages: Int)
  /// The text at `location` is not a number in the entry grammar (or is "1/0").
  case invalidEntry(location: String, text: String)
  /// The number at `location` is infinite or NaN.
  case nonFiniteEntry(location: String, value: Double)
  /// |Σ b_i − 1| > `tolerance`.
  case weightSum(sum: Double, tolerance: Double)
  /// The `"tolerance"` is not a number in (0, `ButcherTableau.maximumTolerance`].
  case tolerance(value: Double)

  /// One line naming the entry and the rule, for example
  /// `a[2][1]: "1/0" is not a valid number`,
  /// `b has 3 entries but the tableau has 4 stages`,
  /// `sum(b) = 0.9 but must be 1 (off by 0.1)`,
  /// `sum(b) = 1.00000000032373 but must be 1 (off by 3.2373e-10); set "tolerance" (at most
  /// 1e-6) for a tableau published to fewer digits` (the hint only when the key could help:
  /// the gap is at most 1e-6), `"tolerance" = 0.001 is out of range (it must be > 0 and at
  /// most 1e-6)`.
  public var description: String {
    switch self {
    case .empty:
      return "a is empty: a tableau needs at least one stage"
    case .nonSquare(let row, let count, let stages):
      return "a[\(row)] has \(count) \(count == 1 ? "entry" : "entries") but the tableau"
        + " has \(stages) \(stages == 1 ? "stage" : "stages") (a must be square)"
    case .lengthMismatch(let vector, let count, let stages):
      return "\(vector) has \(count) \(count == 1 ? "entry" : "entries")"
        + " but the tableau has \(stages) \(stages == 1 ? "stage" : "stages")"
    case .invalidEntry(let location, let text):
      return "\(location): \(quoted(text)) is not a valid number"
    case .nonFiniteEntry(let location, let value):
      return "\(location): \(value) is not a finite number"
    case .weightSum(let sum, let tolerance):
      let gap = (sum - 1).magnitude
      let within =
        tolerance == ButcherTableau.defaultTolerance
        ? "" : " to within the tolerance \(NumberText.shortest(tolerance))"
      let hint =
        gap <= ButcherTableau.maximumTolerance
        ? "; set \"tolerance\" (at most 1e-6) for a tableau published to fewer digits" : ""
      return "sum(b) = \(NumberText.rounded(sum, significantDigits: 15)) but must be 1\(within)"
        + " (off by \(NumberText.difference(gap)))\(hint)"
    case .tolerance(let value):
      return "\"tolerance\" = \(NumberText.shortest(value)) is out of range"
        + " (it must be > 0 and at most 1e-6)"
    }
  }

  /// Compares cases by their messages, so a NaN payload still equals itself.
  public static func == (lhs: TableauError, rhs: TableauError) -> Bool {
    lhs.description == rhs.description
  }

  /// The text in double quotes with `"` and `\` escaped.
  private func quoted(_ text: String) -> String {
    var out = "\""
    for ch in text {
      if ch == "\"" || ch == "\\" { out.append("\\") }
      out.append(ch)
    }
    return out + "\""
  }
}
