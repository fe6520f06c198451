import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

/// An error a subcommand reports with its own exit code: 1 for a failed check, 2 for bad input.
struct CommandFailure: Error, CustomStringConvertible {
  /// The one-line message printed after `odernn: `.
  let description: String
  /// The process exit code.
  let exitCode: Int32
}

/// The one error-mapping entry point (DESIGN §1.2): 0 success, 1 a check failed, 2 bad input
/// of any kind, including swift-argument-parser's usage errors (its 64 becomes 2).
@main
enum Main {
  static func main() {
    // A closed pipe is an error value of write(2), handled by StandardOutput, not a signal
    // that kills the process before its session is finished.
    signal(SIGPIPE, SIG_IGN)
    do {
      var command = try Odernn.parseAsRoot()
      try command.run()
      try StandardOutput.finish()
    } catch let failure as CommandFailure {
      printError("odernn: \(failure.description)")
      exit(failure.exitCode)
    } catch {
      let code = Odernn.exitCode(for: error)
      if code == .success {
        // --help, --version: on stdout, spelled in ASCII outside a UTF-8 locale.
        let text = Odernn.fullMessage(for: error)
        StandardOutput.line(ASCIIText.byLocale ? ASCIIText.transliterate(text) : text)
        exit(0)
      }
      // One line (DESIGN §1.2): the message without the usage block that follows it.
      let message = Odernn.message(for: error)
      let line = message.split(separator: "\n").first.map(String.init) ?? message
      printError("odernn: \(line)")
      exit(2)
    }
  }
}
