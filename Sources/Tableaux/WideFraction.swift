/// A fraction entry too large for `Rational`'s `Int64` parts, such as
/// `"123456789012345678901234567890/7"`: both sides read exactly into 128-bit integers
/// (up to 38 significant digits each, decimals scaled by a common power of ten), then divided
/// to the correctly rounded `Double` (ties to even).
///
/// The analysis of such a tableau runs in `Double` (as for long decimals); only the value is
/// exact-then-rounded, never the text's digits silently dropped.
struct WideFraction {
  /// `p/q` as a correctly rounded `Double`, or nil when the text is not `decimal/decimal`, a
  /// side needs more than 128 bits, or the denominator is zero.
  static func value(of text: String) -> Double? {
    let parts = Rational.normalisedSigns(text).split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let top = DecimalParts(parts[0]), let bottom = DecimalParts(parts[1]) else { return nil }
    guard let p = integer(top.digits), let q = integer(bottom.digits), q != 0 else { return nil }
    if p == 0 { return 0 }
    // p·10^a / (q·10^b): move the powers of ten to one side, as integers.
    let a = top.exponent - top.fractionDigits
    let b = bottom.exponent - bottom.fractionDigits
    var n = p
    var d = q
    let fits = a >= b ? scale(&n, by: a - b) : scale(&d, by: b - a)
    guard fits else { return nil }
    let magnitude = quotient(n, d)
    return top.negative != bottom.negative ? -magnitude : magnitude
  }

  /// The digits as one integer, or nil past 128 bits.
  static func integer(_ digits: [UInt8]) -> UInt128? {
    var value: UInt128 = 0
    for digit in digits {
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (plus, o2) = times.addingReportingOverflow(UInt128(digit))
      guard !o1, !o2 else { return nil }
      value = plus
    }
    return value
  }

  /// Multiplies `x` by 10^k in place; false on overflow.
  static func scale(_ x: inout UInt128, by k: Int) -> Bool {
    for _ in 0..<k {
      let (times, overflow) = x.multipliedReportingOverflow(by: 10)
      guard !overflow else { return false }
      x = times
    }
    return true
  }

  /// The correctly rounded `Double` nearest `n/d` (both > 0): binary long division to at least
  /// 55 significant quotient bits, the remainder folded into the lowest bit as a sticky bit
  /// (below the rounding position), then one rounding in the conversion and an exact scaling
  /// by a power of two.
  static func quotient(_ n: UInt128, _ d: UInt128) -> Double {
    var q = n / d
    var r = n % d
    var fractionBits = 0
    while q.leadingZeroBitCount > 128 - 55 {
      // r < d < 2^127, so 2r fits; each step appends one quotient bit.
      r <<= 1
      q <<= 1
      if r >= d {
        r -= d
        q |= 1
      }
      fractionBits += 1
    }
    let rounded = Double(q | (r == 0 ? 0 : 1))
    return Double(sign: .plus, exponent: rounded.exponent - fractionBits, significand: rounded.significand)
  }
}
