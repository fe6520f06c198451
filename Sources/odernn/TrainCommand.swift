import ArgumentParser
import Foundation
import JSON
import Linalg
import Sessions
import Training

/// `odernn train`: headless training into a session file.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train headless into a session file.",
    discussion: """
      With --config, starts a run; --set KEY=VALUE (repeatable) overrides a key of the config \
      before it is validated (the VALUE is JSON, or a string: --set cell.tableau=rk4), and \
      --steps/--seed are --set steps=N/--set seed=S. With --resume, continues a run from a \
      checkpoint into a new session whose header names its parent; --steps is then the number \
      of further steps (default: what the parent had left, else its length); --seed and --set \
      cannot change a resumed run.
      """)

  @Option(help: "The training config (DESIGN §1.4).")
  var config: String?

  @Option(
    name: .customLong("set"), parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Override a config key: KEY=VALUE, VALUE as JSON or else a string (repeatable).", valueName: "key=value"))
  var overrides: [String] = []

  @Option(help: "A session to continue from its last checkpoint (or --from-step's).")
  var resume: String?

  @Option(parsing: .unconditional, help: "With --resume: the checkpoint step to continue from.")
  var fromStep: Int?

  @Option(parsing: .unconditional, help: "The number of steps (--set steps=N; with --resume, further steps).")
  var steps: String?

  @Option(parsing: .unconditional, help: "The seed (--set seed=S).")
  var seed: String?

  @Option(help: "The session file to write (default: a new file in ./sessions).")
  var out: String?

  @Flag(help: "Print one JSON object per step on stdout and a final {\"summary\": ...}.")
  var json = false

  func validate() throws {
    if (config == nil) == (resume == nil) { throw ValidationError("give exactly one of --config and --resume") }
    if fromStep != nil && resume == nil { throw ValidationError("--from-step needs --resume") }
    if let fromStep, fromStep < 0 { throw ValidationError("--from-step must be a checkpoint step >= 0, got \(fromStep)") }
    if seed != nil && resume != nil {
      // The resumed generator continues from the checkpoint, and the validation set was drawn
      // from the parent's seed: a new seed would be recorded without having happened.
      throw ValidationError("--seed cannot change a resumed run (its generator continues from the checkpoint)")
    }
    if !overrides.isEmpty && resume != nil {
      throw ValidationError("--set needs --config (a resumed run keeps its parent's config; --steps still applies)")
    }
  }

  func run() throws {
    let start = try prepare()
    try CommandSupport.setUpBLAS(threads: start.config.threads)
    let run: any TrainingRun
    do {
      run = try makeTrainingRun(start.config)
      if let checkpoint = start.checkpoint { try run.restore(checkpoint) }
    } catch {
      throw CommandSupport.bad("\(config ?? resume ?? ""): \(error.description)")
    }
    if start.checkpoint == nil {
      for w in run.task.warnings { printError("odernn: warning: \(config ?? ""): \(w)") }
    }
    let folder = out.map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? URL(fileURLWithPath: "sessions", isDirectory: true)
    // The parent as a path relative to the new session's folder (where `replay --verify`
    // looks for it): its bare name when both are in the same folder.
    let parent = start.checkpoint.map { c in (file: Self.relativePath(resume ?? "", from: folder), step: c.step) }
    let header = SessionHeader(
      created: SessionFiles.isoNow(), odernn: Odernn.version, blasCore: BLAS.coreName,
      blasThreads: BLAS.threads, parent: parent, config: start.config.json)
    let writer: SessionWriter
    do {
      if let out {
        writer = try SessionWriter(path: out, header: header)
      } else {
        writer = try SessionFiles.createWriter(for: start.config, folder: "sessions", header: header)
      }
    } catch {
      throw CommandSupport.bad(error.description)
    }
    let loop = HeadlessLoop(run: run, writer: writer, json: json, progress: !json && CommandSupport.isTerminal(2))
    let summary = try loop.execute()
    writer.close()
    printError(summary.line(path: writer.path))
    if json { CommandSupport.printJSON(.object(["summary": summary.json(path: writer.path)])) }
  }

  /// `target` relative to `folder`: `P.session`, `sessions/P.session`, `../runs/P.session`.
  static func relativePath(_ target: String, from folder: URL) -> String {
    let t = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
    let f = folder.standardizedFileURL.pathComponents
    var common = 0
    while common < min(t.count - 1, f.count) && t[common] == f[common] { common += 1 }
    return (Array(repeating: "..", count: f.count - common) + t[common...]).joined(separator: "/")
  }

  /// The config to run and where it starts.
  struct Start {
    var config: TrainingConfig
    /// The checkpoint of `--resume` (whose file is the new session's parent).
    var checkpoint: Checkpoint?
  }

  /// `--steps` and `--seed` as overrides, after the `--set`s.
  var optionOverrides: [ConfigOverride] {
    [steps.map { ConfigOverride(key: "steps", text: $0, origin: "--steps \($0)") },
     seed.map { ConfigOverride(key: "seed", text: $0, origin: "--seed \($0)") }].compactMap { $0 }
  }

  func prepare() throws -> Start {
    if let config {
      let overrides = try CommandSupport.overrides(self.overrides) + optionOverrides
      return Start(config: try CommandSupport.loadConfig(config, overrides: overrides))
    }
    let file = resume ?? ""
    let session = try CommandSupport.readSession(file)
    var c = try CommandSupport.trainingConfig(of: session, file)
    let checkpoint = try CommandSupport.checkpoint(of: session, step: fromStep, file)
    let left = (c.steps ?? 0) - checkpoint.step
    var further = left > 0 ? left : (c.steps ?? 1000)
    do {
      // Through the schema's rows, so the values get a config's checks and messages; --steps
      // counts further steps here.
      for o in optionOverrides { try c.set(o.key, to: o.value, .file) }
      if steps != nil, let n = c.steps { further = n }
      c.steps = checkpoint.step + further
      try c.validate()
    } catch {
      throw CommandSupport.bad("\(file): \(ConfigOverride.explain(error, optionOverrides))")
    }
    return Start(config: c, checkpoint: checkpoint)
  }
}
