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

  static let spellings: [Character: String] = ["│": "|", "─": "-", "┼": "+", "–": "-", "—": "-", "…": "..."]

  /// `text` with box drawing and dashes spelled in ASCII (anything else non-ASCII as `?`).
  static func transliterate(_ text: String) -> String {
    var out = ""
    for ch in text {
      if ch.isASCII { out.append(ch) } else { out += spellings[ch] ?? "?" }
    }
    return out
  }
}
