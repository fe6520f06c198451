import Foundation
import JSON
import Testing

/// Sessions that break the format are bad input for every command that reads them (exit 2,
/// one line naming file and line), and `sessions list` says what it cannot list.
@Suite("CLI: invalid sessions")
struct SessionInputCLITests {
  static let tiny = #"{"cell": {"hiddenSize": 4}, "task": {"name": "adding", "length": 8}, "batchSize": 4, "steps": 30, "diagnosticsEvery": 10, "checkpointEvery": 10, "precision": "float64"}"#

  /// A duplicated or a missing step: replay --verify, export --csv and export --safetensors
  /// all refuse, naming the line; nothing is written.
  @Test(arguments: ["duplicate", "missing"])
  func brokenStepSequencesAreRefusedEverywhere(_ kind: String) throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    #expect(try CLI.run(["train", "--config", "tiny.json", "--out", "run.session"], in: dir.url).status == 0)
    var lines = try String(contentsOfFile: dir.path("run.session"), encoding: .utf8).split(separator: "\n").map(String.init)
    let i = try #require(lines.firstIndex { $0.contains(#""metrics""#) })
    if kind == "duplicate" { lines.insert(lines[i], at: i + 1) } else { lines.remove(at: i) }
    try dir.write("bad.session", lines.joined(separator: "\n") + "\n")
    for args in [["replay", "bad.session", "--verify", "--headless"], ["export", "bad.session", "--csv", "out.csv"], ["export", "bad.session", "--safetensors", "out.safetensors"]] {
      let r = try CLI.run(args, in: dir.url)
      #expect(r.status == 2, "\(args): \(r)")
      // Line numbers count from 1: the duplicate is line i + 2; without the row, line i + 1
      // (metrics or a diagnostic) no longer follows step 0.
      let expected = kind == "duplicate" ? "bad.session: line \(i + 2): metrics for step" : "bad.session: line \(i + 1): "
      #expect(r.stderrLines.count == 1 && r.stderr.contains(expected), "\(args): \(r)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir.path("out.csv")))
    #expect(!FileManager.default.fileExists(atPath: dir.path("out.safetensors")))
  }

  /// The table's columns fit their longest entry: a long file name is printed whole, so it can
  /// be pasted into `replay` (once cut at 44 characters, `….sess`).
  @Test func sessionsListPrintsLongNamesWhole() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    let name = "20261202-005037-gauss-legendre-2-adding-a-long-name.session"
    let train = try CLI.run(["train", "--config", "tiny.json", "--out", "sessions/\(name)"], in: dir.url)
    #expect(train.status == 0, "\(train)")
    let r = try CLI.run(["sessions", "list"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    // Header, rule, the one row (`TextTable`).
    #expect(lines.count == 3 && lines[2].hasPrefix(name + "  "), "\(r)")
    // The header's columns start where the row's do.
    let header = try #require(lines.first)
    let tableau = try #require(header.range(of: "tableau"), "\(r)")
    #expect(header.distance(from: header.startIndex, to: tableau.lowerBound) == name.count + 2, "\(r)")
  }

  @Test func sessionsListRefusesAFileWhereTheFolderShouldBe() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("sessions", "not a folder")
    let r = try CLI.run(["sessions", "list"], in: dir.url)
    #expect(r.status == 2 && r.stderrLines == ["odernn: ./sessions is not a folder"], "\(r)")
  }

  /// ctrl-c (SIGINT) during `train` is an orderly stop: a final checkpoint and `stopped`,
  /// which `sessions list` tells from a killed run.
  @Test func anInterruptedTrainIsListedAsStopped() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("long.json", Self.tiny.replacingOccurrences(of: #""steps": 30"#, with: #""steps": 10000000"#))
    let running = try CLI.start(["train", "--config", "long.json", "--out", "sessions/long.session"], in: dir.url)
    let path = dir.path("sessions/long.session")
    let deadline = Date(timeIntervalSinceNow: 120)
    while ((try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").count ?? 0) < 4 && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.02)
    }
    kill(running.process.processIdentifier, SIGINT)
    let result = try CLI.finish(running)
    #expect(result.status == 0, "\(result)")
    let list = try json(try CLI.run(["sessions", "list", "--json"], in: dir.url).stdout)
    #expect(list[0]?["status"] == "stopped", "\(list)")
    let verify = try CLI.run(["replay", "sessions/long.session", "--verify", "--headless"], in: dir.url)
    #expect(verify.status == 0, "\(verify)")
  }
}
