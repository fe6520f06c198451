import Foundation
import Linalg
import Testing

@Suite("OpenBLAS kernel selection (DESIGN §1.1)")
struct BLASCoreTests {
  static var cpuFlags: Set<String> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [] }
    return Set(line.split(separator: " ").map(String.init))
  }

  @Test func coreIsNotGenericPrescottOnAnAVX2CPU() throws {
    try BLAS.load()
    let flags = Self.cpuFlags
    guard flags.contains("avx2"), BLAS.chosenCore != "user" else { return }
    #expect(BLAS.coreName.lowercased() != "prescott")
    #expect(BLAS.chosenCore == (flags.contains("avx512f") ? "SkylakeX" : "Haswell"))
  }

  @Test func defaultsToOneThread() throws {
    try BLAS.load()
    #expect(BLAS.threads == 1)
  }
}
