/// Exact parsing of tableau entry text into `Rational`.
///
/// Grammar (surrounding white space ignored, `−` U+2212 accepted as a minus sign):
/// ```
/// entry    = decimal [ "/" decimal ]
/// decimal  = [ "+" | "-" ] digits [ "." [ digits ] ] [ exponent ]
///          | [ "+" | "-" ] "." digits [ exponent ]
/// exponent = ( "e" | "E" ) [ "+" | "-" ] digits
/// ```
/// A decimal is read exactly: "0.125" is 125/1000 = 1/8, "1.5e-3" is 15/10000 = 3/2000.
extension Rational {
  /// Parses `"1/6"`, `"-1/3"`, `"2"`, `"0.25"`, `"1.5e-3"` or `"0.5/3"` exactly.
  ///
  /// Returns `nil` for text outside the grammar, a zero denominator (`"1/0"`), or a value
  /// whose exact numerator or denominator does not fit in `Int64`.
  public init?(parsing text: String) {
    let parts = Rational.normalisedSigns(text).split(
      separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
    switch parts.count {
    case 1:
      guard let value = Rational.exactDecimal(parts[0]) else { return nil }
      self = value
    case 2:
      guard let top = Rational.exactDecimal(parts[0]),
        let bottom = Rational.exactDecimal(parts[1]),
        let value = top.divided(by: bottom)
      else { return nil }
      self = value
    default:
      return nil
    }
  }

  /// `true` when `text` is one `decimal` of the grammar (no `/`), whether or not its exact
  /// value fits in `Int64`; such text may still be read approximately as a `Double`.
  static func isDecimalSyntax(_ text: String) -> Bool {
    DecimalParts(Substring(normalisedSigns(text))) != nil
  }

  /// The exact value of one `decimal`, or `nil` (bad syntax or `Int64` overflow).
  static func exactDecimal(_ text: Substring) -> Rational? {
    guard let parts = DecimalParts(text) else { return nil }
    var numerator: Int64 = 0
    for digit in parts.digits {
      guard let shifted = checkedProduct(numerator, 10),
        let next = checkedSum(shifted, Int64(digit))
      else { return nil }
      numerator = next
    }
    if numerator == 0 { return .zero }
    let power = parts.exponent - parts.fractionDigits
    guard power.magnitude <= 18, let scale = Int64(exactly: powerOfTen(power.magnitude)) else {
      return nil
    }
    let signed = parts.negative ? -numerator : numerator
    return power >= 0
      ? checkedProduct(signed, scale).flatMap { Rational($0, 1) }
      : Rational(signed, scale)
  }

  /// Replaces the typographic minus U+2212 by `-` and trims white space.
  static func normalisedSigns(_ text: String) -> String {
    String(text.map { $0 == "\u{2212}" ? "-" : $0 }).trimmingWhitespace()
  }

  /// 10ⁿ as a `UInt64` for n ≤ 19.
  static func powerOfTen(_ n: UInt) -> UInt64 {
    var value: UInt64 = 1
    for _ in 0..<min(n, 19) { value *= 10 }
    return value
  }
}

/// The syntactic pieces of one decimal: sign, significant digits (integer part followed by
/// the fraction part with trailing zeros removed), how many of them are fraction digits,
/// and the exponent.
struct DecimalParts {
  var negative = false
  var digits: [UInt8] = []
  var fractionDigits = 0
  var exponent = 0

  /// Scans one decimal; `nil` when the text is not in the grammar or the exponent has more
  /// than 6 digits.
  init?(_ raw: Substring) {
    let chars = Array(raw.trimmingWhitespace())
    var index = 0
    if index < chars.count, chars[index] == "-" || chars[index] == "+" {
      negative = chars[index] == "-"
      index += 1
    }
    var sawDigit = false
    while index < chars.count, let d = chars[index].wholeNumberValue, chars[index].isASCII {
      digits.append(UInt8(d))
      sawDigit = true
      index += 1
    }
    if index < chars.count, chars[index] == "." {
      index += 1
      var fraction: [UInt8] = []
      while index < chars.count, let d = chars[index].wholeNumberValue, chars[index].isASCII {
        fraction.append(UInt8(d))
        sawDigit = true
        index += 1
      }
      while fraction.last == 0 { fraction.removeLast() }
      digits += fraction
      fractionDigits = fraction.count
    }
    guard sawDigit else { return nil }
    if index < chars.count, chars[index] == "e" || chars[index] == "E" {
      index += 1
      var exponentNegative = false
      if index < chars.count, chars[index] == "-" || chars[index] == "+" {
        exponentNegative = chars[index] == "-"
        index += 1
      }
      var value = 0
      var count = 0
      while index < chars.count, let d = chars[index].wholeNumberValue, chars[index].isASCII {
        value = value * 10 + d
        count += 1
        index += 1
        guard count <= 6 else { return nil }
      }
      guard count > 0 else { return nil }
      exponent = exponentNegative ? -value : value
    }
    guard index == chars.count else { return nil }
  }
}

extension StringProtocol {
  /// The text without leading and trailing white space.
  func trimmingWhitespace() -> String {
    var text = Substring(self)
    while let first = text.first, first.isWhitespace { text.removeFirst() }
    while let last = text.last, last.isWhitespace { text.removeLast() }
    return String(text)
  }
}
