import JSON
import Testing

@Suite("Syntax errors name line, column and offset")
struct ParserErrorLocationTests {
  func error(_ text: String) -> JSONError? {
    do {
      _ = try JSON.parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test("error on the first line")
  func firstLine() {
    let found = error("{\"alpha\": 12345 \"b\": 1}")
    #expect(found?.description == "line 1, column 17: expected ',' or '}' after object member")
    #expect(found?.offset == 16)
    #expect(found?.location == .text(offset: 16, line: 1, column: 17))
  }

  @Test("error on a later line")
  func laterLine() {
    let found = error("{\n  \"a\": 1,\n  \"b\": tru\n}")
    #expect(found?.description == "line 3, column 8: invalid literal, expected 'true'")
  }

  @Test("columns count Unicode scalars, offsets count bytes")
  func unicodeColumns() {
    let found = error("[\"é\", x]")
    #expect(found?.column == 7)
    #expect(found?.offset == 7)
  }

  @Test("end of input is located after the last byte")
  func endOfInput() {
    #expect(error("[1, 2")?.description == "line 1, column 6: unexpected end of input, expected ',' or ']'")
    #expect(error("[1,\n")?.description == "line 2, column 1: unexpected end of input, expected a value")
  }

  @Test("number errors point at the number's start")
  func numberLocation() {
    #expect(error("[1, 1e400]")?.description == "line 1, column 5: number out of range")
    #expect(error("[1, -012]")?.description == "line 1, column 5: leading zeros are not allowed in numbers")
  }

  @Test("escape errors point at the backslash")
  func escapeLocation() {
    #expect(error("[\"ab\\uD800\"]")?.description == "line 1, column 5: lone high surrogate \\uD800 in string")
    #expect(error("\"abc")?.description == "line 1, column 1: unterminated string")
  }

  @Test("duplicate keys point at the second key")
  func duplicateLocation() {
    #expect(error("{\"a\": 1,\n \"a\": 2}")?.description == "line 2, column 2: duplicate key \"a\"")
  }

  @Test("CRLF line endings count as one line break")
  func crlf() {
    #expect(error("[1,\r\n2,\r\nx]")?.description == "line 3, column 1: unexpected character 'x', expected a value")
  }
}
