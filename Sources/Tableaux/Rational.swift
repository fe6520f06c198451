/// An exact rational number `numerator / denominator` held in two `Int64`s.
///
/// Invariants (established by every initialiser):
/// - `denominator > 0`;
/// - `gcd(|numerator|, denominator) == 1` (so equal values have equal representations,
///   which makes the synthesised `Hashable` conformance value-based);
/// - neither part is `Int64.min`, so negation can never overflow.
///
/// Arithmetic is overflow-checked: `adding`, `subtracting`, `multiplied(by:)` and
/// `divided(by:)` return `nil` when an intermediate or final value would not fit in
/// `Int64`, never a wrapped or trapping result.
public struct Rational: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The signed numerator, coprime with `denominator`.
  public let numerator: Int64
  /// The positive denominator.
  public let denominator: Int64

  /// The value 0 = 0/1.
  public static let zero = Rational(reduced: 0, 1)
  /// The value 1 = 1/1.
  public static let one = Rational(reduced: 1, 1)

  /// Creates `numerator / denominator` in lowest terms with a positive denominator.
  ///
  /// Returns `nil` when `denominator == 0` or either argument is `Int64.min`.
  public init?(_ numerator: Int64, _ denominator: Int64 = 1) {
    guard denominator != 0, numerator != .min, denominator != .min else { return nil }
    let g = Int64(Rational.gcd(numerator.magnitude, denominator.magnitude))
    var n = numerator / g
    var d = denominator / g
    if d < 0 {
      n = -n
      d = -d
    }
    self.init(reduced: n, d)
  }

  /// Stores parts that already satisfy the invariants.
  init(reduced numerator: Int64, _ denominator: Int64) {
    self.numerator = numerator
    self.denominator = denominator
  }

  /// The exact value of a finite `Double` x = m·2ᵉ (m an odd integer, or x = 0), or `nil`
  /// when m or 2⁻ᵉ does not fit: 0.5 → 1/2, 3 → 3, 0.1 → 3602879701896397/36028797018963968.
  public init?(exactly x: Double) {
    guard x != 0 else {
      self = .zero
      return
    }
    guard x.isNormal else { return nil }  // subnormals need denominators beyond 2⁶²
    let significand = x.significandBitPattern | 1 << 52
    let shift = significand.trailingZeroBitCount
    let odd = significand >> shift
    let exponent = Int(x.exponent) - 52 + shift
    let magnitude: Int64
    let denominator: Int64
    if exponent >= 0 {
      guard exponent + (64 - odd.leadingZeroBitCount) <= 63 else { return nil }
      (magnitude, denominator) = (Int64(odd) << exponent, 1)
    } else {
      guard -exponent <= 62 else { return nil }
      (magnitude, denominator) = (Int64(odd), 1 << -exponent)
    }
    self.init(reduced: x < 0 ? -magnitude : magnitude, denominator)
  }

  /// The nearest `Double` to p/q, correctly rounded (ties to even) for every numerator and
  /// denominator, also beyond 2⁵³: the quotient `⌊|p|·2ᵏ / q⌋` is formed in 128-bit integers
  /// with at least 55 significant bits, a non-zero remainder is folded into its lowest bit
  /// (a sticky bit below the rounding position), and the conversion to `Double` rounds once.
  public var doubleValue: Double {
    if numerator.magnitude < 1 << 53 && denominator < 1 << 53 {
      return Double(numerator) / Double(denominator)  // both exact: one IEEE rounding
    }
    let n = UInt128(numerator.magnitude)
    let d = UInt128(denominator)
    let k = max(0, 56 - (128 - n.leadingZeroBitCount) + (128 - d.leadingZeroBitCount))
    let (q, r) = (n << k).quotientAndRemainder(dividingBy: d)
    let magnitude = Double(q | (r == 0 ? 0 : 1)) * Double(sign: .plus, exponent: -k, significand: 1)
    return numerator < 0 ? -magnitude : magnitude
  }

  /// `-self`; always representable because the numerator is never `Int64.min`.
  public var negated: Rational {
    Rational(reduced: -numerator, denominator)
  }

  /// `true` when the denominator is 1.
  public var isInteger: Bool { denominator == 1 }

  /// `"p/q"`, or `"p"` when q = 1; the sign is carried by the numerator (`"-1/3"`).
  public var description: String {
    denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
  }

  /// p/q + r/s computed over lcm(q, s); `nil` on `Int64` overflow.
  public func adding(_ other: Rational) -> Rational? {
    let g = Int64(Rational.gcd(denominator.magnitude, other.denominator.magnitude))
    let leftScale = other.denominator / g
    let rightScale = denominator / g
    guard let x = Rational.checkedProduct(numerator, leftScale),
      let y = Rational.checkedProduct(other.numerator, rightScale),
      let n = Rational.checkedSum(x, y),
      let d = Rational.checkedProduct(denominator, leftScale)
    else { return nil }
    return Rational(n, d)
  }

  /// p/q − r/s; `nil` on `Int64` overflow.
  public func subtracting(_ other: Rational) -> Rational? {
    adding(other.negated)
  }

  /// (p/q)·(r/s) with cross-cancellation before multiplying; `nil` on `Int64` overflow.
  public func multiplied(by other: Rational) -> Rational? {
    let g1 = Int64(Rational.gcd(numerator.magnitude, other.denominator.magnitude))
    let g2 = Int64(Rational.gcd(other.numerator.magnitude, denominator.magnitude))
    guard let n = Rational.checkedProduct(numerator / g1, other.numerator / g2),
      let d = Rational.checkedProduct(denominator / g2, other.denominator / g1)
    else { return nil }
    return Rational(n, d)
  }

  /// (p/q)/(r/s); `nil` when r = 0 or on `Int64` overflow.
  public func divided(by other: Rational) -> Rational? {
    guard other.numerator != 0,
      let reciprocal = Rational(other.denominator, other.numerator)
    else { return nil }
    return multiplied(by: reciprocal)
  }

  /// Exact comparison p·s < r·q using 128-bit products (never overflows).
  public static func < (lhs: Rational, rhs: Rational) -> Bool {
    let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
    let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
    return left.high != right.high ? left.high < right.high : left.low < right.low
  }

  /// The best rational approximation of `x` with denominator ≤ `maxDenominator`, found from
  /// the continued-fraction convergents, when it is within `tolerance · max(1, |x|)` of `x`;
  /// otherwise `nil`. Used for display (for example 0.041666… → 1/24).
  public static func approximating(
    _ x: Double, maxDenominator: Int64 = 1_000_000, tolerance: Double = 1e-13
  ) -> Rational? {
    guard x.isFinite, x.magnitude < 9e15, maxDenominator > 0 else { return nil }
    var (h0, h1): (Int64, Int64) = (0, 1)
    var (k0, k1): (Int64, Int64) = (1, 0)
    var remainder = x
    for _ in 0..<64 {
      let whole = remainder.rounded(.down)
      guard whole.magnitude < 9e15 else { return nil }
      let term = Int64(whole)
      guard let ht = checkedProduct(term, h1), let h = checkedSum(ht, h0),
        let kt = checkedProduct(term, k1), let k = checkedSum(kt, k0), k <= maxDenominator
      else { return nil }
      (h0, h1, k0, k1) = (h1, h, k1, k)
      if let candidate = Rational(h, k),
        (candidate.doubleValue - x).magnitude <= tolerance * max(1, x.magnitude)
      {
        return candidate
      }
      let fraction = remainder - whole
      guard fraction > 0 else { return nil }
      remainder = 1 / fraction
    }
    return nil
  }

  /// Greatest common divisor by Euclid's algorithm; gcd(0, n) = n.
  static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x == 0 ? 1 : x
  }

  /// a·b, or `nil` when it overflows `Int64` or equals `Int64.min`.
  static func checkedProduct(_ a: Int64, _ b: Int64) -> Int64? {
    let (value, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow || value == .min ? nil : value
  }

  /// a + b, or `nil` when it overflows `Int64` or equals `Int64.min`.
  static func checkedSum(_ a: Int64, _ b: Int64) -> Int64? {
    let (value, overflow) = a.addingReportingOverflow(b)
    return overflow || value == .min ? nil : value
  }
}
