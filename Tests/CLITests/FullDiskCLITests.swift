import Foundation
import Sessions
import Testing

/// A full disk, simulated with a file-size limit (`ulimit -f`, SIGXFSZ ignored: writes past
/// it fail with EFBIG as they would with ENOSPC): one line naming the file, exit 2, no
/// partial output, and every byte already saved still reads.
@Suite("CLI: full disk and existing outputs")
struct FullDiskCLITests {
  static let tiny = #"{"cell": {"hiddenSize": 4}, "task": {"name": "adding", "length": 8}, "batchSize": 4, "steps": 400, "diagnosticsEvery": 50, "checkpointEvery": 100, "precision": "float64"}"#

  /// `ulimit -f BLOCKS` (1 KiB each) for one command, whose stderr goes through a pipe (the
  /// limit applies to every file it writes, the test's capture file too) to the unlimited
  /// shell's stderr; the script exits with the command's status.
  static func limited(_ blocks: Int, _ command: String) -> String {
    "( ulimit -f \(blocks); trap '' XFSZ; exec \"$ODERNN\" \(command) ) 2>&1 >/dev/null | cat >&2; exit ${PIPESTATUS[0]}"
  }

  @Test func aSessionWhoseHeaderCannotBeWrittenLeavesNoFile() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    let r = try CLI.shell(Self.limited(0, "train --config tiny.json"), in: dir.url)
    #expect(r.status == 2, "\(r)")
    #expect(r.stderrLines.count == 1 && r.stderr.contains("cannot write sessions/") && r.stderr.contains("File too large"), "\(r)")
    #expect(dir.sessions().isEmpty, "no 0-byte session blocks the next run: \(dir.sessions())")
    #expect(try CLI.run(["train", "--config", "tiny.json"], in: dir.url).status == 0)
    #expect(dir.sessions().count == 1)
  }

  @Test func aDiskThatFillsDuringARunLeavesAReadableSessionThatVerifies() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    let r = try CLI.shell(Self.limited(24, "train --config tiny.json --out run.session"), in: dir.url)
    #expect(r.status == 2 && r.stderr.contains("cannot write run.session: File too large"), "\(r)")
    let session = try Session.read(path: dir.path("run.session"))
    #expect(session.warnings.isEmpty, "cut back to whole lines: \(session.warnings)")
    #expect(session.metrics.count > 10 && session.metrics.count < 400)
    #expect(try CLI.run(["replay", "run.session", "--verify", "--headless"], in: dir.url).status == 0)
  }

  @Test func exportsThatCannotBeWrittenLeaveNothingAndExistingFilesNeedForce() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    #expect(try CLI.run(["train", "--config", "tiny.json", "--out", "run.session"], in: dir.url).status == 0)
    let before = Set(try FileManager.default.contentsOfDirectory(atPath: dir.url.path))
    let full = try CLI.shell(Self.limited(4, "export run.session --csv out.csv"), in: dir.url)
    #expect(full.status == 2 && full.stderrLines == ["odernn: out.csv: cannot write (File too large)"], "\(full)")
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.url.path)) == before, "no partial or temporary file")

    for args in [["export", "run.session", "--csv", "out.csv"], ["export", "run.session", "--safetensors", "w.safetensors"]] {
      #expect(try CLI.run(args, in: dir.url).status == 0)
      let again = try CLI.run(args, in: dir.url)
      #expect(again.status == 2 && again.stderr.contains("already exists (--force replaces it)"), "\(again)")
      #expect(try CLI.run(args + ["--force"], in: dir.url).status == 0)
    }
  }

  /// Values each in range, a run that cannot fit: refused before anything is allocated, with
  /// the estimate and what is available; no session file; no crash, no backtrace.
  @Test(arguments: [
    #"{"cell": {"hiddenSize": 64}, "task": {"name": "copy", "delay": 1000000, "length": 10}}"#,
    #"{"cell": {"hiddenSize": 64}, "task": {"name": "adding", "length": 1000000}}"#,
  ])
  func impossibleMemoryIsRefused(_ config: String) throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("big.json", config)
    let r = try CLI.run(["train", "--config", "big.json"], in: dir.url)
    #expect(r.status == 2, "\(r)")
    #expect(r.stderrLines.count == 1 && r.stderr.contains("big.json: this run needs about ") && r.stderr.contains(" is available"), "\(r)")
    #expect(dir.sessions().isEmpty)
  }
}
