import FileFormats
import Foundation
import Testing

/// A tiny seeded generator so every randomised test is deterministic and reproducible.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A fresh, empty directory for one test, removed by `cleanUp()`.
struct ScratchDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("formats-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> URL {
    url.appendingPathComponent(name)
  }

  func contents() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }

  func cleanUp() {
    try? FileManager.default.removeItem(at: url)
  }
}

/// The description of the `FileFormatError` that `body` throws, or nil when it does not throw.
func errorMessage<T>(_ body: () throws(FileFormatError) -> T) -> String? {
  do {
    _ = try body()
    return nil
  } catch {
    return error.description
  }
}

/// `text` as bytes.
func bytes(_ text: String) -> [UInt8] {
  Array(text.utf8)
}
