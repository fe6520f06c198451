extension JSONParser {
  /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` at `index`.
  ///
  /// The result is correctly rounded: exact small cases use Clinger's fast path (an exact
  /// integer significand ≤ 2^53 times or divided by an exact power of ten ≤ 10^22, one
  /// rounding); every other case goes through `Double(_: Substring)`, which is `strtod`.
  /// A value that rounds to ±infinity is an error; one that underflows becomes ±0.
  mutating func parseNumber() throws(JSONError) -> Double {
    let start = index
    var negative = false
    if bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    }
    var significand: UInt64 = 0
    var digitCount = 0  // significant digits accumulated into `significand`
    var exact = true  // false once a non-zero digit did not fit
    var decimalExponent = 0

    guard index < bytes.count, isDigit(bytes[index]) else {
      throw error(negative ? "expected a digit after '-'" : "invalid number")
    }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
      if index < bytes.count, isDigit(bytes[index]) {
        throw error("leading zeros are not allowed in numbers", at: start)
      }
    } else {
      while index < bytes.count, isDigit(bytes[index]) {
        accumulate(bytes[index], &significand, &digitCount, &exact, &decimalExponent, false)
        index += 1
      }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw error("expected a digit after the decimal point")
      }
      while index < bytes.count, isDigit(bytes[index]) {
        accumulate(bytes[index], &significand, &digitCount, &exact, &decimalExponent, true)
        index += 1
      }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      var exponentNegative = false
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        exponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw error("expected a digit in the exponent")
      }
      var exponent = 0
      while index < bytes.count, isDigit(bytes[index]) {
        // Saturate: anything this large is infinity or zero anyway.
        if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[index] - 0x30) }
        index += 1
      }
      decimalExponent += exponentNegative ? -exponent : exponent
    }

    if exact, significand <= 1 << 53, (-22...22).contains(decimalExponent) {
      var value = Double(significand)
      if decimalExponent >= 0 {
        value *= JSONParser.powersOfTen[decimalExponent]
      } else {
        value /= JSONParser.powersOfTen[-decimalExponent]
      }
      return negative ? -value : value
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let value = Double(text[...]) else {
      throw error("invalid number", at: start)
    }
    guard value.isFinite else {
      throw error("number out of range", at: start)
    }
    return value
  }

  @inline(__always)
  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// Adds one decimal digit to the significand, keeping at most 19 significant digits; a
  /// dropped non-zero digit makes the value inexact (so the slow path decides rounding).
  @inline(__always)
  private func accumulate(
    _ byte: UInt8, _ significand: inout UInt64, _ digitCount: inout Int, _ exact: inout Bool,
    _ decimalExponent: inout Int, _ isFraction: Bool
  ) {
    let digit = UInt64(byte - UInt8(ascii: "0"))
    if digitCount < 19 {
      significand = significand * 10 + digit
      if significand != 0 { digitCount += 1 }
      if isFraction { decimalExponent -= 1 }
    } else {
      if digit != 0 { exact = false }
      if !isFraction { decimalExponent += 1 }
    }
  }

  /// 10^0 ... 10^22, each exactly representable as a Double.
  static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]
}
