/// One JSON value together with its key path (`optimizer.learningRate`, `cell.decay[1]`), with
/// typed accessors whose errors name that path and say what was expected and what was found.
///
/// Error wording: a value of the wrong type is named by its type (`got a string`), a value of
/// the right type but wrong content by the value itself (`got 0`, `got "tahn"`).
public struct JSONValueReader: Sendable {
  /// The value read.
  public let value: JSON
  /// The dotted key path of the value; empty for the document itself.
  public let path: String

  /// A reader of `value` found at `path`.
  public init(_ value: JSON, path: String) {
    self.value = value
    self.path = path
  }

  /// True when the value is `null`.
  public var isNull: Bool { value.isNull }

  /// An error at this value's path.
  public func error(_ reason: String) -> JSONError {
    JSONError(.key(path: path), reason)
  }

  /// The value as a string, or `expected a string, got a number`.
  public func string() throws(JSONError) -> String {
    guard case .string(let text) = value else { throw mismatch("a string") }
    return text
  }

  /// The value as a boolean, or `expected a boolean, got a string`.
  public func bool() throws(JSONError) -> Bool {
    guard case .bool(let flag) = value else { throw mismatch("a boolean") }
    return flag
  }

  /// The value as an `Int`: a JSON number that is integral (`64` or `64.0`; `64.5` is an
  /// error) and, when `range` is given, inside it: `expected an integer in 1...65536, got 0`.
  /// A range whose upper bound is `Int.max` is described as `>= lower`.
  public func int(range: ClosedRange<Int>? = nil) throws(JSONError) -> Int {
    var expected = "an integer"
    if let range {
      if range.upperBound == Int.max {
        expected += " >= \(range.lowerBound)"
      } else if range.lowerBound == Int.min {
        expected += " <= \(range.upperBound)"
      } else {
        expected += " in \(range.lowerBound)...\(range.upperBound)"
      }
    }
    guard case .number(let number) = value else { throw mismatch(expected) }
    guard let integer = JSON.exactInt(number), range?.contains(integer) ?? true else {
      throw error("expected \(expected), got \(JSON.format(number))")
    }
    return integer
  }

  /// The value as a `Double` inside `range` (when given): `expected a number > 0, got 0`.
  /// With `allowNonFinite`, the strings `"nan"`, `"inf"`, `"-inf"` are accepted too (and not
  /// checked against `range`); without it they are rejected as `expected a finite number`.
  public func double(range: NumberRange? = nil, allowNonFinite: Bool = false) throws(JSONError)
    -> Double
  {
    let expected = range.map { "a number \($0)" } ?? "a number"
    switch value {
    case .number(let number):
      guard range?.contains(number) ?? true else {
        throw error("expected \(expected), got \(JSON.format(number))")
      }
      return number
    case .string(let text):
      if let special = value.doubleAllowingNonFinite {
        if allowNonFinite { return special }
        throw error("expected a finite number, got \(JSONValueReader.quoted(text))")
      }
      throw mismatch(expected)
    default:
      throw mismatch(expected)
    }
  }

  /// The value as one of `allowed` strings:
  /// `expected one of tanh, relu, sigmoid, identity, got "tahn"`.
  public func enumeration(allowed: [String]) throws(JSONError) -> String {
    let expected = "one of " + allowed.joined(separator: ", ")
    guard case .string(let text) = value else { throw mismatch(expected) }
    guard allowed.contains(text) else {
      throw error("expected \(expected), got \(JSONValueReader.quoted(text))")
    }
    return text
  }

  /// The value as an object reader with this value's path, or `expected an object, got ...`.
  public func object() throws(JSONError) -> JSONObjectReader {
    guard case .object(let members) = value else { throw mismatch("an object") }
    return JSONObjectReader(members: members, path: path)
  }

  /// The elements with paths `path[0]`, `path[1]`, ..., or `expected an array, got ...`.
  public func array() throws(JSONError) -> [JSONValueReader] {
    guard case .array(let elements) = value else { throw mismatch("an array") }
    return elements.enumerated().map { offset, element in
      JSONValueReader(element, path: "\(path)[\(offset)]")
    }
  }

  /// The elements as `Double`s (each checked like `double(range:allowNonFinite:)`), requiring
  /// exactly `count` elements when given: `expected an array of 2 numbers, got 3 elements`.
  public func doubles(count: Int? = nil, range: NumberRange? = nil, allowNonFinite: Bool = false)
    throws(JSONError) -> [Double]
  {
    let elements = try array()
    if let count, elements.count != count {
      throw error("expected an array of \(count) numbers, got \(elements.count) elements")
    }
    var result: [Double] = []
    result.reserveCapacity(elements.count)
    for element in elements {
      result.append(try element.double(range: range, allowNonFinite: allowNonFinite))
    }
    return result
  }

  /// `expected <what>, got <kind of value>`.
  func mismatch(_ expected: String) -> JSONError {
    error("expected \(expected), got \(value.kindDescription)")
  }

  /// `text` as a JSON string literal, cut to 60 scalars (with `…`) so messages stay short.
  static func quoted(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard scalars.count > 60 else { return JSON.string(text).serialized() }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars.prefix(60))
    return JSON.string(String(view) + "…").serialized()
  }
}
