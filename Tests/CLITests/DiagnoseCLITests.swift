import Foundation
import JSON
import Testing

/// `odernn diagnose --session` (papers.md §3.11 items 3 and 5, §4.4): its JSON holds T state
/// norms, tH singular values, and a truncation gap whose full loss is the session's own
/// validation loss; tasks read out at every step have no gap and say why; bad uses exit 2.
@Suite("CLI: diagnose", .serialized)
struct DiagnoseCLITests {
  static let vanilla = #"{"cell": {"hiddenSize": 4, "stepSize": 1, "decay": [1]}, "task": {"name": "adding", "length": 8}, "constraint": {"spectralNorm": 0.8}, "batchSize": 8, "steps": 6, "diagnosticsEvery": 3, "checkpointEvery": 3, "precision": "float64"}"#
  static let copy = #"{"cell": {"hiddenSize": 3, "derivativeOrder": 2}, "task": {"name": "copy", "symbols": 3, "length": 2, "delay": 3}, "batchSize": 4, "steps": 3, "checkpointEvery": 3, "precision": "float64"}"#

  @Test func theJSONHasEveryPictureAndTheGapMeetsTheBound() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("c.json", Self.vanilla)
    #expect(try CLI.run(["train", "--config", "c.json", "--out", "run.session"], in: dir.url).status == 0)
    let r = try CLI.run(["diagnose", "--session", "run.session", "--json"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let o = try json(r.stdout)
    #expect(o["step"]?.doubleValue == 6 && o["sequenceLength"]?.doubleValue == 8)
    #expect(o["stateNorms"]?.arrayValue?.count == 8)
    let sv = try #require(o["jacobian"]?["singularValues"]?.arrayValue).compactMap { $0.doubleValue }
    #expect(sv.count == 4 && sv == sv.sorted(by: >) && sv.allSatisfy { $0 >= 0 })
    let gap = try #require(o["truncation"])
    let lambda = try #require(gap["lambda"]?.doubleValue)
    #expect(lambda <= 0.8 + 1e-12)
    let windows = try #require(gap["windows"]?.arrayValue)
    #expect(windows.compactMap { $0["k"]?.doubleValue } == [1, 2, 4, 8])
    for w in windows {
      let (g, b) = (try #require(w["gap"]?.doubleValue), try #require(w["bound"]?.doubleValue))
      #expect(g <= b, "\(w)")
    }
    #expect(windows.last?["gap"]?.doubleValue == 0, "the window of all T inputs is the full model")
    // The full loss is the run's validation loss at that checkpoint, bit for bit.
    let e = try json(try CLI.run(["eval", "--session", "run.session", "--json"], in: dir.url).stdout)
    #expect(gap["fullLoss"]?.doubleValue?.bitPattern == e["loss"]?.doubleValue?.bitPattern)
    // At step 3 the numbers are those of that checkpoint.
    let early = try json(try CLI.run(["diagnose", "--session", "run.session", "--step", "3", "--json"], in: dir.url).stdout)
    #expect(early["step"]?.doubleValue == 3 && early["stateNorms"] != o["stateNorms"])
  }

  @Test func aTaskReadOutAtEveryStepHasNoGapAndSaysWhy() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("c.json", Self.copy)
    #expect(try CLI.run(["train", "--config", "c.json", "--out", "run.session"], in: dir.url).status == 0)
    let o = try json(try CLI.run(["diagnose", "--session", "run.session", "--json"], in: dir.url).stdout)
    #expect(o["truncation"] == .null)
    #expect(o["truncationNote"]?.stringValue?.contains("sequence-to-one") == true)
    #expect(o["jacobian"]?["singularValues"]?.arrayValue?.count == 6, "t·H = 2·3")
    let text = try CLI.run(["diagnose", "--session", "run.session"], in: dir.url)
    #expect(text.status == 0 && text.stdout.contains("‖h_t‖") && text.stdout.contains("truncation gap: none"))
  }

  @Test(arguments: [
    (["--session", "missing.session"], "missing.session"),
    (["--session", "run.session", "--step", "5"], "no checkpoint at step 5"),
    (["--session", "run.session", "--step", "-1"], "--step must be"),
  ])
  func badUsesExitTwoWithOneLine(arguments: [String], message: String) throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("c.json", Self.copy)
    #expect(try CLI.run(["train", "--config", "c.json", "--out", "run.session"], in: dir.url).status == 0)
    let r = try CLI.run(["diagnose"] + arguments, in: dir.url)
    #expect(r.status == 2 && r.stderr.contains(message), "\(r)")
    #expect(r.stdout.isEmpty)
  }
}
