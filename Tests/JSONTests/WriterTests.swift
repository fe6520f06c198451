import JSON
import OrderedCollections
import Testing

@Suite("Writer")
struct WriterTests {
  @Test("compact and spaced layouts")
  func layouts() {
    let value: JSON = ["a": 1, "b": [1, 2], "c": ["d": nil, "e": true], "f": [], "g": [:]]
    #expect(value.serialized() == "{\"a\":1,\"b\":[1,2],\"c\":{\"d\":null,\"e\":true},\"f\":[],\"g\":{}}")
    #expect(
      value.serialized(.spaced) == "{\"a\": 1, \"b\": [1, 2], \"c\": {\"d\": null, \"e\": true}, \"f\": [], \"g\": {}}")
  }

  @Test("scalars")
  func scalars() {
    #expect(JSON.null.serialized() == "null")
    #expect(JSON.bool(true).serialized() == "true")
    #expect(JSON.bool(false).serialized() == "false")
    #expect(JSON.string("").serialized() == "\"\"")
  }

  @Test("string escaping")
  func escaping() {
    let text = "a\"b\\c/\n\r\t\u{8}\u{C}\u{1}\u{1F}\u{7F}é😀\u{2028}"
    let expected = "\"a\\\"b\\\\c/\\n\\r\\t\\b\\f\\u0001\\u001F\u{7F}é😀\u{2028}\""
    #expect(JSON.string(text).serialized() == expected)
  }

  @Test("keys are escaped and keep their order")
  func keys() {
    var members = OrderedDictionary<String, JSON>()
    members["z\""] = 1
    members["a\n"] = 2
    #expect(JSON.object(members).serialized() == "{\"z\\\"\":1,\"a\\n\":2}")
  }

  @Test("random strings round-trip through serialize and parse")
  func stringRoundTrip() throws {
    var random = SplitMix64(seed: 0x5EED_0004)
    for _ in 0..<2_000 {
      var scalars = String.UnicodeScalarView()
      for _ in 0..<Int(random.next() % 24) {
        let pick = random.next() % 4
        let value: UInt32 =
          pick == 0
          ? UInt32(random.next() % 0x80)
          : pick == 1
            ? UInt32(random.next() % 0x800)
            : pick == 2 ? UInt32(random.next() % 0xD800) : UInt32(0x10000 + random.next() % 0x100000)
        if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
      }
      let text = String(scalars)
      let parsed = try JSON.parse(JSON.string(text).serialized())
      #expect(parsed.stringValue?.unicodeScalars.elementsEqual(text.unicodeScalars) == true)
    }
  }

  @Test("appending to bytes and to a string gives the serialized text")
  func appending() {
    let value: JSON = ["k": [1.5, "x"]]
    var bytes: [UInt8] = Array("prefix ".utf8)
    value.appendSerialized(to: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == "prefix {\"k\":[1.5,\"x\"]}")
    var text = ">"
    value.appendSerialized(to: &text, style: .spaced)
    #expect(text == ">{\"k\": [1.5, \"x\"]}")
  }

  @Test("parse of serialized equals the original for a nested document")
  func documentRoundTrip() throws {
    let value: JSON = [
      "format": "odernn-session", "version": 1, "parent": nil,
      "config": ["cell": ["hiddenSize": 64, "decay": [0.5, 1e-9]], "steps": nil],
      "metrics": [["step": 1, "loss": 0.6931471805599453, "lr": 0.001]],
    ]
    #expect(try JSON.parse(value.serialized()) == value)
    #expect(try JSON.parse(value.serialized(.spaced)) == value)
  }
}
