import Foundation
import Testing

/// Sessions recorded by an earlier odernn verify with this one (DESIGN §1.6). The fixture in
/// `Tests/Fixtures/` was recorded by 1a79279 at two BLAS threads in float32, with `H = 48`:
/// its validation loss comes from inference GEMMs of `256 × 48 · 48 × 48`, large enough for
/// OpenBLAS to split them across its two threads, whose bits differ from any split of the
/// batch run on single-threaded BLAS (the inference lanes of stop 18 broke exactly this).
@Suite("CLI: sessions recorded by an earlier odernn")
struct EarlierSessionsCLITests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/threads2-float32-h48-1a79279.session").path

  /// Bit for bit on the core that recorded it (Haswell); elsewhere, where float32 bits may
  /// differ, within a relative 1e-5 (a weaker check, said so by the warning it prints).
  @Test func aTwoThreadFloat32SessionVerifies() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let exact = try CLI.run(["replay", Self.fixture, "--verify", "--headless"], in: dir.url)
    if exact.stderr.contains("was recorded with BLAS core") {
      let loose = try CLI.run(["replay", Self.fixture, "--verify", "--headless", "--tolerance", "1e-5"], in: dir.url)
      #expect(loose.status == 0, "\(loose)")
    } else {
      #expect(exact.status == 0 && exact.stdout.contains("verified 2 steps") && exact.stdout.contains("bit for bit"), "\(exact)")
    }
  }
}
