import JSON
import OrderedCollections
import Testing

@Suite("Parser accepts valid documents")
struct ParserValidTests {
  static let samples: [(String, JSON)] = [
    ("[]", []),
    ("{}", [:]),
    ("0", 0),
    ("1", 1),
    ("-1", -1),
    ("1.5", 1.5),
    ("1e5", 100_000),
    ("1E+5", 100_000),
    ("1e-5", 0.00001),
    ("-0.0e-0", -0.0),
    ("123456789012345678901234567890", 123_456_789_012_345_678_901_234_567_890.0),
    ("1e-400", 0),
    ("[1e22, 1e23]", [1e22, 1e23]),
    ("\"\"", ""),
    ("\"\\u0000\"", "\u{0}"),
    ("\"\\uD834\\uDD1E\"", "\u{1D11E}"),
    ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\u{8}\u{C}\n\r\t"),
    ("\"\\u00e9\\u00E9\"", "éé"),
    ("\"é😀\u{2028}\"", "é😀\u{2028}"),
    ("\"\u{7F}\"", "\u{7F}"),
    ("true", true),
    ("false", false),
    ("null", nil),
    (" [ 1 , 2 ] ", [1, 2]),
    ("\t\n\r[]\n", []),
    ("[[[]]]", [[[]]]),
    ("{\"a\":{\"b\":[1,{\"c\":null}]}}", ["a": ["b": [1, ["c": nil]]]]),
    ("{\"z\":1,\"a\":2,\"m\":3}", ["z": 1, "a": 2, "m": 3]),
    ("[\"a\",true,false,null,-0.5]", ["a", true, false, nil, -0.5]),
    ("{\"\":0}", ["": 0]),
  ]

  @Test("valid sample parses to the expected value", arguments: samples)
  func validSample(text: String, expected: JSON) throws {
    let value = try JSON.parse(text)
    #expect(value == expected)
    // The same document from a byte array and from a non-contiguous collection.
    #expect(try JSON.parse(Array(text.utf8)) == expected)
    #expect(try JSON.parse(text.utf8.lazy.map { $0 }) == expected)
  }

  @Test("negative zero keeps its sign")
  func negativeZero() throws {
    let value = try JSON.parse("-0")
    #expect(value.doubleValue?.sign == .minus)
    #expect(try JSON.parse("-0.0").doubleValue?.bitPattern == (-0.0).bitPattern)
  }

  @Test("object key order is the document order")
  func keyOrder() throws {
    let value = try JSON.parse("{\"z\":1,\"a\":2,\"m\":3}")
    #expect(value.objectValue.map { Array($0.keys) } == ["z", "a", "m"])
  }

  @Test("512 levels of nesting are accepted")
  func maximumNesting() throws {
    let depth = JSON.maximumDepth
    let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    var value = try JSON.parse(text)
    var levels = 0
    while case .array(let elements) = value {
      levels += 1
      value = elements.first ?? .null
    }
    #expect(levels == depth)
    let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
    #expect(try JSON.parse(objects) != .null)
  }

  @Test("a large array and a long string parse")
  func largeDocument() throws {
    let count = 100_000
    let text = "[" + (0..<count).map { "\($0).25" }.joined(separator: ",") + "]"
    let value = try JSON.parse(text)
    #expect(value.arrayValue?.count == count)
    #expect(value[count - 1] == .number(Double(count - 1) + 0.25))
    let long = String(repeating: "ab\\n", count: 50_000)
    #expect(try JSON.parse("\"\(long)\"").stringValue?.count == 150_000)
  }

  @Test("accessors and subscripts")
  func accessors() throws {
    let value = try JSON.parse("{\"a\":[1,\"x\",true,null,64.0,64.5],\"b\":{}}")
    #expect(value["a"]?[0]?.doubleValue == 1)
    #expect(value["a"]?[1]?.stringValue == "x")
    #expect(value["a"]?[2]?.boolValue == true)
    #expect(value["a"]?[3]?.isNull == true)
    #expect(value["a"]?[4]?.intValue == 64)
    #expect(value["a"]?[5]?.intValue == nil)
    #expect(value["a"]?[6] == nil)
    #expect(value["b"]?.objectValue == OrderedDictionary<String, JSON>())
    #expect(value["missing"] == nil)
    #expect(value[0] == nil)
  }
}
