import Foundation
import Sessions
import Testing
import Training

/// The example sessions shipped in `sessions/` re-run and verify (DESIGN §1.6): with a
/// tolerance, since another CPU or BLAS core may round differently.
@Suite("Example sessions verify")
struct ExampleSessionsTests {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("sessions").path

  static var files: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".session") }.sorted()
  }

  @Test func theRepositoryShipsExampleSessions() {
    #expect(Self.files.count >= 4, "expected example sessions in \(Self.folder)")
  }

  @Test(arguments: files)
  func verifies(file: String) throws {
    let path = "\(Self.folder)/\(file)"
    let session = try Session.read(path: path)
    #expect(session.warnings.isEmpty)
    #expect(session.status == "finished")
    let compared = try SessionVerifier.verify(session, path: path, tolerance: 1e-9)
    #expect(compared == session.metrics.count && compared > 0)
  }
}
