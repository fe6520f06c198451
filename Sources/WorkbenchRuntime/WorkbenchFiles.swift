import FileFormats
import Foundation
import JSON
import Sessions
import Training

/// The file work behind the workbench's effects: writing the draft as a config file,
/// exporting, deleting and reading sessions of the Sessions folder, completing typed paths.
/// Each returns the one-line notice that reports it (a failure says what and why; nothing
/// partial is written: files are written atomically and never replaced).
enum WorkbenchFiles {
  /// Writes `config`'s effective config (DESIGN §1.4, what `odernn train --config` reads) to
  /// `path` (one line, spaced JSON), refusing an existing file.
  static func writeConfig(_ config: TrainingConfig, to path: String) -> String {
    let text = config.json.serialized(.spaced) + "\n"
    do {
      try FileIO.writeAtomically(Array(text.utf8), to: URL(fileURLWithPath: path), replacing: false)
      return "config written to \(path), \(config.steps.map { "\($0) steps" } ?? "steps null"): odernn train --config \(path)"
    } catch {
      return "not written: \(error)"
    }
  }

  /// Writes the session's metrics as CSV (`MetricsCSV`) to `csv`, refusing an existing file.
  static func exportCSV(folder: String, file: String, to csv: String) -> String {
    do {
      let session = try Session.read(path: "\(folder)/\(file)")
      try FileIO.writeAtomically(Array(MetricsCSV.text(session.metrics).utf8), to: URL(fileURLWithPath: csv), replacing: false)
      return "\(session.metrics.count) steps of \(file) exported to \(csv)"
    } catch {
      return "not exported: \(error)"
    }
  }

  /// Deletes the session file.
  static func delete(folder: String, file: String) -> String {
    do {
      try FileManager.default.removeItem(atPath: "\(folder)/\(file)")
      return "deleted \(file)"
    } catch {
      return "cannot delete \(file): \(error.localizedDescription)"
    }
  }

  /// The session's effective config, from its header.
  static func config(folder: String, file: String) -> Result<TrainingConfig, SessionError> {
    Result { () throws(SessionError) -> TrainingConfig in
      try Session.read(path: "\(folder)/\(file)").header.trainingConfig()
    }
  }

  /// Where a resumed run of the session starts: its config with the steps it has left (as
  /// `odernn train --resume`: the parent's remaining steps, or until stopped when it had none
  /// left or none set) and its checkpoint at `step` (nil: the last).
  static func resumePoint(folder: String, file: String, step: Int? = nil) -> Result<(config: TrainingConfig, checkpoint: Checkpoint), SessionError> {
    Result { () throws(SessionError) -> (config: TrainingConfig, checkpoint: Checkpoint) in
      let session = try Session.read(path: "\(folder)/\(file)")
      var config = try session.header.trainingConfig()
      guard let checkpoint = step.map({ s in session.checkpoints.last { $0.step == s } }) ?? session.checkpoints.last else {
        throw SessionError(file: file, line: 0, "no checkpoint to resume from")
      }
      let left = (config.steps ?? 0) - checkpoint.step
      config.steps = left > 0 ? config.steps : nil
      return (config, checkpoint)
    }
  }

  /// `RunDiagnosis` of the session's last checkpoint, or why there is none (one line).
  static func diagnosis(folder: String, file: String) -> Result<RunDiagnosis, DiagnosticError> {
    do {
      let session = try Session.read(path: "\(folder)/\(file)")
      let config = try session.header.trainingConfig()
      guard let checkpoint = session.checkpoints.last else { return .failure(DiagnosticError("\(file) has no checkpoint yet")) }
      return .success(try diagnose(checkpoint, of: config))
    } catch let e as DiagnosticError {
      return .failure(e)
    } catch {
      return .failure(DiagnosticError("\(error)"))
    }
  }

  /// The paths that extend `text`: the entries of its directory (`.` when it has none) whose
  /// names start with its last component, sorted, directories with a trailing `/`; hidden
  /// entries only when that component starts with `.`.
  static func completions(of text: String) -> [String] {
    let slash = text.lastIndex(of: "/")
    let directory = slash.map { String(text[...$0]) } ?? ""
    let stem = slash.map { String(text[text.index(after: $0)...]) } ?? text
    let expanded = directory.hasPrefix("~") ? NSString(string: directory).expandingTildeInPath + "/" : directory
    let names = (try? FileManager.default.contentsOfDirectory(atPath: expanded.isEmpty ? "." : expanded)) ?? []
    return names.filter { $0.hasPrefix(stem) && (stem.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { name in
      var isDirectory: ObjCBool = false
      FileManager.default.fileExists(atPath: (expanded.isEmpty ? "" : expanded) + name, isDirectory: &isDirectory)
      return directory + name + (isDirectory.boolValue ? "/" : "")
    }
  }
}
