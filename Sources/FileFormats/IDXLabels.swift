#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// An IDX labels file (MNIST format): magic `0x00000801`, a big-endian `UInt32` count, then
/// `count` unsigned-byte labels. Invariant: `labels.count` fits in a `UInt32`.
public struct IDXLabels: Sendable, Equatable {
  /// The labels, one per image.
  public let labels: [UInt8]

  /// The magic number of a labels file.
  public static let magic: UInt32 = IDXHeader.labelsMagic

  /// A labels file holding `labels`; throws when there are more than `UInt32.max`.
  public init(labels: [UInt8]) throws(FileFormatError) {
    guard labels.count <= Int(UInt32.max) else {
      throw FileFormatError("\(labels.count) labels do not fit in an IDX file")
    }
    self.labels = labels
  }

  /// The number of labels.
  public var count: Int { labels.count }

  /// Reads and decodes the file at `url`; errors are prefixed with the path.
  public static func read(contentsOf url: URL) throws(FileFormatError) -> IDXLabels {
    try FileIO.read(url, decode)
  }

  /// Decodes a labels file, checking the magic number (`expected magic 0x00000801 (labels),
  /// got ...`) and that the length is exactly what the header promises.
  public static func decode(_ bytes: [UInt8]) throws(FileFormatError) -> IDXLabels {
    let (sizes, header) = try IDXHeader.read(bytes, expected: magic, kind: "labels")
    return try IDXLabels(labels: Array(bytes[header...]))
  }

  /// The file's bytes: header then labels.
  public func encode() -> [UInt8] {
    IDXHeader.encode(magic: IDXLabels.magic, sizes: [count]) + labels
  }

  /// Encodes and writes the file atomically.
  public func write(to url: URL) throws(FileFormatError) {
    try FileIO.writeAtomically(encode(), to: url)
  }
}
