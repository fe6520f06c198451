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

  /// Whether odernn picks the core itself here: an AVX2+FMA x86 CPU and no user-set
  /// `OPENBLAS_CORETYPE` (`chosenCore` is "user" then).
  static var choosesTheCore: Bool {
    let flags = cpuFlags
    return flags.contains("avx2") && flags.contains("fma") && BLAS.chosenCore != "user"
  }

  @Test(
    .enabled(
      if: BLASCoreTests.choosesTheCore,
      "needs an AVX2+FMA CPU (read from /proc/cpuinfo) and OPENBLAS_CORETYPE unset"))
  func coreIsNotGenericPrescottOnAnAVX2CPU() throws {
    try BLAS.load()
    let flags = Self.cpuFlags
    #expect(BLAS.coreName.lowercased() != "prescott")
    #expect(BLAS.chosenCore == (flags.contains("avx512f") ? "SkylakeX" : "Haswell"))
  }

  @Test func defaultsToOneThread() throws {
    try BLAS.load()
    #expect(BLAS.threads == 1)
  }
}
