import FileFormats
import Foundation
import JSON
import Linalg
import Sessions
import Testing
import Training

/// The step-0 checkpoint (DESIGN §1.10) and `odernn eval --session` (§1.10): the validation
/// split gives exactly the session's recorded `valLoss`, the test split what the exported
/// weights give on the test files through `eval --weights --data`, and bad uses exit 2 with
/// one line.
@Suite("CLI: step-0 checkpoints and eval --session", .serialized)
struct SessionEvalCLITests {
  /// 60 random 3×3 images with random labels (train) and 20 more (test), in `dir`.
  static func writeIDX(_ dir: WorkDir) throws {
    var rng = Xoshiro256(seed: 11)
    for (name, count) in [("train", 60), ("test", 20)] {
      let pixels = (0..<(count * 9)).map { _ in UInt8(rng.int(below: 256)) }
      try IDXImages(count: count, rows: 3, cols: 3, pixels: pixels).write(to: dir.url.appendingPathComponent("\(name)-images.idx"))
      try IDXLabels(labels: (0..<count).map { _ in UInt8(rng.int(below: 10)) }).write(to: dir.url.appendingPathComponent("\(name)-labels.idx"))
    }
  }

  static let idxConfig = #"{"cell": {"hiddenSize": 6, "stepSize": 0.5}, "task": {"name": "idx", "images": "train-images.idx", "labels": "train-labels.idx", "validation": 0.25, "testImages": "test-images.idx", "testLabels": "test-labels.idx"}, "batchSize": 8, "steps": 8, "diagnosticsEvery": 4, "checkpointEvery": 4, "precision": "float64"}"#

  static func metricBits(_ s: Session) -> [[UInt64?]] {
    s.metrics.map { [$0.loss.bitPattern, $0.gradNorm.bitPattern, $0.valLoss?.bitPattern, $0.accuracy?.bitPattern] }
  }

  @Test func everyRunCheckpointsStepZeroWhichVerifiesAndResumes() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("c.json", #"{"cell": {"hiddenSize": 4}, "task": {"name": "adding", "length": 6}, "batchSize": 4, "steps": 6, "diagnosticsEvery": 3, "checkpointEvery": 3, "precision": "float64"}"#)
    #expect(try CLI.run(["train", "--config", "c.json", "--out", "run.session"], in: dir.url).status == 0)
    let run = try Session.read(path: dir.path("run.session"))
    #expect(run.checkpoints.map(\.step) == [0, 3, 6])
    #expect(try CLI.run(["replay", "run.session", "--verify"], in: dir.url).status == 0)
    // Resumed from the initial weights, the run repeats itself bit for bit.
    let resumed = try CLI.run(["train", "--resume", "run.session", "--from-step", "0", "--out", "again.session"], in: dir.url)
    #expect(resumed.status == 0, "\(resumed)")
    let again = try Session.read(path: dir.path("again.session"))
    #expect(Self.metricBits(again) == Self.metricBits(run))
    #expect(try CLI.run(["replay", "again.session", "--verify"], in: dir.url).status == 0)
  }

  @Test func theValidationSplitGivesTheRecordedValLoss() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try Self.writeIDX(dir)
    try dir.write("c.json", Self.idxConfig)
    #expect(try CLI.run(["train", "--config", "c.json", "--out", "run.session"], in: dir.url).status == 0)
    let session = try Session.read(path: dir.path("run.session"))
    for step in [4, 8] {
      let recorded = try #require(session.metrics.first { $0.step == step })
      let r = try CLI.run(["eval", "--session", "run.session", "--step", "\(step)", "--split", "validation", "--json"], in: dir.url)
      #expect(r.status == 0, "\(r)")
      let o = try json(r.stdout)
      #expect(o["split"] == "validation" && o["step"]?.doubleValue == Double(step) && o["examples"]?.doubleValue == 15)
      #expect(o["loss"]?.doubleValue?.bitPattern == recorded.valLoss?.bitPattern, "\(r.stdout) vs \(recorded)")
      #expect(o["accuracy"]?.doubleValue?.bitPattern == recorded.accuracy?.bitPattern)
      let confusion = try #require(o["confusion"]?.arrayValue).map { try #require($0.arrayValue).compactMap(\.doubleValue) }
      #expect(confusion.count == 10 && confusion.allSatisfy { $0.count == 10 })
      #expect(confusion.joined().reduce(0, +) == 15)
      let diagonal = (0..<10).map { confusion[$0][$0] }.reduce(0, +)
      #expect(diagonal / 15 == recorded.accuracy)
    }
    // Without --step: the last checkpoint; without --split: validation.
    let last = try json(try CLI.run(["eval", "--session", "run.session", "--json"], in: dir.url).stdout)
    #expect(last["step"]?.doubleValue == 8 && last["split"] == "validation")
  }

  @Test func theTestSplitEqualsTheExportedWeightsOnTheTestFiles() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try Self.writeIDX(dir)
    try dir.write("c.json", Self.idxConfig)
    #expect(try CLI.run(["train", "--config", "c.json", "--out", "run.session"], in: dir.url).status == 0)
    let r = try CLI.run(["eval", "--session", "run.session", "--split", "test", "--json"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let session = try json(r.stdout)
    #expect(session["split"] == "test" && session["examples"]?.doubleValue == 20)
    // The same numbers from the exported weights and the test files as a safetensors batch.
    #expect(try CLI.run(["export", "run.session", "--safetensors", "w.safetensors"], in: dir.url).status == 0)
    try Self.writeBatch(dir, images: "test-images.idx", labels: "test-labels.idx", to: "test.safetensors")
    let w = try CLI.run(["eval", "--config", "c.json", "--weights", "w.safetensors", "--data", "test.safetensors", "--json"], in: dir.url)
    #expect(w.status == 0, "\(w)")
    let weights = try json(w.stdout)
    let (a, b) = (try #require(session["loss"]?.doubleValue), try #require(weights["loss"]?.doubleValue))
    #expect(abs(a - b) <= 1e-12 * max(abs(a), abs(b)), "eval --session \(a), eval --weights \(b)")
    #expect(session["accuracy"] == weights["accuracy"] && weights["accuracy"] != nil)
  }

  /// An IDX pair as `eval --data`'s batch: x [B, T, 1] (pixels / 255), y [B] (the labels).
  static func writeBatch(_ dir: WorkDir, images: String, labels: String, to name: String) throws {
    let im = try IDXImages.read(contentsOf: dir.url.appendingPathComponent(images))
    let lab = try IDXLabels.read(contentsOf: dir.url.appendingPathComponent(labels))
    var st = SafeTensors()
    st.tensors["x"] = try Tensor(im.pixels.map { Double($0) / 255 }, shape: [im.count, im.pixelsPerImage, 1])
    st.tensors["y"] = try Tensor(lab.labels.map(Double.init), shape: [im.count])
    try st.write(to: dir.url.appendingPathComponent(name))
  }

  @Test(arguments: [
    (["--split", "test"], "has no test set"),
    (["--step", "5"], "no checkpoint at step 5"),
    (["--split", "training"], "--split must be validation or test"),
    (["--weights", "w.safetensors"], "--session cannot be combined with --weights"),
  ])
  func badUsesExitTwoWithOneLine(extra: [String], message: String) throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("c.json", #"{"cell": {"hiddenSize": 3}, "task": {"name": "adding", "length": 4}, "batchSize": 2, "steps": 2, "precision": "float64"}"#)
    #expect(try CLI.run(["train", "--config", "c.json", "--out", "run.session"], in: dir.url).status == 0)
    let r = try CLI.run(["eval", "--session", "run.session"] + extra, in: dir.url)
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains(message) && r.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
  }
}
