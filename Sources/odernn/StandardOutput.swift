import Foundation
import Synchronization

/// A command's requested output on stdout, written with `write(2)` so that no error passes
/// unseen (DESIGN §1.2: what is asked for goes to stdout, everything else to stderr).
///
/// - A reader that went away (`EPIPE`; SIGPIPE is ignored, see `Main`) is the end of the
///   output, not of the command: later lines are dropped and the command finishes its real
///   work, a session file above all.
/// - Any other error (a full disk, `> /dev/full`) is kept and reported by `finish()`: one
///   line naming it, exit 2.
enum StandardOutput {
  private struct State {
    var closed = false
    var error: Int32?
  }
  private static let state = Mutex(State())

  /// Writes `text` and a newline, unless the output has ended.
  static func line(_ text: String) {
    write(text + "\n")
  }

  /// Writes `text` as it is, unless the output has ended.
  static func write(_ text: String) {
    state.withLock { s in
      guard !s.closed, s.error == nil else { return }
      var bytes = Array(text.utf8)[...]
      while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
        if n > 0 {
          bytes = bytes.dropFirst(n)
        } else if n < 0 && errno == EINTR {
          continue
        } else {
          if n < 0 && errno == EPIPE { s.closed = true } else { s.error = n < 0 ? errno : EIO }
          return
        }
      }
    }
  }

  /// Whether the reader went away.
  static var isClosed: Bool { state.withLock { $0.closed } }

  /// Throws the first write error other than a closed reader (exit 2).
  static func finish() throws(CommandFailure) {
    if let code = state.withLock({ $0.error }) {
      throw CommandFailure(description: "cannot write to standard output: \(String(cString: strerror(code)))", exitCode: 2)
    }
  }
}
