import OrderedCollections

/// A JSON value (RFC 8259).
///
/// Invariants and conventions:
/// - Objects keep their keys in insertion (document) order, and that order is the order in which
///   `serialized()` writes them. Keys are unique: the parser rejects duplicate keys.
/// - Numbers are `Double`s. A non-finite number can be held in memory, and is written as the
///   string `"nan"`, `"inf"` or `"-inf"` (see `doubleAllowingNonFinite` for reading it back).
/// - Equality is structural; numbers compare with `Double`'s `==` (so `nan != nan` and
///   `0.0 == -0.0`), and objects compare keys in order.
public enum JSON: Sendable, Equatable {
  /// The literal `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number; the parser only produces finite values.
  case number(Double)
  /// A string of Unicode scalars (never holds a lone surrogate).
  case string(String)
  /// An array of values, in order.
  case array([JSON])
  /// An object whose members keep their document order.
  case object(OrderedDictionary<String, JSON>)
}

extension JSON {
  /// The value of a `.bool`, otherwise nil.
  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The value of a `.number`, otherwise nil (strings such as `"nan"` are not numbers here).
  public var doubleValue: Double? {
    if case .number(let value) = self { return value }
    return nil
  }

  /// The value of a `.number` that is integral and fits in `Int` exactly, otherwise nil.
  /// `64` and `64.0` give 64; `64.5` gives nil.
  public var intValue: Int? {
    guard case .number(let value) = self else { return nil }
    return JSON.exactInt(value)
  }

  /// The value of a `.string`, otherwise nil.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The elements of an `.array`, otherwise nil.
  public var arrayValue: [JSON]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// The members of an `.object`, otherwise nil.
  public var objectValue: OrderedDictionary<String, JSON>? {
    if case .object(let value) = self { return value }
    return nil
  }

  /// True for `.null` only.
  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// The member named `key` when `self` is an object that has it, otherwise nil.
  public subscript(key: String) -> JSON? {
    guard case .object(let members) = self else { return nil }
    return members[key]
  }

  /// The element at `index` when `self` is an array and `index` is in bounds, otherwise nil.
  public subscript(index: Int) -> JSON? {
    guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
    return elements[index]
  }

  /// A short English name of the value's type, with its article: "a number", "an object", "null".
  public var kindDescription: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// `value` as an `Int` when it is integral and within `Int`'s range, otherwise nil.
  static func exactInt(_ value: Double) -> Int? {
    // 2^63 is exactly representable; every integral Double in [-2^63, 2^63) fits in Int.
    guard value.isFinite, value == value.rounded(.towardZero),
      value >= -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0
    else { return nil }
    return Int(value)
  }
}
