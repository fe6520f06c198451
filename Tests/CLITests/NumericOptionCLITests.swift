import Foundation
import Testing

/// Numbers on the command line: a negative one is a value, never "Missing value", and one
/// out of range says the range (exit 2, one line); a resumed run refuses a seed it would not use.
@Suite("CLI: numeric options")
struct NumericOptionCLITests {
  static let tiny = #"{"cell": {"hiddenSize": 4}, "task": {"name": "adding", "length": 8}, "batchSize": 4, "steps": 20, "precision": "float64"}"#

  @Test(arguments: [
    (["train", "--resume", "run.session", "--from-step", "-1"], "odernn: --from-step must be a checkpoint step >= 0, got -1"),
    (["replay", "run.session", "--verify", "--tolerance", "-1"], "odernn: --tolerance must be a finite number >= 0, got -1.0"),
    (["export", "run.session", "--safetensors", "w.safetensors", "--step", "-3"], "odernn: --step must be a checkpoint step >= 0, got -3"),
    (["bench", "--threads", "-1"], #"odernn: --threads -1: "threads": expected an integer in 1...64, got -1"#),
    (["bench", "--repetitions", "-5"], "odernn: --repetitions must be at least 1, got -5"),
    (["train", "--config", "tiny.json", "--steps", "-1"], #"odernn: tiny.json: "steps": expected an integer in 1...100000000, got -1 (from --steps -1)"#),
    (["train", "--config", "tiny.json", "--seed", "-1"], #"odernn: tiny.json: "seed": expected an integer in 0...9007199254740992, got -1 (from --seed -1)"#),
    (["train", "--resume", "run.session", "--seed", "9"], "odernn: --seed cannot change a resumed run (its generator continues from the checkpoint)"),
  ])
  func outOfRangeNumbersNameTheRange(_ args: [String], _ line: String) throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    #expect(try CLI.run(["train", "--config", "tiny.json", "--out", "run.session"], in: dir.url).status == 0)
    let before = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
    let r = try CLI.run(args, in: dir.url)
    #expect(r.status == 2, "\(args): \(r)")
    #expect(r.stderrLines == [line], "\(args): \(r)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == before, "no file written")
  }
}
