import JSON
import Sessions
import Training

/// `odernn eval --session FILE [--step N] [--split validation|test] [--json]` (DESIGN §1.10):
/// a session's checkpoint (the last, or the one at step N) evaluated on the run's own
/// validation set or on the config's held-out test set.
///
/// Invariant: on the validation split, `loss` (and `accuracy`) are bit for bit the
/// session's `valLoss` (and `accuracy`) at that step, because the run's task, split and
/// validation set are rebuilt from the header exactly as training built them.
struct EvalSessionMode {
  /// The session file.
  var path: String
  /// The checkpoint's step; nil is the last checkpoint.
  var step: Int?
  /// The data set.
  var split: EvaluationSplit
  /// JSON on stdout instead of a line of text.
  var json: Bool

  func run() throws {
    let (_, config, checkpoint) = try CommandSupport.sessionCheckpoint(path, step: step)
    try CommandSupport.setUpBLAS(threads: config.threads)
    let result: Evaluation
    do {
      result = try evaluate(checkpoint, of: config, on: split)
    } catch {
      throw CommandSupport.bad("\(path): \(error.description)")
    }
    if json {
      CommandSupport.printJSON(Self.json(result, split: split, step: checkpoint.step))
    } else {
      var line = "\(split.rawValue) at step \(checkpoint.step): loss \(JSON.format(result.loss))  examples \(result.examples)"
      if let a = result.accuracy { line += "  accuracy \(JSON.format(a))" }
      StandardOutput.line(line)
    }
  }

  /// `{"split", "step", "loss", "examples"}`, plus `"accuracy"` and `"confusion"` (rows =
  /// true class) for crossEntropy tasks.
  static func json(_ e: Evaluation, split: EvaluationSplit, step: Int) -> JSON {
    var object: JSON = .object([
      "split": .string(split.rawValue), "step": .number(Double(step)), "loss": .number(e.loss),
      "examples": .number(Double(e.examples)),
    ])
    if let a = e.accuracy { try? object.setMember(.number(a), at: ["accuracy"]) }
    if let c = e.confusion {
      try? object.setMember(.array(c.map { .array($0.map { .number(Double($0)) }) }), at: ["confusion"])
    }
    return object
  }
}
