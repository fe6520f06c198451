import FileFormats
import Foundation
import Testing

@Suite("IDX (MNIST) images and labels")
struct IDXTests {
  /// Two 2×3 images, built byte by byte.
  static let imagesFixture: [UInt8] =
    [0x00, 0x00, 0x08, 0x03, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3]
    + [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]
  /// Two labels, built byte by byte.
  static let labelsFixture: [UInt8] = [0x00, 0x00, 0x08, 0x01, 0, 0, 0, 2, 7, 3]

  @Test("decode and encode the byte fixtures")
  func fixtures() throws {
    let images = try IDXImages.decode(Self.imagesFixture)
    #expect(images.count == 2 && images.rows == 2 && images.cols == 3)
    #expect(Array(images.image(1)) == [250, 251, 252, 253, 254, 255])
    #expect(images.encode() == Self.imagesFixture)
    let labels = try IDXLabels.decode(Self.labelsFixture)
    #expect(labels.labels == [7, 3])
    #expect(labels.encode() == Self.labelsFixture)
    try images.checkMatches(labels)
  }

  @Test("sizes above 255 are big-endian")
  func bigEndian() throws {
    let images = try IDXImages(count: 1, rows: 1, cols: 300, pixels: [UInt8](repeating: 9, count: 300))
    #expect(Array(images.encode()[4..<16]) == [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0x01, 0x2C])
    #expect(try IDXImages.decode(images.encode()) == images)
  }

  @Test(
    "wrong magic numbers are named",
    arguments: [
      (
        [0x00, 0x00, 0x08, 0x01, 0, 0, 0, 0] as [UInt8],
        "expected magic 0x00000803 (images), got 0x00000801 (a labels file)"
      ),
      ([0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0] as [UInt8], "expected magic 0x00000803 (images), got 0x12345678"),
      (
        [0x1F, 0x8B, 0x08, 0x08, 0, 0, 0, 0] as [UInt8],
        "expected magic 0x00000803 (images), got 0x1F8B0808 (a gzip file: decompress it first)"
      ),
      ([0x00, 0x00] as [UInt8], "file has 2 bytes, too short for the 4-byte magic number"),
      ([0x00, 0x00, 0x08, 0x03, 0, 0, 0, 1, 0, 0] as [UInt8], "file has 10 bytes, the images header needs 16"),
      (
        [0x00, 0x00, 0x08, 0x03, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3] as [UInt8],
        "file has 19 bytes, header promises 20"
      ),
      (
        [0x00, 0x00, 0x08, 0x03, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 2] as [UInt8],
        "file has 18 bytes, header promises 17"
      ),
      (
        [0x00, 0x00, 0x08, 0x03, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3] as [UInt8],
        "image sizes 2 × 0 × 3 are invalid; rows and cols must be positive"
      ),
      (
        [0x00, 0x00, 0x08, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] as [UInt8],
        "header sizes 4294967295 × 4294967295 × 4294967295 are too large"
      ),
    ])
  func imageErrors(bytes: [UInt8], expected: String) {
    #expect(errorMessage { () throws(FileFormatError) in try IDXImages.decode(bytes) } == expected)
  }

  @Test("label file errors")
  func labelErrors() {
    #expect(
      errorMessage { () throws(FileFormatError) in try IDXLabels.decode(Self.imagesFixture) }
        == "expected magic 0x00000801 (labels), got 0x00000803 (an images file)")
    #expect(
      errorMessage { () throws(FileFormatError) in try IDXLabels.decode([0, 0, 8, 1, 0, 0, 0, 5, 1, 2]) }
        == "file has 10 bytes, header promises 13")
    #expect(
      errorMessage { () throws(FileFormatError) in try IDXLabels.decode([0, 0, 8, 1, 0, 0]) }
        == "file has 6 bytes, the labels header needs 8")
  }

  @Test("count agreement and initialiser checks")
  func agreement() throws {
    let images = try IDXImages.decode(Self.imagesFixture)
    let labels = try IDXLabels(labels: [1, 2, 3])
    #expect(
      errorMessage { () throws(FileFormatError) in try images.checkMatches(labels) }
        == "images file has 2 images but labels file has 3 labels")
    #expect(
      errorMessage { () throws(FileFormatError) in try IDXImages(count: 2, rows: 2, cols: 2, pixels: [1, 2, 3]) }
        == "2 images of 2 × 2 need 8 pixels, got 3")
  }

  @Test("write and read files; errors name the file")
  func files() throws {
    let directory = try ScratchDirectory()
    defer { directory.cleanUp() }
    let imagesURL = directory.file("train-images-idx3-ubyte")
    let labelsURL = directory.file("train-labels-idx1-ubyte")
    let images = try IDXImages.decode(Self.imagesFixture)
    let labels = try IDXLabels.decode(Self.labelsFixture)
    try images.write(to: imagesURL)
    try labels.write(to: labelsURL)
    #expect(try IDXImages.read(contentsOf: imagesURL) == images)
    #expect(try IDXLabels.read(contentsOf: labelsURL) == labels)
    #expect(
      errorMessage { () throws(FileFormatError) in try IDXImages.read(contentsOf: labelsURL) }
        == "\(labelsURL.path): expected magic 0x00000803 (images), got 0x00000801 (a labels file)")
    #expect(try directory.contents() == ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"])
  }
}
