import Foundation
import Sessions
import Testing

/// An inline tableau accepted with a `"tolerance"` keeps it in the session header, so the
/// session reads back and verifies.
@Suite("CLI: tableau tolerance in sessions")
struct TableauToleranceCLITests {
  @Test func aLooseTableauRoundTripsThroughTheSessionHeader() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write(
      "loose.json",
      #"{"cell": {"hiddenSize": 4, "tableau": {"name": "loose-euler", "a": [[0]], "b": [1.0000000005], "c": [0], "tolerance": 1e-9}}, "task": {"name": "adding", "length": 6}, "batchSize": 4, "steps": 8, "precision": "float64"}"#)
    let r = try CLI.run(["train", "--config", "loose.json", "--out", "run.session"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let header = try Session.read(path: dir.path("run.session")).header.config
    #expect(header["cell"]?["tableau"]?["tolerance"] == .number(1e-9), "\(header)")
    let v = try CLI.run(["replay", "run.session", "--verify", "--headless"], in: dir.url)
    #expect(v.status == 0, "\(v)")
  }
}
