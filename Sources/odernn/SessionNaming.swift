import Foundation
import Training

/// Default session paths: `./sessions/DATE-TABLEAU-TASK.session`, `[A-Za-z0-9._-]` only.
enum SessionNaming {
  /// `2026-11-22T04:35:12Z`.
  static func isoNow() -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: Date())
  }

  /// A new file name in `folder` that does not exist yet.
  static func defaultPath(for config: TrainingConfig, folder: String = "sessions") -> String {
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

  /// Replaces every character outside `[A-Za-z0-9._-]` with `-`.
  static func sanitized(_ s: String) -> String {
    String(s.unicodeScalars.map { c in
      (c.isASCII && (CharacterSet.alphanumerics.contains(c) || c == "." || c == "_" || c == "-")) ? Character(c) : "-"
    })
  }
}
