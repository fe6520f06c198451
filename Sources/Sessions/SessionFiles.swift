import Foundation
import Training

/// Session file names: `./sessions/DATE-TABLEAU-TASK.session`, `[A-Za-z0-9._-]` only.
public enum SessionFiles {
  /// `2026-11-22T04:35:12Z`.
  public static func isoNow() -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: Date())
  }

  /// A new `folder/DATE-TABLEAU-TASK.session` that does not exist yet, `[A-Za-z0-9._-]` only.
  public static func newPath(for config: TrainingConfig, folder: String) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyyMMdd-HHmmss"
    let integrator = config.cell.kind == .ode ? config.cell.tableau.name : config.cell.kind.rawValue
    let base = sanitized("\(f.string(from: Date()))-\(integrator)-\(config.task.name)")
    var path = "\(folder)/\(base).session"
    var n = 2
    while FileManager.default.fileExists(atPath: path) {
      path = "\(folder)/\(base)-\(n).session"
      n += 1
    }
    return path
  }

  /// Every character outside `[A-Za-z0-9._-]` becomes `-`.
  public static func sanitized(_ s: String) -> String {
    String(
      s.unicodeScalars.map { c -> Character in
        let ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "." || c == "_" || c == "-"
        return ok ? Character(c) : "-"
      })
  }

  /// A writer on a fresh default-named file in `folder` (`newPath`), taking the next free
  /// `-N` suffix when another process creates the same name first.
  public static func createWriter(for config: TrainingConfig, folder: String, header: SessionHeader) throws(SessionError) -> SessionWriter {
    var attempt = 0
    while true {
      let path = newPath(for: config, folder: folder)
      do {
        return try SessionWriter(path: path, header: header)
      } catch {
        attempt += 1
        guard attempt < 20, FileManager.default.fileExists(atPath: path) else { throw error }
      }
    }
  }
}
