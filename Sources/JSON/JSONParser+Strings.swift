extension JSONParser {
  /// Parses a string starting at the opening quote; leaves `index` after the closing quote.
  ///
  /// Validates UTF-8 (RFC 3629: no overlong forms, no encoded surrogates, nothing above
  /// U+10FFFF), rejects unescaped control characters, decodes escapes and pairs surrogates.
  mutating func parseString() throws(JSONError) -> String {
    index += 1
    let start = index
    // Fast path: no escapes, so the string is a slice of the input.
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw controlCharacterError(byte) }
      if byte < 0x80 {
        index += 1
      } else {
        index += try utf8SequenceLength()
      }
    }
    guard index < bytes.count else {
      throw error("unterminated string", at: start - 1)
    }
    // Slow path: copy what was scanned, then decode escapes.
    var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
    buffer.reserveCapacity(buffer.count + 16)
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return String(decoding: buffer, as: UTF8.self)
      }
      if byte == UInt8(ascii: "\\") {
        try parseEscape(into: &buffer)
      } else if byte < 0x20 {
        throw controlCharacterError(byte)
      } else if byte < 0x80 {
        buffer.append(byte)
        index += 1
      } else {
        let length = try utf8SequenceLength()
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
        index += length
      }
    }
    throw error("unterminated string", at: start - 1)
  }

  private func controlCharacterError(_ byte: UInt8) -> JSONError {
    error("unescaped control character 0x\(hex2(byte)) in string")
  }

  /// The length (2...4) of the valid multi-byte UTF-8 sequence at `index`, or an error.
  private func utf8SequenceLength() throws(JSONError) -> Int {
    let lead = bytes[index]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default: throw error("invalid UTF-8 byte 0x\(hex2(lead)) in string")
    }
    for offset in 1..<length {
      let position = index + offset
      guard position < bytes.count else {
        throw error("truncated UTF-8 sequence in string")
      }
      let byte = bytes[position]
      let range = offset == 1 ? low...high : 0x80...0xBF
      guard range.contains(byte) else {
        throw error("invalid UTF-8 sequence in string")
      }
    }
    return length
  }

  /// Decodes one escape sequence at `index` (the backslash) and appends its UTF-8 bytes.
  private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONError) {
    let escapeStart = index
    index += 1
    guard index < bytes.count else { throw error("unterminated string", at: escapeStart) }
    let byte = bytes[index]
    index += 1
    switch byte {
    case UInt8(ascii: "\""): buffer.append(0x22)
    case UInt8(ascii: "\\"): buffer.append(0x5C)
    case UInt8(ascii: "/"): buffer.append(0x2F)
    case UInt8(ascii: "b"): buffer.append(0x08)
    case UInt8(ascii: "f"): buffer.append(0x0C)
    case UInt8(ascii: "n"): buffer.append(0x0A)
    case UInt8(ascii: "r"): buffer.append(0x0D)
    case UInt8(ascii: "t"): buffer.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try parseHex4(escapeStart: escapeStart)
      if (0xDC00...0xDFFF).contains(scalar) {
        throw error("lone low surrogate \\u\(hex4(scalar)) in string", at: escapeStart)
      }
      if (0xD800...0xDBFF).contains(scalar) {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else {
          throw error("lone high surrogate \\u\(hex4(scalar)) in string", at: escapeStart)
        }
        let lowStart = index
        index += 2
        let low = try parseHex4(escapeStart: lowStart)
        guard (0xDC00...0xDFFF).contains(low) else {
          throw error("lone high surrogate \\u\(hex4(scalar)) in string", at: escapeStart)
        }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      }
      appendUTF8(scalar, to: &buffer)
    default:
      throw error("invalid escape sequence in string", at: escapeStart)
    }
  }

  private mutating func parseHex4(escapeStart: Int) throws(JSONError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard index < bytes.count else {
        throw error("invalid \\u escape in string, expected 4 hexadecimal digits", at: escapeStart)
      }
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default:
        throw error("invalid \\u escape in string, expected 4 hexadecimal digits", at: escapeStart)
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }

  private func hex4(_ value: UInt32) -> String {
    hex2(UInt8(truncatingIfNeeded: value >> 8)) + hex2(UInt8(truncatingIfNeeded: value))
  }

  private func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      buffer.append(UInt8(scalar))
    case 0x80..<0x800:
      buffer.append(UInt8(0xC0 | scalar >> 6))
      buffer.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      buffer.append(UInt8(0xE0 | scalar >> 12))
      buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      buffer.append(UInt8(0x80 | scalar & 0x3F))
    default:
      buffer.append(UInt8(0xF0 | scalar >> 18))
      buffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      buffer.append(UInt8(0x80 | scalar & 0x3F))
    }
  }
}
