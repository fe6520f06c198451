import FileFormats
import Foundation
import OrderedCollections
import Testing

@Suite("safetensors: layout and round trips")
struct SafeTensorsTests {
  /// A file built byte by byte: "a" F32 [2] = [1, -2], "b" F64 [] = 0.5.
  static let header =
    #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[],"data_offsets":[8,16]}}"#
  static let fixture: [UInt8] =
    [0x70, 0, 0, 0, 0, 0, 0, 0]  // 112 = 107 bytes of JSON + 5 spaces
    + Array(header.utf8) + [0x20, 0x20, 0x20, 0x20, 0x20]
    + [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]  // 1.0f, -2.0f
    + [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F]  // 0.5

  @Test("encode produces the byte-exact reference layout")
  func encodeFixture() throws {
    // Inserted out of order: encoding sorts by name.
    let file = SafeTensors(tensors: [
      "b": try Tensor([0.5] as [Double], shape: []),
      "a": try Tensor([1, -2] as [Float], shape: [2]),
    ])
    #expect(Self.header.utf8.count == 107)
    #expect(file.encode() == Self.fixture)
    #expect(file.encode().count == 136)
  }

  @Test("decode reads the hand-built fixture")
  func decodeFixture() throws {
    let file = try SafeTensors.decode(Self.fixture)
    #expect(Array(file.tensors.keys) == ["a", "b"])
    #expect(file.tensors["a"]?.dtype == .f32)
    #expect(file.tensors["a"]?.shape == [2])
    #expect(file.tensors["a"]?.asFloats() == [1, -2])
    #expect(file.tensors["b"]?.dtype == .f64)
    #expect(file.tensors["b"]?.shape == [])
    #expect(file.tensors["b"]?.asDoubles() == [0.5])
    #expect(file.metadata.isEmpty)
  }

  @Test("decode accepts other key orders, metadata and an unpadded header")
  func decodeOtherWriters() throws {
    let header = #"{"__metadata__":{"format":"pt"},"z":{"shape":[1,2],"data_offsets":[0,16],"dtype":"F64"}}"#
    var bytes: [UInt8] = [UInt8(header.utf8.count), 0, 0, 0, 0, 0, 0, 0] + Array(header.utf8)
    for value in [1.25, -3.0] { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
    let file = try SafeTensors.decode(bytes)
    #expect(file.metadata == ["format": "pt"])
    #expect(file.tensors["z"]?.shape == [1, 2])
    #expect(file.tensors["z"]?.asDoubles() == [1.25, -3])
    // Re-encoding puts __metadata__ first and pads the header.
    let again = try SafeTensors.decode(file.encode())
    #expect(again == file)
    #expect((file.encode().count - 8 - 16) % 8 == 0)
  }

  @Test("random tensors round-trip bit for bit through encode and decode")
  func randomRoundTrip() throws {
    var random = SplitMix64(seed: 7)
    let shapes: [[Int]] = [[], [0], [1], [5], [3, 4], [2, 0, 3], [2, 3, 4], [1, 1, 1, 7]]
    for trial in 0..<50 {
      var tensors = OrderedDictionary<String, Tensor>()
      for index in 0..<(trial % 5 + 1) {
        let shape = shapes[Int(random.next() % UInt64(shapes.count))]
        let count = shape.reduce(1, *)
        if random.next() % 2 == 0 {
          let values = (0..<count).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: random.next()) & 0xBF7F_FFFF)
          }
          tensors["t\(trial).\(index)"] = try Tensor(values, shape: shape)
        } else {
          let values = (0..<count).map { _ in Double(bitPattern: random.next() & 0xBFEF_FFFF_FFFF_FFFF) }
          tensors["t\(trial).\(index)"] = try Tensor(values, shape: shape)
        }
      }
      let original = SafeTensors(tensors: tensors, metadata: trial % 2 == 0 ? ["step": "\(trial)"] : [:])
      let decoded = try SafeTensors.decode(original.encode())
      #expect(Set(decoded.tensors.keys) == Set(original.tensors.keys))
      #expect(Array(decoded.tensors.keys) == original.sortedNames)
      for (name, tensor) in original.tensors {
        #expect(decoded.tensors[name] == tensor)
      }
      #expect(decoded.metadata == original.metadata)
    }
  }

  @Test("names are sorted by UTF-8 bytes and data is contiguous")
  func ordering() throws {
    let file = SafeTensors(tensors: [
      "readout.weight": try Tensor([1, 2] as [Float], shape: [1, 2]),
      "cell.W0": try Tensor([3] as [Float], shape: [1, 1]),
      "Z": try Tensor([4] as [Float], shape: [1]),
      "é": try Tensor([5] as [Float], shape: [1]),
    ])
    #expect(file.sortedNames == ["Z", "cell.W0", "readout.weight", "é"])
    let bytes = file.encode()
    let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
    let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
    #expect(
      header.hasPrefix(
        #"{"Z":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"cell.W0":{"dtype":"F32","shape":[1,1],"data_offsets":[4,8]}"#
      ))
    // The header length is a little-endian u64 (only the low two bytes are used here) and the
    // header is padded with spaces to a multiple of 8: the JSON ends at its last "}", followed
    // by fewer than 8 spaces.
    #expect(bytes[2..<8].allSatisfy { $0 == 0 })
    #expect(headerLength % 8 == 0)
    let padding = header.utf8.reversed().prefix { $0 == UInt8(ascii: " ") }.count
    #expect(padding < 8, "more spaces than needed to reach a multiple of 8")
    #expect(header.utf8.dropLast(padding).last == UInt8(ascii: "}"))
    #expect(header.utf8.count == headerLength)
    #expect(
      Array(bytes[(8 + headerLength)...]) == [
        0, 0, 0x80, 0x40, 0, 0, 0x40, 0x40, 0, 0, 0x80, 0x3F, 0, 0, 0, 0x40, 0, 0, 0xA0, 0x40,
      ])
  }

  @Test("conversions between Float and Double storage")
  func conversions() throws {
    let single = try Tensor([0.1, 3] as [Float], shape: [2])
    #expect(single.asDoubles() == [Double(Float(0.1)), 3])
    let double = try Tensor([0.1, 1e300] as [Double], shape: [2])
    #expect(double.asFloats() == [Float(0.1), .infinity])
    #expect(double.elementCount == 2 && double.dtype.byteCount == 8)
    #expect(
      errorMessage { () throws(FileFormatError) in try Tensor([1, 2, 3] as [Float], shape: [2, 2]) }
        == "shape [2, 2] holds 4 elements, got 3 values")
    #expect(
      errorMessage { () throws(FileFormatError) in try Tensor([] as [Double], shape: [-1]) }
        == "shape [-1] is invalid (negative dimension or too many elements)")
  }

  @Test("write then read a file; writing is atomic and leaves no temporary files")
  func fileRoundTrip() throws {
    let directory = try ScratchDirectory()
    defer { directory.cleanUp() }
    let url = directory.file("w.safetensors")
    let first = SafeTensors(tensors: ["x": try Tensor([1, 2, 3] as [Float], shape: [3])])
    try first.write(to: url)
    #expect(try SafeTensors.read(contentsOf: url) == first)
    let second = SafeTensors(tensors: ["y": try Tensor([4] as [Double], shape: [1])])
    try second.write(to: url)
    #expect(try SafeTensors.read(contentsOf: url) == second)
    #expect(try directory.contents() == ["w.safetensors"])
    // A failed write (missing directory) throws naming the file and creates nothing.
    let missing = directory.url.appendingPathComponent("no-such-dir/w.safetensors")
    let message = errorMessage { () throws(FileFormatError) in try first.write(to: missing) }
    #expect(message?.hasPrefix(missing.path + ": cannot write") == true)
    #expect(try directory.contents() == ["w.safetensors"])
  }

  @Test("read errors name the file")
  func readErrors() throws {
    let directory = try ScratchDirectory()
    defer { directory.cleanUp() }
    let url = directory.file("bad.safetensors")
    #expect(
      errorMessage { () throws(FileFormatError) in try SafeTensors.read(contentsOf: url) }
        == "\(url.path): no such file")
    try Data([1, 2, 3]).write(to: url)
    #expect(
      errorMessage { () throws(FileFormatError) in try SafeTensors.read(contentsOf: url) }
        == "\(url.path): file has 3 bytes, too short for the 8-byte header length")
    #expect(
      errorMessage { () throws(FileFormatError) in try SafeTensors.read(contentsOf: directory.url) }
        == "\(directory.url.path): is a directory")
  }
}
