import OrderedCollections

extension JSON {
  /// The deepest nesting of arrays and objects that `parse` accepts.
  public static let maximumDepth = 512

  /// Parses one JSON document (RFC 8259, strict) from UTF-8 bytes.
  ///
  /// Accepts exactly one value, optionally surrounded by whitespace (space, tab, LF, CR).
  /// Rejects trailing commas, comments, `NaN`/`Infinity`, leading zeros, invalid UTF-8, lone
  /// surrogate escapes, control characters in strings, duplicate object keys, nesting deeper
  /// than `maximumDepth`, a byte order mark, and numbers that overflow to infinity. Numbers are
  /// rounded correctly (as `strtod`). Never traps: every input either parses or throws.
  /// Error offsets, lines and columns are relative to the start of `bytes` (for a slice, its
  /// first element), so parsing one line of a file reports columns within that line.
  public static func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSON {
    let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
      parse(buffer: buffer)
    }
    if let contiguous { return try contiguous.get() }
    let copy = Array(bytes)
    return try copy.withUnsafeBufferPointer { parse(buffer: $0) }.get()
  }

  /// Parses one JSON document from a string's UTF-8 encoding; see `parse(_:)` for the rules.
  public static func parse(_ string: String) throws(JSONError) -> JSON {
    try parse(string.utf8)
  }

  static func parse(buffer: UnsafeBufferPointer<UInt8>) -> Result<JSON, JSONError> {
    var parser = JSONParser(bytes: buffer)
    do throws(JSONError) {
      return .success(try parser.parseDocument())
    } catch {
      return .failure(error)
    }
  }
}

/// An iterative (explicit-stack) recursive-descent parser over a byte buffer.
///
/// Open containers keep their pending elements in `values` (and object keys in `keys`), so
/// closing a container moves a contiguous tail of those stacks into a new value: linear time,
/// no copy-on-write surprises, and no recursion whatever the nesting.
struct JSONParser {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0

  private struct Frame {
    let isObject: Bool
    let valueStart: Int
    let keyStart: Int
  }

  private var frames: [Frame] = []
  private var values: [JSON] = []
  private var keys: [String] = []
  private var keyOffsets: [Int] = []

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  func error(_ reason: String, at offset: Int? = nil) -> JSONError {
    JSONError.syntax(reason, at: offset ?? index, in: bytes)
  }

  mutating func parseDocument() throws(JSONError) -> JSON {
    let value = try parseValue()
    skipWhitespace()
    if index < bytes.count {
      throw error("unexpected \(describeByte(at: index)) after the JSON value")
    }
    return value
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while index < bytes.count {
      let byte = bytes[index]
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      index += 1
    }
  }

  private mutating func parseValue() throws(JSONError) -> JSON {
    while true {
      skipWhitespace()
      guard index < bytes.count else {
        throw error("unexpected end of input, expected a value")
      }
      var value: JSON
      switch bytes[index] {
      case UInt8(ascii: "{"):
        try open(isObject: true)
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          index += 1
          value = try close()
        } else {
          try parseKey()
          continue
        }
      case UInt8(ascii: "["):
        try open(isObject: false)
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          index += 1
          value = try close()
        } else {
          continue
        }
      case UInt8(ascii: "\""):
        value = .string(try parseString())
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        value = .number(try parseNumber())
      case UInt8(ascii: "t"):
        try expectLiteral("true")
        value = .bool(true)
      case UInt8(ascii: "f"):
        try expectLiteral("false")
        value = .bool(false)
      case UInt8(ascii: "n"):
        try expectLiteral("null")
        value = .null
      case UInt8(ascii: "]") where frames.last.map { !$0.isObject } == true:
        throw error("expected a value, got ']' (trailing comma?)")
      default:
        throw error("unexpected \(describeByte(at: index)), expected a value")
      }
      // Attach the finished value to the innermost open container, closing containers as
      // long as their closing bracket follows.
      while let frame = frames.last {
        values.append(value)
        skipWhitespace()
        guard index < bytes.count else {
          throw error("unexpected end of input, expected ',' or '\(frame.isObject ? "}" : "]")'")
        }
        let byte = bytes[index]
        if byte == UInt8(ascii: ",") {
          index += 1
          if frame.isObject {
            skipWhitespace()
            try parseKey()
          }
          break
        }
        if frame.isObject {
          guard byte == UInt8(ascii: "}") else {
            throw error("expected ',' or '}' after object member")
          }
        } else {
          guard byte == UInt8(ascii: "]") else {
            throw error("expected ',' or ']' after array element")
          }
        }
        index += 1
        value = try close()
      }
      if frames.isEmpty { return value }
    }
  }

  private mutating func open(isObject: Bool) throws(JSONError) {
    guard frames.count < JSON.maximumDepth else {
      throw error("nesting deeper than \(JSON.maximumDepth) levels")
    }
    index += 1
    frames.append(Frame(isObject: isObject, valueStart: values.count, keyStart: keys.count))
  }

  /// Pops the innermost frame and builds its value from the tails of the pending stacks.
  private mutating func close() throws(JSONError) -> JSON {
    guard let frame = frames.popLast() else { return .null }
    if !frame.isObject {
      let elements = Array(values[frame.valueStart...])
      values.removeSubrange(frame.valueStart...)
      return .array(elements)
    }
    var members = OrderedDictionary<String, JSON>(minimumCapacity: keys.count - frame.keyStart)
    var position = frame.valueStart
    for keyIndex in frame.keyStart..<keys.count {
      let key = keys[keyIndex]
      if members.updateValue(values[position], forKey: key) != nil {
        throw error("duplicate key \(JSON.string(key).serialized())", at: keyOffsets[keyIndex])
      }
      position += 1
    }
    values.removeSubrange(frame.valueStart...)
    keys.removeSubrange(frame.keyStart...)
    keyOffsets.removeSubrange(frame.keyStart...)
    return .object(members)
  }

  /// Parses `"key"` and the `:` after it (whitespace already skipped before the key).
  private mutating func parseKey() throws(JSONError) {
    guard index < bytes.count else {
      throw error("unexpected end of input, expected a string key")
    }
    guard bytes[index] == UInt8(ascii: "\"") else {
      if bytes[index] == UInt8(ascii: "}") {
        throw error("expected a string key, got '}' (trailing comma?)")
      }
      throw error("expected a string key, got \(describeByte(at: index))")
    }
    keyOffsets.append(index)
    keys.append(try parseString())
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
      throw error("expected ':' after object key")
    }
    index += 1
  }

  private mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
    let start = index
    let count = literal.utf8CodeUnitCount
    let text = literal.utf8Start
    for offset in 0..<count {
      guard index < bytes.count, bytes[index] == text[offset] else {
        throw error("invalid literal, expected '\(literal)'", at: start)
      }
      index += 1
    }
  }

  /// `end of input`, `character 'x'` for printable ASCII, otherwise `byte 0xNN`.
  func describeByte(at offset: Int) -> String {
    guard offset < bytes.count else { return "end of input" }
    let byte = bytes[offset]
    if byte >= 0x21 && byte < 0x7F {
      return "character '\(Character(Unicode.Scalar(byte)))'"
    }
    return "byte 0x\(hex2(byte))"
  }
}

/// Two upper-case hexadecimal digits of `byte`.
func hex2(_ byte: UInt8) -> String {
  func digit(_ nibble: UInt8) -> Character {
    Character(Unicode.Scalar(nibble < 10 ? 0x30 + nibble : 0x37 + nibble))
  }
  return String([digit(byte >> 4), digit(byte & 0x0F)])
}
