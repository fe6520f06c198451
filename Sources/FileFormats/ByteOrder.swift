/// Reading and writing fixed-width integers and floats at byte offsets, in either byte order.
/// Callers check bounds first; these helpers assume `offset + width <= bytes.count`.
enum ByteOrder {
  /// The little-endian `UInt64` at `offset`.
  static func littleUInt64(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
    return value
  }

  /// The big-endian `UInt32` at `offset`.
  static func bigUInt32(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32 {
    var value: UInt32 = 0
    for index in 0..<4 { value = value << 8 | UInt32(bytes[offset + index]) }
    return value
  }

  /// Appends `value` as 8 little-endian bytes.
  static func appendLittle(_ value: UInt64, to bytes: inout [UInt8]) {
    for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
  }

  /// Appends `value` as 4 big-endian bytes.
  static func appendBig(_ value: UInt32, to bytes: inout [UInt8]) {
    for index in (0..<4).reversed() { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(index)))) }
  }

  /// `count` little-endian `Float`s starting at `offset`.
  static func littleFloats(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, count: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
      let raw = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[offset..<offset + 4 * count]))
      for index in 0..<count {
        let bits = raw.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)
        buffer[index] = Float(bitPattern: UInt32(littleEndian: bits))
      }
      initialized = count
    }
  }

  /// `count` little-endian `Double`s starting at `offset`.
  static func littleDoubles(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, count: Int) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      let raw = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[offset..<offset + 8 * count]))
      for index in 0..<count {
        let bits = raw.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self)
        buffer[index] = Double(bitPattern: UInt64(littleEndian: bits))
      }
      initialized = count
    }
  }

  /// Appends `values` as little-endian `F32` bytes.
  static func appendLittle(_ values: [Float], to bytes: inout [UInt8]) {
    bytes.reserveCapacity(bytes.count + 4 * values.count)
    for value in values {
      let bits = value.bitPattern
      for index in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt32(index)))) }
    }
  }

  /// Appends `values` as little-endian `F64` bytes.
  static func appendLittle(_ values: [Double], to bytes: inout [UInt8]) {
    bytes.reserveCapacity(bytes.count + 8 * values.count)
    for value in values {
      appendLittle(value.bitPattern, to: &bytes)
    }
  }
}
