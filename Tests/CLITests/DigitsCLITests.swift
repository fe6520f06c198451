import FileFormats
import Foundation
import JSON
import Sessions
import Testing

/// The real data shipped in `examples/data/` (scikit-learn's 8×8 digits as IDX files) with
/// the shipped example config: a brief run's `eval --session --split test` equals the
/// exported weights evaluated on the test files by `eval --weights --data`.
@Suite("CLI: the digits example", .serialized)
struct DigitsCLITests {
  /// The repository's root (where the example's relative paths start).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func aBriefRunOnTheDigitsEvaluatesOnTheTestFilesAsItsExportedWeightsDo() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let out = dir.path("digits.session")
    let train = try CLI.run(
      ["train", "--config", "examples/digits-gated-antisymmetric.json", "--steps", "3", "--set", "cell.hiddenSize=8",
       "--set", "precision=float64", "--set", "diagnosticsEvery=3", "--out", out], in: Self.root)
    #expect(train.status == 0, "\(train)")
    // The header's paths are the example's, relative to the root.
    let r = try CLI.run(["eval", "--session", out, "--split", "test", "--json"], in: Self.root)
    #expect(r.status == 0, "\(r)")
    let session = try json(r.stdout)
    #expect(session["examples"]?.doubleValue == 297 && session["step"]?.doubleValue == 3)
    let confusion = try #require(session["confusion"]?.arrayValue)
    #expect(confusion.count == 10)
    // The validation set is the config's 150 examples.
    let v = try json(try CLI.run(["eval", "--session", out, "--json"], in: Self.root).stdout)
    #expect(v["examples"]?.doubleValue == 150)

    // The recomputation: the effective config, the exported weights, the test files as a batch.
    let header = try Session.read(path: out).header
    try dir.write("c.json", header.config.serialized())
    #expect(try CLI.run(["export", out, "--safetensors", "w.safetensors"], in: dir.url).status == 0)
    let data = Self.root.appendingPathComponent("examples/data")
    let images = try IDXImages.read(contentsOf: data.appendingPathComponent("digits-test-images.idx"))
    let labels = try IDXLabels.read(contentsOf: data.appendingPathComponent("digits-test-labels.idx"))
    var st = SafeTensors()
    st.tensors["x"] = try Tensor(images.pixels.map { Double($0) / 255 }, shape: [images.count, 64, 1])
    st.tensors["y"] = try Tensor(labels.labels.map(Double.init), shape: [labels.labels.count])
    try st.write(to: dir.url.appendingPathComponent("test.safetensors"))
    let w = try CLI.run(["eval", "--config", "c.json", "--weights", "w.safetensors", "--data", "test.safetensors", "--json"], in: dir.url)
    #expect(w.status == 0, "\(w)")
    let weights = try json(w.stdout)
    let (a, b) = (try #require(session["loss"]?.doubleValue), try #require(weights["loss"]?.doubleValue))
    #expect(abs(a - b) <= 1e-12 * max(abs(a), abs(b)), "eval --session \(a), eval --weights \(b)")
    #expect(session["accuracy"] == weights["accuracy"])
  }
}
