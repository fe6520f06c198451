import Foundation
import JSON
import Linalg
import Sessions
import Training

/// Small shared pieces of the subcommands: loading inputs with errors that name the file,
/// printing JSON, the BLAS set-up.
enum CommandSupport {
  /// Reads a config file, applies `overrides` (`--set`) to its document and parses it under
  /// `rules`; errors name the file, the key and, when an override caused them, the override
  /// (exit 2).
  static func loadConfig(_ path: String, overrides: [ConfigOverride] = [], _ rules: ConfigRules = .file) throws -> TrainingConfig {
    var json = try readJSON(path)
    do {
      for o in overrides { try o.apply(to: &json) }
      return try TrainingConfig.parse(json, rules)
    } catch {
      throw bad("\(path): \(ConfigOverride.explain(error, overrides))")
    }
  }

  /// `--set KEY=VALUE` arguments as overrides (exit 2 for one without `=`).
  static func overrides(_ arguments: [String]) throws -> [ConfigOverride] {
    do {
      return try arguments.map { (a: String) throws(ConfigError) in try ConfigOverride(parsing: a) }
    } catch {
      throw bad(error.description)
    }
  }

  /// Reads a session; a bad file is exit 2 naming the line, a truncated last line a warning.
  static func readSession(_ path: String) throws -> Session {
    let session: Session
    do { session = try Session.read(path: path) } catch { throw bad(error.description) }
    for w in session.warnings { printError("odernn: warning: \(path): \(w)") }
    return session
  }

  /// The config in a session's header (exit 2 naming the file when it does not parse).
  static func trainingConfig(of session: Session, _ path: String) throws -> TrainingConfig {
    do { return try session.header.trainingConfig() } catch { throw bad("\(path): \(error)") }
  }

  /// The checkpoint at `step`, or the last one; exit 2 listing the available steps.
  static func checkpoint(of session: Session, step: Int?, _ path: String) throws -> Checkpoint {
    let checkpoints = session.checkpoints
    if let c = step.map({ s in checkpoints.first { $0.step == s } }) ?? checkpoints.last { return c }
    let steps = checkpoints.map { String($0.step) }.joined(separator: ", ")
    throw bad(
      step.map { "\(path) has no checkpoint at step \($0) (checkpoints: \(steps.isEmpty ? "none" : steps))" }
        ?? "\(path) has no checkpoint")
  }

  /// A session's config and its checkpoint at `step` (or its last): the session, its header's
  /// config and the checkpoint, each read as above (exit 2 naming the file).
  static func sessionCheckpoint(_ path: String, step: Int? = nil) throws -> (session: Session, config: TrainingConfig, checkpoint: Checkpoint) {
    let session = try readSession(path)
    return (session, try trainingConfig(of: session, path), try checkpoint(of: session, step: step, path))
  }

  /// Parses a JSON file; errors name the file, line and column.
  static func readJSON(_ path: String) throws -> JSON {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure(description: "\(path): cannot read the file", exitCode: 2)
    }
    do {
      return try JSON.parse(Array(data))
    } catch {
      throw CommandFailure(description: "\(path): \(error.description)", exitCode: 2)
    }
  }

  /// Loads BLAS with the requested threads; a missing library is bad set-up (exit 2).
  static func setUpBLAS(threads: Int) throws {
    do {
      try BLAS.load()
    } catch {
      throw CommandFailure(description: error.description, exitCode: 2)
    }
    BLAS.threads = threads
  }

  /// Prints a JSON value on one line of stdout (spaced, for people and programs).
  static func printJSON(_ value: JSON) {
    StandardOutput.line(value.serialized(.spaced))
  }

  /// Whether file descriptor `fd` is a terminal.
  static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

  /// A bad-input failure (exit 2).
  static func bad(_ message: String) -> CommandFailure { CommandFailure(description: message, exitCode: 2) }

  /// `1m05s`, `42s`, `3h02m`.
  static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "?" }
    let s = Int(seconds.rounded())
    if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
    if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
    return "\(s)s"
  }
}
