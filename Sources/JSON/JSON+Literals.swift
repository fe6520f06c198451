import OrderedCollections

/// `nil` is `JSON.null`.
extension JSON: ExpressibleByNilLiteral {
  /// Creates `.null`.
  public init(nilLiteral: ()) { self = .null }
}

/// `true` / `false` are `JSON.bool`.
extension JSON: ExpressibleByBooleanLiteral {
  /// Creates `.bool(value)`.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// Integer literals are `JSON.number` (converted to `Double`).
extension JSON: ExpressibleByIntegerLiteral {
  /// Creates `.number(Double(value))`.
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

/// Float literals are `JSON.number`.
extension JSON: ExpressibleByFloatLiteral {
  /// Creates `.number(value)`.
  public init(floatLiteral value: Double) { self = .number(value) }
}

/// String literals are `JSON.string`.
extension JSON: ExpressibleByStringLiteral {
  /// Creates `.string(value)`.
  public init(stringLiteral value: String) { self = .string(value) }
}

/// Array literals are `JSON.array`.
extension JSON: ExpressibleByArrayLiteral {
  /// Creates `.array(elements)`.
  public init(arrayLiteral elements: JSON...) { self = .array(elements) }
}

/// Dictionary literals are `JSON.object`, keeping the literal's key order; a repeated key keeps
/// its first position and its last value.
extension JSON: ExpressibleByDictionaryLiteral {
  /// Creates `.object` with the members in literal order.
  public init(dictionaryLiteral elements: (String, JSON)...) {
    var members = OrderedDictionary<String, JSON>(minimumCapacity: elements.count)
    for (key, value) in elements { members[key] = value }
    self = .object(members)
  }
}
