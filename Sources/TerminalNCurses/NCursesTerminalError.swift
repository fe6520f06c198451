/// Why an ``NCursesTerminal`` could not start; `description` is one line for the user.
public enum NCursesTerminalError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Standard output or input (named `stdout` / `stdin`) is not a terminal.
  case notATerminal(stream: String)
  /// ncurses could not set up the terminal named by `TERM` (empty when unset).
  case cannotInitialize(term: String)
  /// Another ``NCursesTerminal`` is still active in this process.
  case alreadyActive

  /// The message, starting with `odernn:`.
  public var description: String {
    switch self {
    case .notATerminal(let stream):
      return "odernn: \(stream) is not a terminal; use `odernn train` for headless training"
    case .cannotInitialize(let term):
      let name = term.isEmpty ? "TERM is not set" : "TERM=\(term)"
      return
        "odernn: cannot use this terminal (\(name)); use `odernn train` for headless training"
    case .alreadyActive:
      return "odernn: the terminal is already in use by this process"
    }
  }
}
