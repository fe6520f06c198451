import FileFormats
import Testing

@Suite("safetensors: every invalid file is rejected with a one-line reason")
struct SafeTensorsValidationTests {
  /// A file with `header` as its JSON header and `dataSize` zero bytes of data.
  static func file(_ header: String, dataSize: Int) -> [UInt8] {
    let json = Array(header.utf8)
    var bytes: [UInt8] = []
    for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: json.count >> (8 * index))) }
    return bytes + json + [UInt8](repeating: 0, count: dataSize)
  }

  static let cases: [(String, Int, String)] = [
    ("{", 0, "header is not valid JSON: line 1, column 2: unexpected end of input, expected a string key"),
    ("[]", 0, "header is not a JSON object, got an array"),
    (
      #"{"w":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}}"#, 4,
      #"tensor "w": dtype "I32" is not supported (only F32 and F64)"#
    ),
    (
      #"{"w":{"dtype":"BF16","shape":[1],"data_offsets":[0,2]}}"#, 2,
      #"tensor "w": dtype "BF16" is not supported (only F32 and F64)"#
    ),
    (
      #"{"w":{"dtype":"f32","shape":[1],"data_offsets":[0,4]}}"#, 4,
      #"tensor "w": dtype "f32" is not supported (only F32 and F64)"#
    ),
    (#"{"w":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}"#, 4, #"tensor "w": dtype must be a string, got a number"#),
    (
      #"{"w":{"dtype":"F32","shape":[2,1.5],"data_offsets":[0,4]}}"#, 4,
      #"tensor "w": shape must be an array of non-negative integers, got [2, 1.5]"#
    ),
    (
      #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, 4,
      #"tensor "w": shape must be an array of non-negative integers, got [-1]"#
    ),
    (
      #"{"w":{"dtype":"F32","shape":"2","data_offsets":[0,4]}}"#, 4,
      #"tensor "w": shape must be an array of non-negative integers, got "2""#
    ),
    (
      #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, 4,
      #"tensor "w": data_offsets must be [begin, end] with non-negative integers, got [0]"#
    ),
    (
      #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4.5]}}"#, 4,
      #"tensor "w": data_offsets must be [begin, end] with non-negative integers, got [0, 4.5]"#
    ),
    (
      #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, 8,
      #"tensor "w": data_offsets [8, 4] end before they begin"#
    ),
    (
      #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, 8,
      #"tensor "w": data_offsets [0, 16] exceed the data section (8 bytes)"#
    ),
    (
      #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, 8,
      #"tensor "w": shape [3] of F32 needs 12 bytes, data_offsets [0, 8] span 8"#
    ),
    (
      #"{"w":{"dtype":"F64","shape":[2,2],"data_offsets":[0,16]}}"#, 16,
      #"tensor "w": shape [2, 2] of F64 needs 32 bytes, data_offsets [0, 16] span 16"#
    ),
    (
      #"{"w":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#, 8,
      #"tensor "w": shape [4294967296, 4294967296] has too many elements"#
    ),
    (
      #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1],"data_offsets":[4,12]}}"#,
      12, #"tensors "a" and "b" overlap (data_offsets [0, 8] and [4, 12])"#
    ),
    (
      #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#,
      12, "bytes 4..<8 of the data section belong to no tensor"
    ),
    (
      #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, 8,
      "bytes 4..<8 of the data section belong to no tensor"
    ),
    (#"{"w":{"shape":[1],"data_offsets":[0,4]}}"#, 4, #"tensor "w": missing "dtype""#),
    (#"{"w":{"dtype":"F32","data_offsets":[0,4]}}"#, 4, #"tensor "w": missing "shape""#),
    (#"{"w":{"dtype":"F32","shape":[1]}}"#, 4, #"tensor "w": missing "data_offsets""#),
    (#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"foo":1}}"#, 4, #"tensor "w": unknown field "foo""#),
    (#"{"w":[1]}"#, 0, #"tensor "w": expected an object with dtype, shape and data_offsets, got an array"#),
    (#"{"__metadata__":{"k":1}}"#, 0, #""__metadata__" value for "k" must be a string, got a number"#),
    (#"{"__metadata__":[]}"#, 0, #""__metadata__" must be an object of strings, got an array"#),
    (
      #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
      4, #"header is not valid JSON: line 1, column 55: duplicate key "w""#
    ),
  ]

  @Test("invalid header", arguments: cases)
  func invalidHeader(header: String, dataSize: Int, expected: String) {
    let bytes = Self.file(header, dataSize: dataSize)
    #expect(errorMessage { () throws(FileFormatError) in try SafeTensors.decode(bytes) } == expected)
  }

  @Test("header length and file size")
  func lengths() {
    #expect(
      errorMessage { () throws(FileFormatError) in try SafeTensors.decode([1, 2, 3, 4]) }
        == "file has 4 bytes, too short for the 8-byte header length")
    let tooLong: [UInt8] = [0xE8, 0x03, 0, 0, 0, 0, 0, 0] + Array("{}".utf8) + [0x20, 0x20]
    #expect(
      errorMessage { () throws(FileFormatError) in try SafeTensors.decode(tooLong) }
        == "header length 1000 exceeds the 4 bytes after the length field")
    let huge: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7B, 0x7D]
    #expect(
      errorMessage { () throws(FileFormatError) in try SafeTensors.decode(huge) }
        == "header length 18446744073709551615 exceeds the 2 bytes after the length field")
    let invalidUTF8: [UInt8] = [4, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x22, 0xFF, 0x22]
    #expect(
      errorMessage { () throws(FileFormatError) in try SafeTensors.decode(invalidUTF8) }
        == "header is not valid JSON: line 1, column 3: invalid UTF-8 byte 0xFF in string")
    let empty: [UInt8] = [2, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D]
    #expect((try? SafeTensors.decode(empty))?.tensors.isEmpty == true)
  }

  @Test("5,000 mutated files either decode or throw, never trap")
  func fuzz() throws {
    let valid = SafeTensors(
      tensors: [
        "a": try Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3]),
        "b": try Tensor([0.25, -1] as [Double], shape: [2]),
        "c": try Tensor([] as [Float], shape: [0, 4]),
      ], metadata: ["note": "fuzz"]
    ).encode()
    var random = SplitMix64(seed: 99)
    var decoded = 0
    var rejected = 0
    for _ in 0..<5_000 {
      var bytes = valid
      for _ in 0..<(Int(random.next() % 3) + 1) {
        let position = Int(random.next() % UInt64(bytes.count + 1))
        switch random.next() % 4 {
        case 0: bytes.removeSubrange(min(position, bytes.count)...)
        case 1: if position < bytes.count { bytes[position] = UInt8(truncatingIfNeeded: random.next()) }
        case 2: if position < min(8, bytes.count) { bytes[position] ^= UInt8(1) << (random.next() % 8) }
        default: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
        }
      }
      do {
        _ = try SafeTensors.decode(bytes)
        decoded += 1
      } catch {
        #expect(!error.description.isEmpty && !error.description.contains("\n"))
        rejected += 1
      }
    }
    #expect(decoded > 100 && rejected > 1_000)
  }
}
