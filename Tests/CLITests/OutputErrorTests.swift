import Foundation
import Sessions
import Testing

/// Closed pipes and full disks on stdout: a reader that goes away ends the output, never the
/// run; any other write error is reported (one line, exit 2).
@Suite("CLI: stdout errors")
struct OutputErrorTests {
  static let tiny = #"{"cell": {"hiddenSize": 4}, "task": {"name": "adding", "length": 8}, "batchSize": 4, "steps": 300, "diagnosticsEvery": 50, "checkpointEvery": 1000, "precision": "float64"}"#

  /// `train --json | head -1`: odernn is not killed by SIGPIPE (exit 0, not 141), and the
  /// session is complete: every step, a final checkpoint, finished, and it verifies.
  @Test func aClosedPipeEndsTheOutputNotTheRun() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    let r = try CLI.shell(#""$ODERNN" train --config tiny.json --out run.session --json | head -1; echo "status ${PIPESTATUS[0]}" >&2"#, in: dir.url)
    #expect(r.stdoutLines.count == 1, "\(r)")
    #expect(r.stderrLines.last == "status 0", "\(r)")
    let session = try Session.read(path: dir.path("run.session"))
    #expect(session.status == "finished")
    #expect(session.metrics.map(\.step) == Array(1...300))
    #expect(session.checkpoints.last?.step == 300)
    #expect(try CLI.run(["replay", "run.session", "--verify", "--headless"], in: dir.url).status == 0)

    let list = try CLI.shell(#""$ODERNN" sessions list | head -1; "$ODERNN" tableau list | head -1; echo "status ${PIPESTATUS[0]}" >&2"#, in: dir.url)
    #expect(list.stderrLines == ["status 0"], "\(list)")
  }

  @Test(arguments: [
    "tableau list --json", "tableau list", "tableau show rk4", "sessions list --json",
    "train --config tiny.json --out run2.session --json", "replay run.session --headless",
  ])
  func aFullDeviceIsReported(_ command: String) throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    _ = try CLI.run(["train", "--config", "tiny.json", "--out", "run.session"], in: dir.url)
    let r = try CLI.shell("\"$ODERNN\" \(command) > /dev/full", in: dir.url)
    #expect(r.status == 2, "\(command): \(r)")
    #expect(r.stderrLines.last == "odernn: cannot write to standard output: No space left on device", "\(command): \(r)")
  }
}
