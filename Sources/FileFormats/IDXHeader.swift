/// The shared header logic of IDX files (the MNIST format): a big-endian magic number
/// `0x0000 08 DD` (two zero bytes, type 0x08 = unsigned byte, DD = number of dimensions),
/// then DD big-endian `UInt32` sizes, then the bytes of the data, row-major.
enum IDXHeader {
  /// The magic of an images file: unsigned bytes, 3 dimensions (count, rows, cols).
  static let imagesMagic: UInt32 = 0x0000_0803
  /// The magic of a labels file: unsigned bytes, 1 dimension (count).
  static let labelsMagic: UInt32 = 0x0000_0801

  /// `0x00000803`.
  static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
  }

  /// Checks the magic number and header size and returns the dimension sizes.
  /// `kind` is "images" or "labels"; `expected` the magic for that kind.
  static func dimensions(
    _ bytes: UnsafeBufferPointer<UInt8>, expected: UInt32, kind: String
  ) throws(FileFormatError) -> [Int] {
    guard bytes.count >= 4 else {
      throw FileFormatError("file has \(bytes.count) bytes, too short for the 4-byte magic number")
    }
    let magic = ByteOrder.bigUInt32(bytes, at: 0)
    guard magic == expected else {
      var note = ""
      if magic == imagesMagic { note = " (an images file)" }
      if magic == labelsMagic { note = " (a labels file)" }
      if magic >> 16 == 0x1F8B { note = " (a gzip file: decompress it first)" }
      throw FileFormatError("expected magic \(hex(expected)) (\(kind)), got \(hex(magic))\(note)")
    }
    let count = Int(magic & 0xFF)
    let headerSize = 4 + 4 * count
    guard bytes.count >= headerSize else {
      throw FileFormatError("file has \(bytes.count) bytes, the \(kind) header needs \(headerSize)")
    }
    return (0..<count).map { Int(ByteOrder.bigUInt32(bytes, at: 4 + 4 * $0)) }
  }

  /// Checks that the file is exactly header plus the product of `sizes` bytes.
  /// The dimensions of a whole IDX file and its header size (`4 + 4·dimensions`), after
  /// checking the magic number and that the length is exactly what the header promises.
  static func read(_ bytes: [UInt8], expected: UInt32, kind: String) throws(FileFormatError) -> (sizes: [Int], headerSize: Int) {
    let sizes = try bytes.withUnsafeBufferPointer { (buffer) throws(FileFormatError) in
      try dimensions(buffer, expected: expected, kind: kind)
    }
    let headerSize = 4 + 4 * sizes.count
    try checkLength(bytes.count, headerSize: headerSize, sizes: sizes)
    return (sizes, headerSize)
  }

  static func checkLength(_ byteCount: Int, headerSize: Int, sizes: [Int]) throws(FileFormatError) {
    var total = headerSize
    var product = 1
    for size in sizes {
      let (next, overflow) = product.multipliedReportingOverflow(by: size)
      guard !overflow else {
        throw FileFormatError("header sizes \(sizes.map(String.init).joined(separator: " × ")) are too large")
      }
      product = next
    }
    let (sum, overflow) = total.addingReportingOverflow(product)
    guard !overflow else {
      throw FileFormatError("header sizes \(sizes.map(String.init).joined(separator: " × ")) are too large")
    }
    total = sum
    guard byteCount == total else {
      throw FileFormatError("file has \(byteCount) bytes, header promises \(total)")
    }
  }

  /// The header bytes for `magic` and `sizes`.
  static func encode(magic: UInt32, sizes: [Int]) -> [UInt8] {
    var bytes: [UInt8] = []
    ByteOrder.appendBig(magic, to: &bytes)
    for size in sizes { ByteOrder.appendBig(UInt32(clamping: size), to: &bytes) }
    return bytes
  }
}
