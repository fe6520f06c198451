import Foundation
import Testing

/// Sessions recorded by an earlier odernn verify with this one (DESIGN §1.6), from
/// `Tests/Fixtures/`:
/// - `threads2-float32-h48-1a79279`: recorded by 1a79279 at two BLAS threads in float32, with
///   `H = 48`: its validation loss comes from inference GEMMs of `256 × 48 · 48 × 48`, large
///   enough for OpenBLAS to split them across its two threads, whose bits differ from any split
///   of the batch run on single-threaded BLAS (the inference lanes of stop 18 broke exactly this).
/// - `newton-gated-float32-5078f8f`: recorded by 5078f8f, before Newton's Jacobian and loops were
///   specialised: Gauss–Legendre 2 solved by Newton, `t = 2`, gated, sigmoid, float32 — the
///   stage Jacobian's identity blocks, its `d` and `e` terms, the decays and the transposed
///   solve of the adjoint, each of whose roundings the specialised code must keep.
@Suite("CLI: sessions recorded by an earlier odernn")
struct EarlierSessionsCLITests {
  static func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/\(name).session").path
  }

  /// Bit for bit on the core that recorded it (Haswell); elsewhere, where float32 bits may
  /// differ, within a relative 1e-5 (a weaker check, said so by the warning it prints).
  @Test(arguments: [("threads2-float32-h48-1a79279", 2), ("newton-gated-float32-5078f8f", 6)])
  func anEarlierSessionVerifies(name: String, steps: Int) throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let path = Self.fixture(name)
    let exact = try CLI.run(["replay", path, "--verify", "--headless"], in: dir.url)
    if exact.stderr.contains("was recorded with BLAS core") {
      let loose = try CLI.run(["replay", path, "--verify", "--headless", "--tolerance", "1e-5"], in: dir.url)
      #expect(loose.status == 0, "\(loose)")
    } else {
      #expect(exact.status == 0 && exact.stdout.contains("verified \(steps) steps") && exact.stdout.contains("bit for bit"), "\(exact)")
    }
  }
}
