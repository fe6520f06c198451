/// The arithmetic the stability polynomials are built in, so that one generic routine gives
/// three results:
/// - `Rational`: exact; a step returns `nil` on `Int64` overflow (the caller then falls back
///   to `Double`);
/// - `Double`: rounded, never `nil`;
/// - `Magnitude`: `Double` on absolute values with negation the identity, so every sum
///   becomes a sum of magnitudes. Fed |entries|, it returns for each computed quantity an
///   upper bound of the magnitudes of all the terms the `Double` run adds up, which is what
///   a rounding-error bound scales with.
protocol StabilityScalar: Sendable {
  /// 0.
  static var zero: Self { get }
  /// 1.
  static var one: Self { get }
  /// self + other, or `nil` on overflow.
  func plus(_ other: Self) -> Self?
  /// self · other, or `nil` on overflow.
  func times(_ other: Self) -> Self?
  /// self / n for an integer n ≥ 1, or `nil` on overflow.
  func dividedBy(_ n: Int) -> Self?
  /// −self (the identity for `Magnitude`).
  var negated: Self { get }
}

extension StabilityScalar {
  /// self − other, or `nil` on overflow.
  func minus(_ other: Self) -> Self? { plus(other.negated) }
}

extension Rational: StabilityScalar {
  func plus(_ other: Rational) -> Rational? { adding(other) }
  func times(_ other: Rational) -> Rational? { multiplied(by: other) }
  func dividedBy(_ n: Int) -> Rational? { Rational(Int64(n)).flatMap { divided(by: $0) } }
}

extension Double: StabilityScalar {
  static var one: Double { 1 }
  func plus(_ other: Double) -> Double? { self + other }
  func times(_ other: Double) -> Double? { self * other }
  func dividedBy(_ n: Int) -> Double? { self / Double(n) }
  var negated: Double { -self }
}

/// A non-negative `Double` in which subtraction adds: |x| ⊕ |y| = |x| + |y|.
struct Magnitude: StabilityScalar, Equatable {
  /// The bound, ≥ 0.
  var value: Double

  /// |x|.
  init(_ x: Double) { value = x.magnitude }

  static var zero: Magnitude { Magnitude(0) }
  static var one: Magnitude { Magnitude(1) }
  func plus(_ other: Magnitude) -> Magnitude? { Magnitude(value + other.value) }
  func times(_ other: Magnitude) -> Magnitude? { Magnitude(value * other.value) }
  func dividedBy(_ n: Int) -> Magnitude? { Magnitude(value / Double(n)) }
  var negated: Magnitude { self }
}
