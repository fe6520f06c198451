/// An interval of allowed `Double` values with optional, inclusive or exclusive ends, used by
/// the readers to validate numbers and to name the interval in error messages.
///
/// Descriptions: `in 0...1` (closed), `in 0..<1` (half-open), `>= 0`, `> 0`, `<= 1`, `< 1`,
/// and `> 0 and <= 1` for the remaining combinations. NaN is never contained.
public struct NumberRange: Sendable, Equatable, CustomStringConvertible {
  /// The lower end, or nil for none.
  public let lowerBound: Double?
  /// Whether `lowerBound` itself is allowed.
  public let lowerInclusive: Bool
  /// The upper end, or nil for none.
  public let upperBound: Double?
  /// Whether `upperBound` itself is allowed.
  public let upperInclusive: Bool

  /// An interval with the given ends; a nil end is unbounded.
  public init(lower: Double?, lowerInclusive: Bool, upper: Double?, upperInclusive: Bool) {
    self.lowerBound = lower
    self.lowerInclusive = lowerInclusive
    self.upperBound = upper
    self.upperInclusive = upperInclusive
  }

  /// `range.lowerBound ≤ x ≤ range.upperBound`.
  public init(_ range: ClosedRange<Double>) {
    self.init(lower: range.lowerBound, lowerInclusive: true, upper: range.upperBound, upperInclusive: true)
  }

  /// `range.lowerBound ≤ x < range.upperBound`.
  public init(_ range: Range<Double>) {
    self.init(lower: range.lowerBound, lowerInclusive: true, upper: range.upperBound, upperInclusive: false)
  }

  /// `lower ≤ x ≤ upper`.
  public static func closed(_ lower: Double, _ upper: Double) -> NumberRange {
    NumberRange(lower: lower, lowerInclusive: true, upper: upper, upperInclusive: true)
  }

  /// `lower ≤ x < upper`.
  public static func halfOpen(_ lower: Double, _ upper: Double) -> NumberRange {
    NumberRange(lower: lower, lowerInclusive: true, upper: upper, upperInclusive: false)
  }

  /// `x ≥ lower`.
  public static func atLeast(_ lower: Double) -> NumberRange {
    NumberRange(lower: lower, lowerInclusive: true, upper: nil, upperInclusive: false)
  }

  /// `x > lower`.
  public static func greaterThan(_ lower: Double) -> NumberRange {
    NumberRange(lower: lower, lowerInclusive: false, upper: nil, upperInclusive: false)
  }

  /// `x ≤ upper`.
  public static func atMost(_ upper: Double) -> NumberRange {
    NumberRange(lower: nil, lowerInclusive: false, upper: upper, upperInclusive: true)
  }

  /// `x < upper`.
  public static func lessThan(_ upper: Double) -> NumberRange {
    NumberRange(lower: nil, lowerInclusive: false, upper: upper, upperInclusive: false)
  }

  /// Whether `value` lies in the interval (never for NaN).
  public func contains(_ value: Double) -> Bool {
    if value.isNaN { return false }
    if let lowerBound {
      if lowerInclusive ? value < lowerBound : value <= lowerBound { return false }
    }
    if let upperBound {
      if upperInclusive ? value > upperBound : value >= upperBound { return false }
    }
    return true
  }

  /// The interval as used after "expected a number ": `in 0...1`, `> 0`, ...
  public var description: String {
    let lower = lowerBound.map(JSON.format)
    let upper = upperBound.map(JSON.format)
    switch (lower, upper) {
    case (nil, nil):
      return "in any range"
    case (let lower?, nil):
      return (lowerInclusive ? ">= " : "> ") + lower
    case (nil, let upper?):
      return (upperInclusive ? "<= " : "< ") + upper
    case (let lower?, let upper?):
      if lowerInclusive { return "in \(lower)\(upperInclusive ? "..." : "..<")\(upper)" }
      return "> \(lower) and \(upperInclusive ? "<=" : "<") \(upper)"
    }
  }
}
