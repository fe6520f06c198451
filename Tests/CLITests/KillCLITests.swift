import Foundation
import Sessions
import Testing
import Training

#if canImport(Glibc)
  import Glibc
#endif

/// DESIGN §1.5: writes are flushed at least once a second, so a killed run loses at most the
/// last second.
@Suite("CLI: kill -9 during train", .serialized)
struct KillCLITests {
  @Test func aKilledRunLosesAtMostTheLastSecond() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("long.json", #"{"cell": {"hiddenSize": 4}, "task": {"name": "adding", "length": 10}, "batchSize": 8, "steps": 100000, "diagnosticsEvery": 50, "checkpointEvery": 100000}"#)
    let running = try CLI.start(["train", "--config", "long.json", "--out", "run.session"], in: dir.url)
    let path = dir.path("run.session")
    func lineCount() -> Int {
      guard let data = FileManager.default.contents(atPath: path) else { return 0 }
      return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
    // Poll until the file has at least 3 lines and the run has gone on for a few seconds (so
    // that the once-a-second flushing is what the check measures).
    let deadline = Date(timeIntervalSinceNow: 120)
    while (lineCount() < 3 || Date().timeIntervalSince(running.started) < 3) && Date() < deadline && running.process.isRunning {
      Thread.sleep(forTimeInterval: 0.02)
    }
    #expect(running.process.isRunning, "the run should still be going")
    #expect(lineCount() >= 3)
    let killTime = Date()
    kill(running.process.processIdentifier, SIGKILL)
    let result = try CLI.finish(running)
    #expect(result.status == SIGKILL || running.process.terminationReason == .uncaughtSignal, "\(result)")

    let session = try Session.read(path: path)
    #expect(session.status == "interrupted")
    #expect(session.warnings.allSatisfy { $0.contains("truncated") }, "\(session.warnings)")
    let last = try #require(session.events.last?.time)
    let elapsed = killTime.timeIntervalSince(running.started)
    #expect(abs(elapsed - last) <= 1.5, "last event at \(last) s, killed at \(elapsed) s after start")
    #expect(session.metrics.count > 10)
    #expect(session.metrics.map(\.step) == Array(1...session.metrics.count))
    // What was written is a valid session: it verifies.
    let verify = try CLI.run(["replay", "run.session", "--verify", "--headless"], in: dir.url)
    #expect(verify.status == 0, "\(verify)")
  }
}
