import RealModule

/// Decimal text for `Double`s, shared by entry display, messages and reports.
enum NumberText {
  /// The shortest decimal that reads back as exactly `x` (Swift's round-trip
  /// `description`), written without a fraction part when `x` is an integer below 10¹⁵
  /// in magnitude: 1.0 → "1", 0.5 → "0.5", −0.0 → "0", 1e-5 → "1e-05".
  static func shortest(_ x: Double) -> String {
    guard x.isFinite else { return x.description }
    if x == x.rounded(), x.magnitude < 1e15 { return "\(Int64(x))" }
    return x.description
  }

  /// `x` rounded to `digits` significant decimal digits, then written as `shortest`:
  /// 0.8999999999999999 → "0.9" and 1.000000000002 → "1.000000000002" with 15 digits.
  static func rounded(_ x: Double, significantDigits digits: Int) -> String {
    guard x.isFinite, x != 0, digits > 0 else { return shortest(x) }
    let exponent = Int(Double.log10(x.magnitude).rounded(.down))
    let shift = digits - 1 - exponent
    let scale = Double.pow(10, abs(shift))
    guard scale.isFinite, scale > 0 else { return shortest(x) }
    let value = shift >= 0 ? (x * scale).rounded() / scale : (x / scale).rounded() * scale
    return value.isFinite ? shortest(value) : shortest(x)
  }

  /// A difference of two numbers of order 1 (such as |Σb − 1|), written with only the
  /// digits that 15 significant digits of those numbers carry:
  /// 0.10000000000000009 → "0.1", 2.000177801164682e-12 → "2e-12".
  static func difference(_ gap: Double) -> String {
    guard gap.isFinite, gap != 0 else { return shortest(gap) }
    let exponent = Int(Double.log10(gap.magnitude).rounded(.down))
    return rounded(gap, significantDigits: min(17, max(1, 15 + exponent)))
  }

  /// Pads `text` with spaces on the right to `width` characters.
  static func padRight(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  /// Pads `text` with spaces on the left to `width` characters.
  static func padLeft(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}
