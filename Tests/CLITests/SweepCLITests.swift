import Foundation
import JSON
import Sessions
import Testing

/// `odernn sweep` on one machine: points as their own processes, resumable, summarised.
@Suite("CLI: sweeps", .serialized)
struct SweepCLITests {
  static let spec = #"""
    {"base": {"cell": {"hiddenSize": 4}, "task": {"name": "adding", "length": 8}, "batchSize": 4, "steps": STEPS, "diagnosticsEvery": 20, "checkpointEvery": 20, "precision": "float64"},
     "grid": {"cell.hiddenSize": [4, 6], "seed": [1, 2]}}
    """#

  static func sessions(_ dir: WorkDir) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path("sw"))) ?? []).filter { $0.hasSuffix(".session") }.sorted()
  }

  @Test func aSweepRunsEveryPointAndStatusSummarisesIt() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("spec.json", Self.spec.replacingOccurrences(of: "STEPS", with: "40"))
    let r = try CLI.run(["sweep", "spec.json", "--out", "sw", "--jobs", "2", "--json"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let files = Self.sessions(dir)
    #expect(files == ["000-hiddenSize_4-seed_1.session", "001-hiddenSize_4-seed_2.session", "002-hiddenSize_6-seed_1.session", "003-hiddenSize_6-seed_2.session"])
    for f in files {
      #expect(try CLI.run(["replay", "sw/\(f)", "--verify", "--headless"], in: dir.url).status == 0, "\(f)")
    }
    // The point's config is the base with its values: the header says so.
    let header = try Session.read(path: dir.path("sw/003-hiddenSize_6-seed_2.session")).header.config
    #expect(header["cell"]?["hiddenSize"] == 6 && header["seed"] == 2)
    // sweep status: the numbers are those in the sessions; per value, the mean over the other axis.
    let status = try json(try CLI.run(["sweep", "status", "sw", "--json"], in: dir.url).stdout)
    var valLoss: [Double] = []
    for (i, f) in files.enumerated() {
      let s = try Session.read(path: dir.path("sw/\(f)"))
      let v = try #require(s.metrics.last { $0.valLoss != nil }?.valLoss)
      valLoss.append(v)
      #expect(status["points"]?[i]?["finalValLoss"] == .number(v))
      #expect(status["points"]?[i]?["steps"] == 40 && status["points"]?[i]?["status"] == "finished")
    }
    let h4 = try #require(status["byValue"]?[0])
    #expect(h4["key"] == "cell.hiddenSize" && h4["value"] == 4)
    #expect(h4["mean"]?.doubleValue.map { abs($0 - (valLoss[0] + valLoss[1]) / 2) < 1e-15 } == true)
    // The same command again: nothing left to do, no file touched.
    let dates = try files.map { try FileManager.default.attributesOfItem(atPath: dir.path("sw/\($0)"))[.modificationDate] as? Date }
    #expect(try CLI.run(["sweep", "spec.json", "--out", "sw"], in: dir.url).status == 0)
    #expect(try files.map { try FileManager.default.attributesOfItem(atPath: dir.path("sw/\($0)"))[.modificationDate] as? Date } == dates)
    // Another spec for the same folder is refused.
    try dir.write("other.json", Self.spec.replacingOccurrences(of: "STEPS", with: "41"))
    let other = try CLI.run(["sweep", "other.json", "--out", "sw"], in: dir.url)
    #expect(other.status == 2 && other.stderr.contains("holds another sweep"), "\(other)")
  }

  /// Interrupted halfway (ctrl-c reaches the running points, which checkpoint) and killed
  /// (a session cut after a checkpoint): the same command finishes the sweep, resuming those
  /// points from their checkpoints without repeating finished ones; everything verifies.
  @Test func anInterruptedSweepResumes() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("spec.json", Self.spec.replacingOccurrences(of: "STEPS", with: "3000"))
    let running = try CLI.start(["sweep", "spec.json", "--out", "sw", "--jobs", "2"], in: dir.url)
    let deadline = Date(timeIntervalSinceNow: 120)
    func checkpointed() -> Int {
      Self.sessions(dir).filter { f in ((try? Session.read(path: dir.path("sw/\(f)")))?.checkpoints.count ?? 0) >= 2 }.count
    }
    while checkpointed() < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    kill(running.process.processIdentifier, SIGINT)
    let stopped = try CLI.finish(running)
    #expect(stopped.status == 2 && stopped.stderr.contains("run the same command again"), "\(stopped)")
    let before = Self.sessions(dir)
    #expect(before.count == 2, "\(before)")
    for f in before { #expect(try Session.read(path: dir.path("sw/\(f)")).status == "stopped") }
    let again = try CLI.run(["sweep", "spec.json", "--out", "sw", "--jobs", "2"], in: dir.url)
    #expect(again.status == 0, "\(again)")
    let after = Self.sessions(dir)
    #expect(after.count == 6, "two points resumed into .r1 sessions: \(after)")
    for f in after {
      let v = try CLI.run(["replay", "sw/\(f)", "--verify", "--headless"], in: dir.url)
      #expect(v.status == 0, "\(f): \(v)")
    }
    let status = try json(try CLI.run(["sweep", "status", "sw", "--json"], in: dir.url).stdout)
    for i in 0..<4 { #expect(status["points"]?[i]?["status"] == "finished" && status["points"]?[i]?["steps"] == 3000) }
  }

  @Test(arguments: [
    (#"{"base": {"cell": {"hiddenSize": 4}, "task": {"name": "adding"}}, "grid": {"cell.hidenSize": [4]}}"#, #"unknown key "cell.hidenSize"; did you mean "hiddenSize"? (from point 0: cell.hidenSize=4)"#),
    (#"{"base": {"cell": {"hiddenSize": 4}, "task": {"name": "adding"}}, "zip": {"seed": [1, 2], "batchSize": [4]}}"#, #""zip.batchSize": has 1 values where the first zip key has 2 (zip keys advance together)"#),
    (#"{"base": {"cell": {"hiddenSize": 4}, "task": {"name": "adding"}}, "grid": {"cell.hiddenSize": [0]}}"#, #""cell.hiddenSize": expected an integer in 1...4096, got 0 (from point 0: cell.hiddenSize=0)"#),
  ])
  func badSpecsAreRefusedNamingTheKey(_ spec: String, _ message: String) throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("spec.json", spec)
    let r = try CLI.run(["sweep", "spec.json", "--out", "sw"], in: dir.url)
    #expect(r.status == 2 && r.stderrLines.count == 1 && r.stderr.contains(message), "\(r)")
    #expect(!FileManager.default.fileExists(atPath: dir.path("sw")))
  }

  @Test func slurmWritesAJobArray() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("spec.json", Self.spec.replacingOccurrences(of: "STEPS", with: "40"))
    let r = try CLI.run(["sweep", "spec.json", "--out", "sw", "--slurm", "--time", "00:10:00", "--partition", "debug"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let script = try String(contentsOfFile: dir.path("sw/sweep.sbatch"), encoding: .utf8)
    #expect(script.contains("#SBATCH --array=0-3") && script.contains("#SBATCH --time=00:10:00") && script.contains("#SBATCH --partition=debug"))
    #expect(script.contains(#"--index "$SLURM_ARRAY_TASK_ID""#))
    #expect(Self.sessions(dir).isEmpty, "--slurm writes the script; the cluster runs the points")
    // What a task runs: one point.
    let one = try CLI.run(["sweep", "spec.json", "--out", "sw", "--index", "2"], in: dir.url)
    #expect(one.status == 0 && Self.sessions(dir) == ["002-hiddenSize_6-seed_1.session"], "\(one)")
  }
}
