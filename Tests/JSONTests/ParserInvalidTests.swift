import JSON
import Testing

@Suite("Parser rejects invalid documents")
struct ParserInvalidTests {
  /// Each sample with the reason the parser must give.
  static let samples: [(String, String)] = [
    ("", "unexpected end of input, expected a value"),
    ("   ", "unexpected end of input, expected a value"),
    ("[", "unexpected end of input, expected a value"),
    ("]", "unexpected character ']', expected a value"),
    ("{", "unexpected end of input, expected a string key"),
    ("}", "unexpected character '}', expected a value"),
    ("[1,]", "expected a value, got ']' (trailing comma?)"),
    ("[,1]", "unexpected character ',', expected a value"),
    ("[1,,2]", "unexpected character ',', expected a value"),
    ("{\"a\":1,}", "expected a string key, got '}' (trailing comma?)"),
    ("{,}", "expected a string key, got character ','"),
    ("{\"a\"}", "expected ':' after object key"),
    ("{\"a\" 1}", "expected ':' after object key"),
    ("{\"a\":}", "unexpected character '}', expected a value"),
    ("{1:1}", "expected a string key, got character '1'"),
    ("{'a':1}", "expected a string key, got character '''"),
    ("['a']", "unexpected character ''', expected a value"),
    ("{\"a\":1 \"b\":2}", "expected ',' or '}' after object member"),
    ("[1 2]", "expected ',' or ']' after array element"),
    ("[1, 2", "unexpected end of input, expected ',' or ']'"),
    ("{\"a\":1", "unexpected end of input, expected ',' or '}'"),
    ("{\"a\":1,\"a\":2}", "duplicate key \"a\""),
    ("[01]", "leading zeros are not allowed in numbers"),
    ("[-01]", "leading zeros are not allowed in numbers"),
    ("[00]", "leading zeros are not allowed in numbers"),
    ("[1.]", "expected a digit after the decimal point"),
    ("[.1]", "unexpected character '.', expected a value"),
    ("[1.e1]", "expected a digit after the decimal point"),
    ("[1e]", "expected a digit in the exponent"),
    ("[1e+]", "expected a digit in the exponent"),
    ("[-]", "expected a digit after '-'"),
    ("[+1]", "unexpected character '+', expected a value"),
    ("[NaN]", "unexpected character 'N', expected a value"),
    ("[nan]", "invalid literal, expected 'null'"),
    ("[Infinity]", "unexpected character 'I', expected a value"),
    ("[-Infinity]", "expected a digit after '-'"),
    ("[0x10]", "expected ',' or ']' after array element"),
    ("1e400", "number out of range"),
    ("-1e400", "number out of range"),
    ("[1.7976931348623159e308]", "number out of range"),
    ("[tru]", "invalid literal, expected 'true'"),
    ("[True]", "unexpected character 'T', expected a value"),
    ("[nul]", "invalid literal, expected 'null'"),
    ("[falsey]", "expected ',' or ']' after array element"),
    ("\"abc", "unterminated string"),
    ("\"abc\\", "unterminated string"),
    ("[\"\\x41\"]", "invalid escape sequence in string"),
    ("[\"\\u12\"]", "invalid \\u escape in string, expected 4 hexadecimal digits"),
    ("[\"\\u12G4\"]", "invalid \\u escape in string, expected 4 hexadecimal digits"),
    ("[\"\\uD800\"]", "lone high surrogate \\uD800 in string"),
    ("[\"\\uDC00\"]", "lone low surrogate \\uDC00 in string"),
    ("[\"\\uD800\\u0041\"]", "lone high surrogate \\uD800 in string"),
    ("[\"\\uD800x\"]", "lone high surrogate \\uD800 in string"),
    ("[\"\\uDBFF\\uDBFF\"]", "lone high surrogate \\uDBFF in string"),
    ("[\"a\tb\"]", "unescaped control character 0x09 in string"),
    ("[\"a\nb\"]", "unescaped control character 0x0A in string"),
    ("[\"\u{0}\"]", "unescaped control character 0x00 in string"),
    ("[\"a\"\"b\"]", "expected ',' or ']' after array element"),
    ("[1]x", "unexpected character 'x' after the JSON value"),
    ("[1] [2]", "unexpected character '[' after the JSON value"),
    ("/* c */ 1", "unexpected character '/', expected a value"),
    ("[1] // c", "unexpected character '/' after the JSON value"),
    ("\u{FEFF}[]", "unexpected byte 0xEF, expected a value"),
    ("[\u{A0}1]", "unexpected byte 0xC2, expected a value"),
    ("[1\u{C}]", "expected ',' or ']' after array element"),
  ]

  @Test("invalid sample throws with the expected reason", arguments: samples)
  func invalidSample(text: String, reason: String) {
    #expect(throws: JSONError.self) { try JSON.parse(text) }
    do {
      _ = try JSON.parse(text)
    } catch {
      #expect(error.reason == reason)
      #expect(error.line != nil && error.column != nil)
    }
  }

  /// Byte sequences that are not valid UTF-8, each inside a string.
  static let invalidUTF8: [[UInt8]] = [
    [0xFF],  // never valid
    [0x80],  // lone continuation byte
    [0xC0, 0xAF],  // overlong '/'
    [0xC1, 0xBF],  // overlong
    [0xE0, 0x80, 0xAF],  // overlong 3-byte
    [0xF0, 0x80, 0x80, 0xAF],  // overlong 4-byte
    [0xED, 0xA0, 0x80],  // encoded high surrogate U+D800
    [0xED, 0xBF, 0xBF],  // encoded low surrogate U+DFFF
    [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
    [0xF5, 0x80, 0x80, 0x80],  // invalid lead
    [0xE2, 0x82],  // truncated (the closing quote is not a continuation byte)
    [0xC3],  // truncated 2-byte
    [0xC3, 0x28],  // bad continuation
  ]

  @Test("invalid UTF-8 inside a string is an error", arguments: invalidUTF8)
  func invalidUTF8InString(sequence: [UInt8]) {
    let bytes: [UInt8] = [0x5B, 0x22, 0x61] + sequence + [0x22, 0x5D]  // ["a...."]
    #expect(throws: JSONError.self) { try JSON.parse(bytes) }
    do {
      _ = try JSON.parse(bytes)
    } catch {
      #expect(error.reason.contains("UTF-8"))
      #expect(error.offset == 3)
    }
    // Truncated at the end of input is an error too, never a crash.
    #expect(throws: JSONError.self) { try JSON.parse([0x22] + sequence) }
  }

  @Test("valid multi-byte UTF-8 at every length is accepted")
  func validUTF8() throws {
    let bytes: [UInt8] = [
      0x22, 0xC2, 0x80, 0xE0, 0xA0, 0x80, 0xEF, 0xBF, 0xBF, 0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF, 0x22,
    ]
    let value = try JSON.parse(bytes)
    #expect(value.stringValue?.unicodeScalars.map(\.value) == [0x80, 0x800, 0xFFFF, 0x10000, 0x10FFFF])
  }

  @Test("nesting deeper than 512 levels is an error, at any depth")
  func tooDeep() {
    for depth in [513, 10_000, 1_000_000] {
      let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
      do {
        _ = try JSON.parse(text)
        Issue.record("depth \(depth) parsed")
      } catch {
        #expect(error.description == "line 1, column 513: nesting deeper than 512 levels")
      }
    }
    let objects = String(repeating: "{\"k\":", count: 600)
    #expect(throws: JSONError.self) { try JSON.parse(objects) }
  }
}
