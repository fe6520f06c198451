import Foundation
import JSON
import OrderedCollections
import Sessions
import Testing
import Training

/// `odernn train`, `replay`, `export`, `sessions list` as a user runs them.
@Suite("CLI: train, replay, export, sessions", .serialized)
struct TrainCLITests {
  static let tiny = #"{"cell": {"hiddenSize": 4, "tableau": "rk4", "stepSize": 0.5}, "task": {"name": "adding", "length": 10}, "batchSize": 8, "steps": 30, "diagnosticsEvery": 10, "checkpointEvery": 10, "precision": "float64"}"#

  static func isAllowedName(_ name: String) -> Bool {
    !name.isEmpty && name.unicodeScalars.allSatisfy { c in
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "." || c == "_" || c == "-"
    }
  }

  /// Rewrites the first metrics row with `step` in a session file.
  static func alter(_ path: String, step: Int, _ change: (inout OrderedDictionary<String, JSON>) -> Void) throws {
    var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    for i in lines.indices.dropFirst() {
      guard case .array(var parts) = try JSON.parse(lines[i]), parts.count == 3, parts[1] == "metrics",
        case .array(var rows) = parts[2],
        let j = rows.firstIndex(where: { $0["step"]?.intValue == step }), case .object(let members) = rows[j]
      else { continue }
      var row = members
      change(&row)
      rows[j] = .object(row)
      parts[2] = .array(rows)
      lines[i] = JSON.array(parts).serialized()
      try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
      return
    }
    throw CLIError("no metrics row for step \(step) in \(path)")
  }

  @Test func trainWritesANamedSessionAndJSONLines() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    let r = try CLI.run(["train", "--config", "tiny.json", "--json"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    // One session in ./sessions named DATE-TABLEAU-TASK.session.
    let files = dir.sessions()
    #expect(files.count == 1)
    let name = try #require(files.first)
    #expect(Self.isAllowedName(name), "\(name)")
    #expect(name.hasSuffix("-rk4-adding.session"), "\(name)")
    let date = name.prefix(while: { $0 != "-" })
    #expect(date.count == 8 && date.allSatisfy(\.isNumber) && date.hasPrefix("20"), "DATE first: \(name)")
    // stdout: one object per step, then the summary.
    let out = r.stdoutLines
    #expect(out.count == 31, "\(out.count) lines")
    for (i, line) in out.prefix(30).enumerated() {
      let o = try json(line)
      #expect(o["step"]?.intValue == i + 1)
      #expect(o["loss"]?.doubleValue != nil && o["gradNorm"]?.doubleValue != nil && o["lr"] == 0.001)
      #expect((o["valLoss"] != nil) == ((i + 1) % 10 == 0), "valLoss at diagnostic steps only: \(line)")
    }
    let summary = try #require(try json(out[30])["summary"])
    #expect(summary["steps"] == 30 && summary["status"] == "finished")
    #expect(summary["session"]?.stringValue?.hasSuffix(name) == true)
    // The per-step lines equal the session's metrics.
    let s = try Session.read(path: dir.path("sessions/\(name)"))
    #expect(s.metrics.count == 30)
    for (m, line) in zip(s.metrics, out) {
      #expect(try json(line)["loss"]?.doubleValue?.bitPattern == m.loss.bitPattern)
    }
    #expect(summary["finalLoss"]?.doubleValue == s.metrics.last?.loss)
    // The header's config is the effective config with every default filled in.
    let expected = try TrainingConfig.parse(try JSON.parse(Self.tiny))
    #expect(try s.header.trainingConfig() == expected)
    #expect(s.header.config == expected.json)
    #expect(s.header.parent == nil && !s.header.blasCore.isEmpty)
    #expect(s.checkpoints.map(\.step) == [0, 10, 20, 30] && s.status == "finished")
    // Human output (no --json): nothing on stdout, a summary line on stderr.
    let quiet = try CLI.run(["train", "--config", "tiny.json", "--steps", "3", "--seed", "7"], in: dir.url)
    #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.contains("finished"), "\(quiet)")
    #expect(dir.sessions().count == 2, "a second run gets a new name: \(dir.sessions())")
  }

  @Test func customTableauNamesAreSanitised() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("c.json", #"{"cell": {"hiddenSize": 3, "tableau": {"name": "Mÿ tableau/θ: 1", "a": [[0, 0], ["1/2", 0]], "b": [0, 1], "c": [0, "1/2"]}}, "task": {"name": "sine", "length": 5}, "batchSize": 4, "steps": 2}"#)
    let r = try CLI.run(["train", "--config", "c.json"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let name = try #require(dir.sessions().first)
    #expect(Self.isAllowedName(name) && name.hasSuffix("-sine.session"), "\(name)")
  }

  @Test func invalidConfigsExitTwoAndLeaveNoFile() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let cases: [(String, String)] = [
      (#"{"cell": {"hiddenSize": 0}, "task": {"name": "adding"}}"#, "cell.hiddenSize"),
      (#"{"cell": {"hiddenSize": 4, "stepsize": 1}, "task": {"name": "adding"}}"#, "cell.stepsize"),
      (#"{"cell": {"hiddenSize": 4}, "task": {"name": "adding"}, "steps": null}"#, "steps"),
      (#"{"cell": {"hiddenSize": 4}, "task": {"name": "idx", "images": "none.idx", "labels": "none2.idx"}}"#, "none.idx"),
      (#"{"cell": {"hiddenSize": 4, "tableau": "rk5"}, "task": {"name": "adding"}}"#, "cell.tableau"),
      (#"{"cell": {"hiddenSize": 4}, "task": {"name": "adding"}"#, "line 1"),
    ]
    for (text, key) in cases {
      try dir.write("bad.json", text)
      for extra in [[], ["--out", "explicit.session"]] {
        let r = try CLI.run(["train", "--config", "bad.json"] + extra, in: dir.url)
        #expect(r.status == 2, "\(text): \(r)")
        #expect(r.stderrLines.count == 1 && r.stderr.contains("bad.json") && r.stderr.contains(key), "\(key): \(r.stderr)")
        #expect(dir.sessions().isEmpty, "no session left behind for \(key)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("explicit.session")))
        #expect(r.stdout.isEmpty)
      }
    }
    let missing = try CLI.run(["train", "--config", "nope.json"], in: dir.url)
    #expect(missing.status == 2 && missing.stderr.contains("nope.json") && dir.sessions().isEmpty)
    // An existing --out file is never overwritten.
    try dir.write("tiny.json", Self.tiny)
    try dir.write("taken.session", "precious\n")
    let taken = try CLI.run(["train", "--config", "tiny.json", "--out", "taken.session"], in: dir.url)
    #expect(taken.status == 2 && taken.stderr.contains("taken.session"), "\(taken)")
    #expect(try String(contentsOfFile: dir.path("taken.session"), encoding: .utf8) == "precious\n")
    // A seed the config cannot hold (configs take seeds up to 2^53) is bad input, not a
    // session that can never be verified.
    let seed = try CLI.run(["train", "--config", "tiny.json", "--seed", "18446744073709551615", "--out", "s.session"], in: dir.url)
    #expect(seed.status == 2 && seed.stderrLines.count == 1 && seed.stderr.contains("seed"), "\(seed)")
    let steps = try CLI.run(["train", "--config", "tiny.json", "--steps", "100000001", "--out", "s.session"], in: dir.url)
    #expect(steps.status == 2 && steps.stderrLines.count == 1 && steps.stderr.contains("steps"), "\(steps)")
    #expect(!FileManager.default.fileExists(atPath: dir.path("s.session")))
    #expect(dir.sessions().isEmpty)
    // The largest seed a config holds works, and its session verifies.
    let big = try CLI.run(["train", "--config", "tiny.json", "--seed", "9007199254740992", "--steps", "3", "--out", "big.session"], in: dir.url)
    #expect(big.status == 0, "\(big)")
    #expect(try CLI.run(["replay", "big.session", "--verify", "--headless"], in: dir.url).status == 0)
  }

  @Test func replayVerifyPassesThenFailsOnAnAlteredLoss() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    #expect(try CLI.run(["train", "--config", "tiny.json", "--out", "run.session"], in: dir.url).status == 0)
    let ok = try CLI.run(["replay", "run.session", "--verify", "--headless"], in: dir.url)
    #expect(ok.status == 0, "\(ok)")
    #expect(ok.stdoutLines == ["verified 30 steps of run.session bit for bit"], "\(ok.stdout)")

    // Headless replay without --verify prints the summary.
    let summary = try json(try CLI.run(["replay", "run.session", "--headless"], in: dir.url).stdout)
    #expect(summary["steps"] == 30 && summary["status"] == "finished" && summary["tableau"] == "rk4")

    try FileManager.default.copyItem(atPath: dir.path("run.session"), toPath: dir.path("altered.session"))
    try Self.alter(dir.path("altered.session"), step: 17) { row in
      row["loss"] = .number((row["loss"]?.doubleValue ?? 0) * 1.0000001)
    }
    let bad = try CLI.run(["replay", "altered.session", "--verify", "--headless"], in: dir.url)
    #expect(bad.status == 1, "\(bad)")
    #expect(bad.stderr.contains("step 17") && bad.stderr.contains("loss") && bad.stderr.contains("altered.session"), "\(bad.stderr)")
    // A tolerance above the change accepts it.
    let tolerant = try CLI.run(["replay", "altered.session", "--verify", "--tolerance", "1e-6", "--headless"], in: dir.url)
    #expect(tolerant.status == 0, "\(tolerant)")

    try FileManager.default.copyItem(atPath: dir.path("run.session"), toPath: dir.path("noval.session"))
    try Self.alter(dir.path("noval.session"), step: 20) { row in row["valLoss"] = nil }
    let noval = try CLI.run(["replay", "noval.session", "--verify", "--headless"], in: dir.url)
    #expect(noval.status == 1 && noval.stderr.contains("step 20") && noval.stderr.contains("valLoss"), "\(noval)")

    // A malformed session is bad input (2) naming its line.
    var lines = try String(contentsOfFile: dir.path("run.session"), encoding: .utf8).split(separator: "\n").map(String.init)
    lines[2] = "{oops"
    try (lines.joined(separator: "\n") + "\n").write(toFile: dir.path("broken.session"), atomically: true, encoding: .utf8)
    let broken = try CLI.run(["replay", "broken.session", "--verify", "--headless"], in: dir.url)
    #expect(broken.status == 2 && broken.stderrLines.count == 1 && broken.stderr.contains("line 3") && broken.stderr.contains("broken.session"), "\(broken)")
  }

  @Test func resumeWritesAChildSessionThatVerifies() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    #expect(try CLI.run(["train", "--config", "tiny.json", "--steps", "25"], in: dir.url).status == 0)
    let parent = try #require(dir.sessions().first)
    let r = try CLI.run(["train", "--resume", "sessions/\(parent)", "--from-step", "10", "--steps", "12"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let child = try #require(dir.sessions().first { $0 != parent })
    let s = try Session.read(path: dir.path("sessions/\(child)"))
    #expect(s.header.parent?.file == parent && s.header.parent?.step == 10)
    #expect(s.metrics.map(\.step) == Array(11...22))
    // The child continues the parent exactly: its steps 11…22 equal the parent's.
    let p = try Session.read(path: dir.path("sessions/\(parent)"))
    for m in s.metrics where m.step <= 25 {
      #expect(p.metrics.first { $0.step == m.step }?.loss.bitPattern == m.loss.bitPattern, "step \(m.step)")
    }
    let verify = try CLI.run(["replay", "sessions/\(child)", "--verify", "--headless"], in: dir.url)
    #expect(verify.status == 0, "\(verify)")
    // From the last checkpoint (25, taken at the end) by default
    #expect(try CLI.run(["train", "--resume", "sessions/\(parent)", "--out", "last.session"], in: dir.url).status == 0)
    let last = try Session.read(path: dir.path("last.session"))
    // (the parent ran all its 25 steps, so the default is its length again: 25 more).
    // The parent is named relative to the child's folder, so that it can be found again.
    #expect(last.header.parent?.step == 25 && last.header.parent?.file == "sessions/\(parent)", "\(String(describing: last.header.parent))")
    #expect(last.metrics.map(\.step) == Array(26...50))
    #expect(try CLI.run(["replay", "last.session", "--verify", "--headless"], in: dir.url).status == 0)
    // No checkpoint at the requested step: bad input naming the available ones.
    let none = try CLI.run(["train", "--resume", "sessions/\(parent)", "--from-step", "7"], in: dir.url)
    #expect(none.status == 2 && none.stderr.contains("7") && none.stderr.contains("10"), "\(none)")
  }

  @Test func exportCSVAndSessionsList() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    try dir.write("lstm.json", #"{"cell": {"kind": "lstm", "hiddenSize": 3}, "task": {"name": "copy", "delay": 3, "symbols": 3, "length": 2}, "batchSize": 4, "steps": 6, "diagnosticsEvery": 3}"#)
    #expect(try CLI.run(["train", "--config", "tiny.json"], in: dir.url).status == 0)
    #expect(try CLI.run(["train", "--config", "lstm.json"], in: dir.url).status == 0)
    let names = dir.sessions()
    #expect(names.count == 2)
    let rk4 = try #require(names.first { $0.contains("rk4") })
    let lstm = try #require(names.first { $0.contains("lstm") })

    // export --csv: the header and one row per step, empty where absent.
    let csv = try CLI.run(["export", "sessions/\(lstm)", "--csv", "m.csv"], in: dir.url)
    #expect(csv.status == 0, "\(csv)")
    let rows = try String(contentsOfFile: dir.path("m.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(rows.first == "step,loss,gradNorm,lr,valLoss,accuracy")
    #expect(rows.count == 7)
    let cells = rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(cells.allSatisfy { $0.count == 6 })
    #expect(cells.map { $0[0] } == ["1", "2", "3", "4", "5", "6"])
    #expect(cells[0][4].isEmpty && cells[0][5].isEmpty && !cells[2][4].isEmpty && !cells[2][5].isEmpty)
    let session = try Session.read(path: dir.path("sessions/\(lstm)"))
    for (row, m) in zip(cells, session.metrics) { #expect(Double(row[1]) == m.loss && Double(row[3]) == m.lr) }

    // sessions list --json.
    // A truncated copy of a session shows up as interrupted; a corrupt file is skipped.
    let text = try String(contentsOfFile: dir.path("sessions/\(rk4)"), encoding: .utf8)
    let keep = text.split(separator: "\n").prefix(4).joined(separator: "\n") + "\n" + "[1.0, \"metr"
    try keep.write(toFile: dir.path("sessions/zz-cut.session"), atomically: true, encoding: .utf8)
    try "garbage\n".write(toFile: dir.path("sessions/zz-garbage.session"), atomically: true, encoding: .utf8)
    let r = try CLI.run(["sessions", "list", "--json"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    #expect(r.stderr.contains("zz-garbage.session"))
    let list = try #require(try json(r.stdout).arrayValue)
    #expect(list.count == 3)
    let keys: Set<String> = ["file", "created", "tableau", "derivativeOrder", "task", "steps", "finalLoss", "status"]
    for item in list { #expect(item.objectValue.map { Set($0.keys) } == keys, "\(item)") }
    let byFile = Dictionary(uniqueKeysWithValues: list.compactMap { item in item["file"]?.stringValue.map { ($0, item) } })
    let a = try #require(byFile[rk4])
    let rk4Session = try Session.read(path: dir.path("sessions/\(rk4)"))
    #expect(a["tableau"] == "rk4" && a["derivativeOrder"] == 1 && a["task"] == "adding" && a["steps"] == 30 && a["status"] == "finished")
    #expect(a["created"]?.stringValue == rk4Session.header.created)
    #expect(a["finalLoss"]?.doubleValue == rk4Session.metrics.last?.loss)
    let b = try #require(byFile[lstm])
    #expect(b["tableau"] == "lstm" && b["derivativeOrder"] == .null && b["task"] == "copy" && b["steps"] == 6)
    let cut = try #require(byFile["zz-cut.session"])
    #expect(cut["status"] == "interrupted")
    // Human output lists the same files.
    let human = try CLI.run(["sessions", "list"], in: dir.url)
    #expect(human.status == 0 && human.stdout.contains(rk4) && human.stdout.contains(lstm))
  }
}

