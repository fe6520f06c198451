import OrderedCollections

/// Typed, path-aware reading of one JSON object, for configuration files.
///
/// Every accessor records the key it was asked for; `finish()` then throws for the first key
/// of the object (in document order) that no accessor asked for, suggesting the closest asked
/// key within edit distance 2: `unknown key "optimizer.learningRat"; did you mean
/// "learningRate"?`. Call `finish()` on every reader (or use `object(_:_:)`, which does).
///
/// Conventions: a missing key gives the default; a present key must have the right type
/// (`null` is only accepted by the `optional...` accessors, where it means nil). Errors name
/// the full key path: `"batchSize": expected an integer in 1...65536, got 0`.
public struct JSONObjectReader: Sendable {
  /// The object's members in document order.
  public let members: OrderedDictionary<String, JSON>
  /// The dotted path of this object (`optimizer`); empty for the document itself.
  public let path: String
  private var asked: [String] = []
  private var askedSet: Set<String> = []

  /// A reader of `members` at `path`.
  public init(members: OrderedDictionary<String, JSON>, path: String = "") {
    self.members = members
    self.path = path
  }

  /// A reader of `value`, which must be an object: `"optimizer": expected an object, got ...`.
  public init(_ value: JSON, path: String = "") throws(JSONError) {
    self = try JSONValueReader(value, path: path).object()
  }

  /// The full dotted path of `key` in this object.
  public func path(of key: String) -> String {
    path.isEmpty ? key : "\(path).\(key)"
  }

  /// Whether the object has `key` (does not count as asking for it).
  public func contains(_ key: String) -> Bool {
    members[key] != nil
  }

  /// The value at `key` with its path, or nil when the key is absent (`null` is returned as a
  /// value). Marks the key as known.
  public mutating func value(_ key: String) -> JSONValueReader? {
    if askedSet.insert(key).inserted { asked.append(key) }
    return members[key].map { JSONValueReader($0, path: path(of: key)) }
  }

  /// The value at `key`, or `"task.name": required key is missing`.
  public mutating func requiredValue(_ key: String) throws(JSONError) -> JSONValueReader {
    guard let found = value(key) else {
      throw JSONError(.key(path: path(of: key)), "required key is missing")
    }
    return found
  }

  /// The value at `key` unless it is absent or `null`.
  private mutating func nonNull(_ key: String) -> JSONValueReader? {
    guard let found = value(key), !found.isNull else { return nil }
    return found
  }

  /// The string at `key`, which must be present.
  public mutating func requiredString(_ key: String) throws(JSONError) -> String {
    try requiredValue(key).string()
  }

  /// The string at `key`, or `defaultValue` when absent.
  public mutating func string(_ key: String, default defaultValue: String) throws(JSONError)
    -> String
  {
    guard let found = value(key) else { return defaultValue }
    return try found.string()
  }

  /// The string at `key`, or nil when absent or `null`.
  public mutating func optionalString(_ key: String) throws(JSONError) -> String? {
    try nonNull(key)?.string()
  }

  /// The boolean at `key`, or `defaultValue` when absent.
  public mutating func bool(_ key: String, default defaultValue: Bool) throws(JSONError) -> Bool {
    guard let found = value(key) else { return defaultValue }
    return try found.bool()
  }

  /// The integer at `key` (see `JSONValueReader.int(range:)`), or `defaultValue` when absent.
  public mutating func int(_ key: String, default defaultValue: Int, range: ClosedRange<Int>? = nil)
    throws(JSONError) -> Int
  {
    guard let found = value(key) else { return defaultValue }
    return try found.int(range: range)
  }

  /// The integer at `key`, which must be present.
  public mutating func requiredInt(_ key: String, range: ClosedRange<Int>? = nil) throws(JSONError)
    -> Int
  {
    try requiredValue(key).int(range: range)
  }

  /// The integer at `key`, or nil when absent or `null`.
  public mutating func optionalInt(_ key: String, range: ClosedRange<Int>? = nil) throws(JSONError)
    -> Int?
  {
    try nonNull(key)?.int(range: range)
  }

  /// The number at `key` (see `JSONValueReader.double(range:allowNonFinite:)`), or
  /// `defaultValue` when absent.
  public mutating func double(
    _ key: String, default defaultValue: Double, range: NumberRange? = nil,
    allowNonFinite: Bool = false
  ) throws(JSONError) -> Double {
    guard let found = value(key) else { return defaultValue }
    return try found.double(range: range, allowNonFinite: allowNonFinite)
  }

  /// The number at `key`, which must be present.
  public mutating func requiredDouble(
    _ key: String, range: NumberRange? = nil, allowNonFinite: Bool = false
  ) throws(JSONError) -> Double {
    try requiredValue(key).double(range: range, allowNonFinite: allowNonFinite)
  }

  /// The number at `key`, or nil when absent or `null` (e.g. `"clipNorm": null` = off).
  public mutating func optionalDouble(_ key: String, range: NumberRange? = nil) throws(JSONError)
    -> Double?
  {
    try nonNull(key)?.double(range: range)
  }

  /// The string at `key`, one of `allowed`, or `defaultValue` when absent:
  /// `"cell.activation": expected one of tanh, relu, sigmoid, identity, got "tahn"`.
  public mutating func enumeration(_ key: String, default defaultValue: String, allowed: [String])
    throws(JSONError) -> String
  {
    guard let found = value(key) else { return defaultValue }
    return try found.enumeration(allowed: allowed)
  }

  /// The string at `key`, one of `allowed`, which must be present.
  public mutating func requiredEnumeration(_ key: String, allowed: [String]) throws(JSONError)
    -> String
  {
    try requiredValue(key).enumeration(allowed: allowed)
  }

  /// A reader of the object at `key` with path `path.key`; an absent key gives a reader of an
  /// empty object (so its defaults apply); `null` and other types are errors.
  public mutating func object(_ key: String) throws(JSONError) -> JSONObjectReader {
    guard let found = value(key) else { return JSONObjectReader(members: [:], path: path(of: key)) }
    return try found.object()
  }

  /// The object at `key`, which must be present.
  public mutating func requiredObject(_ key: String) throws(JSONError) -> JSONObjectReader {
    try requiredValue(key).object()
  }

  /// Reads the object at `key` (absent = empty) with `body`, then calls `finish()` on it.
  /// Throws what `body` throws, or a `JSONError` (wrong type, unknown key).
  public mutating func object<T, E: Error>(
    _ key: String, _ body: (inout JSONObjectReader) throws(E) -> T
  ) throws -> T {
    var reader = try object(key)
    let result = try body(&reader)
    try reader.finish()
    return result
  }

  /// The elements of the array at `key` (paths `key[0]`, ...), or nil when absent.
  public mutating func array(_ key: String) throws(JSONError) -> [JSONValueReader]? {
    try value(key)?.array()
  }

  /// The elements of the array at `key`, which must be present.
  public mutating func requiredArray(_ key: String) throws(JSONError) -> [JSONValueReader] {
    try requiredValue(key).array()
  }

  /// The keys of the object that no accessor asked for, in document order.
  public var unknownKeys: [String] {
    members.keys.filter { !askedSet.contains($0) }
  }

  /// Throws for the first key that no accessor asked for (see the type's documentation).
  public func finish() throws(JSONError) {
    guard let unknown = unknownKeys.first else { return }
    throw JSONError.unknownKey(unknown, in: path, candidates: asked)
  }
}
