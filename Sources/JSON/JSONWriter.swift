/// How `JSON.serialized` lays out arrays and objects.
public enum JSONStyle: Sendable, Equatable {
  /// No whitespace at all: `{"a":1,"b":[1,2]}`. The default; used for files.
  case compact
  /// One space after every `,` and `:` on a single line: `{"a": 1, "b": [1, 2]}`, the layout
  /// of DESIGN.md's examples; meant for output people read.
  case spaced
}

extension JSON {
  /// The document as text on one line (never contains a newline: control characters in
  /// strings are escaped). Keys appear in the object's order. Numbers use `JSON.format`;
  /// non-finite numbers become the strings `"nan"`, `"inf"`, `"-inf"`.
  public func serialized(_ style: JSONStyle = .compact) -> String {
    var bytes: [UInt8] = []
    appendSerialized(to: &bytes, style: style)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the UTF-8 bytes of `serialized(style)` to `bytes`.
  public func appendSerialized(to bytes: inout [UInt8], style: JSONStyle = .compact) {
    switch self {
    case .null:
      bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    case .bool(let value):
      if value {
        bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
      } else {
        bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
      }
    case .number(let value):
      JSON.appendNumber(value, to: &bytes)
    case .string(let value):
      JSON.appendString(value, to: &bytes)
    case .array(let elements):
      bytes.append(UInt8(ascii: "["))
      var first = true
      for element in elements {
        if !first { appendSeparator(to: &bytes, style: style) }
        first = false
        element.appendSerialized(to: &bytes, style: style)
      }
      bytes.append(UInt8(ascii: "]"))
    case .object(let members):
      bytes.append(UInt8(ascii: "{"))
      var first = true
      for (key, value) in members {
        if !first { appendSeparator(to: &bytes, style: style) }
        first = false
        JSON.appendString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if style == .spaced { bytes.append(0x20) }
        value.appendSerialized(to: &bytes, style: style)
      }
      bytes.append(UInt8(ascii: "}"))
    }
  }

  /// Appends `serialized(style)` to `string`.
  public func appendSerialized(to string: inout String, style: JSONStyle = .compact) {
    string += serialized(style)
  }

  private func appendSeparator(to bytes: inout [UInt8], style: JSONStyle) {
    bytes.append(UInt8(ascii: ","))
    if style == .spaced { bytes.append(0x20) }
  }

  /// Appends `value` as a JSON number (`JSON.format`), or as a quoted `"nan"`, `"inf"`,
  /// `"-inf"` when it is not finite.
  public static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
    guard value.isFinite else {
      appendString(value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf"), to: &bytes)
      return
    }
    bytes.append(contentsOf: format(value).utf8)
  }

  /// The shortest text that reads back to exactly `value`'s bits, as valid JSON number syntax:
  /// Swift's shortest round-trip `description` with a trailing `.0` removed, so integral
  /// values below 2^53 in magnitude are plain integers (`500`, `-0`), and other values look
  /// like `0.1`, `1e-05`, `5e-324`, `1.7976931348623157e+308`.
  /// Non-finite values give `nan`, `inf`, `-inf` (not JSON; `appendNumber` quotes them).
  public static func format(_ value: Double) -> String {
    if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992.0 {
      if value == 0 { return value.sign == .minus ? "-0" : "0" }
      return Int64(value).description
    }
    let text = value.description
    if text.hasSuffix(".0") { return String(text.dropLast(2)) }
    return text
  }

  /// Appends `value` as a JSON string: `"` and `\` escaped, `\n`, `\r`, `\t`, `\b`, `\f` as
  /// their short escapes, other control characters (U+0000...U+001F) as `\u00XX`, everything
  /// else (non-ASCII included) as raw UTF-8.
  public static func appendString(_ value: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
      case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
      case 0..<0x20:
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
        bytes.append(contentsOf: hex2(byte).utf8)
      default:
        bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
