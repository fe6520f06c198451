import Foundation

/// Writes one line to standard error (everything besides a command's requested output).
func printError(_ line: String) {
  FileHandle.standardError.write(Data((line.hasSuffix("\n") ? line : line + "\n").utf8))
}
