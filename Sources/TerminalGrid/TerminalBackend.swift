/// A screen the app draws on and reads keys from: ncurses in the real program, a
/// ``HeadlessTerminal`` in tests.
///
/// The app renders a whole ``Grid`` per frame, diffs it against the previous one with
/// ``Grid/changes(from:)``, passes the runs to ``draw(_:)`` and then calls ``present()``.
/// A backend is used from one thread only (the main thread), so it is not `Sendable`.
public protocol TerminalBackend: AnyObject {
  /// The screen size in cells; changes after a ``Key/resize`` key.
  var size: Size { get }
  /// How many colours the screen can show; the backend downgrades styles itself, widgets may
  /// use this to pick their look.
  var colorDepth: ColorDepth { get }
  /// Which glyphs the screen can show.
  var renderMode: RenderMode { get }
  /// Waits up to `timeoutMilliseconds` (0: do not wait, negative: wait indefinitely) for a
  /// key; `nil` when none arrived in time.
  func readKey(timeoutMilliseconds: Int) -> Key?
  /// Writes changed cell runs to the backend's screen buffer; nothing is shown before
  /// ``present()``.
  func draw(_ changes: [CellChange])
  /// Shows everything drawn since the last call.
  func present()
  /// Gives the terminal back to the shell. Safe to call more than once; afterwards drawing
  /// and reading do nothing.
  func restore()
}
