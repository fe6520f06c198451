import ArgumentParser
import Training

/// The options of `eval`'s session mode (DESIGN §1.10), kept apart from the batch mode's:
/// `--session` excludes `--config`/`--weights`/`--data`/`--loss`/`--grads-out`, and without it
/// those three are required.
struct EvalSessionOptions: ParsableArguments {
  @Option(help: "Evaluate a session's checkpoint on its validation or test set (instead of --config/--weights/--data).")
  var session: String?

  @Option(parsing: .unconditional, help: "With --session: the checkpoint's step (default: the last checkpoint).")
  var step: Int?

  @Option(help: "With --session: validation (the run's own validation set) or test (the config's test files).")
  var split: String?

  /// Checks which mode the options ask for; usage errors are exit 2.
  func validate(config: String?, weights: String?, data: String?, loss: String?, gradsOut: String?) throws {
    guard session != nil else {
      if step != nil || split != nil { throw ValidationError("--step and --split need --session") }
      let missing = [("--config", config), ("--weights", weights), ("--data", data)].filter { $0.1 == nil }.map(\.0)
      if !missing.isEmpty { throw ValidationError("missing \(missing.joined(separator: ", ")) (or give --session FILE)") }
      return
    }
    let extra = [("--config", config), ("--weights", weights), ("--data", data), ("--loss", loss), ("--grads-out", gradsOut)]
      .filter { $0.1 != nil }.map(\.0)
    if !extra.isEmpty { throw ValidationError("--session cannot be combined with \(extra.joined(separator: ", "))") }
    if let split, EvaluationSplit(rawValue: split) == nil { throw ValidationError("--split must be validation or test, got \"\(split)\"") }
    if let step, step < 0 { throw ValidationError("--step must be a checkpoint step >= 0, got \(step)") }
  }

  /// The session mode, when `--session` was given.
  func mode(json: Bool) -> EvalSessionMode? {
    session.map {
      EvalSessionMode(path: $0, step: step, split: split.flatMap(EvaluationSplit.init(rawValue:)) ?? .validation, json: json)
    }
  }
}
