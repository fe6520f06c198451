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
    let name = sanitized(integrator)
    // A file name has at most 255 bytes: a tableau's name (typed in, any length) is cut to
    // keep the whole name, suffix and `-N` included, far below that.
    let short = name.count > maxTableauName ? String(name.prefix(maxTableauName - 9)) + "-" + digest(name) : name
    let base = sanitized("\(f.string(from: Date()))-\(short)-\(config.task.name)")
    var path = "\(folder)/\(base).session"
    var n = 2
    while FileManager.default.fileExists(atPath: path) {
      path = "\(folder)/\(base)-\(n).session"
      n += 1
    }
    return path
  }

  /// The longest tableau name kept whole in a default file name.
  static let maxTableauName = 64

  /// Eight hex digits of FNV-1a over `text`: names cut to the same prefix stay apart.
  static func digest(_ text: String) -> String {
    var h: UInt32 = 0x811C_9DC5
    for b in text.utf8 { h = (h ^ UInt32(b)) &* 0x0100_0193 }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 8 - hex.count) + hex
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
