import JSON
import OrderedCollections

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A safetensors file (DESIGN §1.7): named `F32`/`F64` tensors plus optional string metadata.
///
/// Layout: an 8-byte little-endian header length N; N bytes of UTF-8 JSON
/// `{"__metadata__": {str: str}?, NAME: {"dtype": "F32"|"F64", "shape": [...],
/// "data_offsets": [begin, end]}, ...}`; then the data section, where each tensor's raw
/// little-endian row-major values occupy bytes `begin..<end` (relative to the section start).
///
/// `encode()` writes tensors in name order (by UTF-8 bytes), contiguously from offset 0,
/// `__metadata__` first when not empty, compact JSON, header padded with spaces to a multiple
/// of 8 bytes: the layout of the reference implementation for these dtypes.
/// `decode(_:)` accepts any key order and checks everything (see `decode`).
public struct SafeTensors: Sendable, Equatable {
  /// The tensors by name; decoding keeps the header's order, encoding sorts by name.
  public var tensors: OrderedDictionary<String, Tensor>
  /// The `__metadata__` string map (empty when the file has none; not written when empty).
  public var metadata: OrderedDictionary<String, String>

  /// A file with the given tensors and metadata.
  public init(
    tensors: OrderedDictionary<String, Tensor> = [:], metadata: OrderedDictionary<String, String> = [:]
  ) {
    self.tensors = tensors
    self.metadata = metadata
  }

  /// The largest header accepted (as the reference implementation: 100 MB).
  public static let maximumHeaderLength = 100_000_000

  /// Reads and decodes the file at `url`; errors are prefixed with the path.
  public static func read(contentsOf url: URL) throws(FileFormatError) -> SafeTensors {
    try FileIO.read(url, decode)
  }

  /// Encodes and writes the file atomically (temporary file, then rename).
  public func write(to url: URL, replacing: Bool = true) throws(FileFormatError) {
    try FileIO.writeAtomically(encode(), to: url, replacing: replacing)
  }

  /// The tensor names in encoding order: ascending by UTF-8 bytes.
  public var sortedNames: [String] {
    tensors.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// The file's bytes; see the type's documentation for the layout.
  public func encode() -> [UInt8] {
    var header = OrderedDictionary<String, JSON>()
    if !metadata.isEmpty {
      header["__metadata__"] = .object(metadata.mapValues { JSON.string($0) })
    }
    let names = sortedNames
    var offset = 0
    for name in names {
      guard let tensor = tensors[name] else { continue }
      let size = tensor.elementCount * tensor.dtype.byteCount
      header[name] = [
        "dtype": .string(tensor.dtype.rawValue),
        "shape": .array(tensor.shape.map { JSON.number(Double($0)) }),
        "data_offsets": [.number(Double(offset)), .number(Double(offset + size))],
      ]
      offset += size
    }
    var headerBytes: [UInt8] = []
    JSON.object(header).appendSerialized(to: &headerBytes)
    while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }

    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 + headerBytes.count + offset)
    ByteOrder.appendLittle(UInt64(headerBytes.count), to: &bytes)
    bytes.append(contentsOf: headerBytes)
    for name in names {
      switch tensors[name]?.storage {
      case .float32(let values)?: ByteOrder.appendLittle(values, to: &bytes)
      case .float64(let values)?: ByteOrder.appendLittle(values, to: &bytes)
      case nil: break
      }
    }
    return bytes
  }
}
