import Foundation
import TerminalGrid

/// Plain-ASCII output for terminals that cannot show the diagrams' box drawing: chosen by
/// `--ascii`, or by a locale that is not UTF-8 (`LC_ALL`, else `LC_CTYPE`, else `LANG`, the
/// first one set; none set is the C locale).
enum ASCIIText {
  /// Whether to print ASCII only.
  static func wanted(flag: Bool, environment: [String: String]) -> Bool {
    if flag { return true }
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? "C"
    let normalized = locale.lowercased().filter { $0 != "-" && $0 != "_" }
    return !normalized.contains("utf8")
  }

  /// Whether this process prints ASCII only because of its locale (the CLI's messages and
  /// help; `--ascii` applies to the commands that have it).
  static let byLocale = wanted(flag: false, environment: ProcessInfo.processInfo.environment)

  /// `text` in ASCII (`ASCIISpelling`: `§` as `section `, `≤` as `<=`, box drawing as `|-+`).
  static func transliterate(_ text: String) -> String { ASCIISpelling.spell(text) }
}
