import Foundation
import Sessions
import Testing
import Training

#if canImport(Glibc)
  import Glibc
#endif

/// DESIGN §1.5: a killed run leaves a session that reads (a truncated last line at most) and
/// whose prefix verifies. How soon rows reach the file is `TrainingLoop`'s flush policy,
/// tested on a simulated clock (`TrainingLoopTests`): nothing here depends on the machine's speed.
@Suite("CLI: kill -9 during train", .serialized)
struct KillCLITests {
  @Test func aKilledRunLeavesAReadableSessionThatVerifies() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("long.json", #"{"cell": {"hiddenSize": 4}, "task": {"name": "adding", "length": 10}, "batchSize": 8, "steps": 100000, "diagnosticsEvery": 50, "checkpointEvery": 100000}"#)
    let running = try CLI.start(["train", "--config", "long.json", "--out", "run.session"], in: dir.url)
    let path = dir.path("run.session")
    func lineCount() -> Int {
      guard let data = FileManager.default.contents(atPath: path) else { return 0 }
      return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
    // Poll until the file holds a header and several metrics events (the deadline only guards
    // against a hang).
    let deadline = Date(timeIntervalSinceNow: 120)
    while lineCount() < 6 && Date() < deadline && running.process.isRunning {
      Thread.sleep(forTimeInterval: 0.02)
    }
    #expect(running.process.isRunning, "the run should still be going")
    #expect(lineCount() >= 6)
    kill(running.process.processIdentifier, SIGKILL)
    let result = try CLI.finish(running)
    #expect(result.status == SIGKILL || running.process.terminationReason == .uncaughtSignal, "\(result)")

    let session = try Session.read(path: path)
    #expect(session.status == "interrupted")
    #expect(session.warnings.allSatisfy { $0.contains("truncated") }, "\(session.warnings)")
    #expect(session.metrics.count > 10)
    #expect(session.metrics.map(\.step) == Array(1...session.metrics.count))
    // What was written is a valid session: it verifies.
    let verify = try CLI.run(["replay", "run.session", "--verify", "--headless"], in: dir.url)
    #expect(verify.status == 0, "\(verify)")
  }
}
