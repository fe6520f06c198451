#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// An IDX images file (MNIST format): magic `0x00000803`, then big-endian `UInt32` count,
/// rows and cols, then `count × rows × cols` unsigned-byte pixels, image by image, row-major.
///
/// Invariant: `pixels.count == count * rows * cols`, `rows ≥ 1`, `cols ≥ 1`, and every size
/// fits in a `UInt32`.
public struct IDXImages: Sendable, Equatable {
  /// The number of images.
  public let count: Int
  /// The height of every image.
  public let rows: Int
  /// The width of every image.
  public let cols: Int
  /// All pixels, image after image, each image row-major.
  public let pixels: [UInt8]

  /// The magic number of an images file.
  public static let magic: UInt32 = IDXHeader.imagesMagic

  /// Images of `rows × cols` pixels; throws when the sizes are invalid or `pixels.count` is
  /// not `count * rows * cols`.
  public init(count: Int, rows: Int, cols: Int, pixels: [UInt8]) throws(FileFormatError) {
    guard rows >= 1, cols >= 1, count >= 0,
      [count, rows, cols].allSatisfy({ $0 <= Int(UInt32.max) })
    else {
      throw FileFormatError("image sizes \(count) × \(rows) × \(cols) are invalid; rows and cols must be positive")
    }
    let (perImage, overflow1) = rows.multipliedReportingOverflow(by: cols)
    let (total, overflow2) = perImage.multipliedReportingOverflow(by: count)
    guard !overflow1, !overflow2 else {
      throw FileFormatError("image sizes \(count) × \(rows) × \(cols) are too large")
    }
    guard total == pixels.count else {
      throw FileFormatError("\(count) images of \(rows) × \(cols) need \(total) pixels, got \(pixels.count)")
    }
    self.count = count
    self.rows = rows
    self.cols = cols
    self.pixels = pixels
  }

  /// The pixels per image (`rows * cols`).
  public var pixelsPerImage: Int { rows * cols }

  /// The pixels of image `index` (0-based; must be < `count`).
  public func image(_ index: Int) -> ArraySlice<UInt8> {
    pixels[index * pixelsPerImage..<(index + 1) * pixelsPerImage]
  }

  /// Reads and decodes the file at `url`; errors are prefixed with the path.
  public static func read(contentsOf url: URL) throws(FileFormatError) -> IDXImages {
    try FileIO.read(url, decode)
  }

  /// Decodes an images file, checking the magic number (`expected magic 0x00000803 (images),
  /// got 0x00000801 (a labels file)`), the sizes, and that the length is exactly what the
  /// header promises (`file has N bytes, header promises M`).
  public static func decode(_ bytes: [UInt8]) throws(FileFormatError) -> IDXImages {
    let (sizes, header) = try IDXHeader.read(bytes, expected: magic, kind: "images")
    return try IDXImages(count: sizes[0], rows: sizes[1], cols: sizes[2], pixels: Array(bytes[header...]))
  }

  /// The file's bytes: header then pixels.
  public func encode() -> [UInt8] {
    IDXHeader.encode(magic: IDXImages.magic, sizes: [count, rows, cols]) + pixels
  }

  /// Encodes and writes the file atomically.
  public func write(to url: URL) throws(FileFormatError) {
    try FileIO.writeAtomically(encode(), to: url)
  }

  /// Throws unless `labels` has one label per image:
  /// `images file has 3 images but labels file has 2 labels`.
  public func checkMatches(_ labels: IDXLabels) throws(FileFormatError) {
    guard labels.count == count else {
      throw FileFormatError("images file has \(count) images but labels file has \(labels.count) labels")
    }
  }
}
