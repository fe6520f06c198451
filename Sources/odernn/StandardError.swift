import Foundation

/// Writes one line to standard error (everything besides a command's requested output), with
/// `write(2)`: an error here (a closed or full stderr) has nowhere to be reported and is
/// ignored, never a crash.
func printError(_ line: String) {
  writeError(line.hasSuffix("\n") ? line : line + "\n")
}

/// Writes `text` to standard error as it is (the progress line's `\r`), errors ignored.
/// Outside a UTF-8 locale the text is spelled in ASCII first.
func writeError(_ text: String) {
  var bytes = Array((ASCIIText.byLocale ? ASCIIText.transliterate(text) : text).utf8)[...]
  while !bytes.isEmpty {
    let n = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    if n < 0 && errno == EINTR { continue }
    guard n > 0 else { return }
    bytes = bytes.dropFirst(n)
  }
}
