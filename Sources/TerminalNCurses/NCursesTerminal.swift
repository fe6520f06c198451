import CNCurses
import Glibc
import TerminalGrid

/// The terminal backend on ncursesw: the only code in odernn that calls ncurses.
///
/// Create it, use it and drop it on the main thread only (ncurses is not thread-safe). One
/// instance at a time per process. It reads keys with `wget_wch`, draws ``CellChange`` runs with
/// wide-character calls, and restores the terminal on ``restore()``, `deinit`, `exit`,
/// SIGTERM/SIGHUP/SIGQUIT and crashes (see ``InterruptFlag`` for ctrl-c). ncurses itself handles
/// ctrl-z (SIGTSTP: leaves curses mode, stops, redraws on resume; ``SuspendHandling`` turns
/// mouse reporting off and on around it) and SIGWINCH (``Key/resize``);
/// start worker threads inside ``withMainThreadSignalsBlocked(_:)`` so those handlers run on the
/// main thread.
///
/// ```swift
/// InterruptFlag.install()                  // before the terminal: ctrl-c becomes a flag
/// let terminal = try NCursesTerminal(options: .init(forceASCII: ascii))
/// defer { terminal.restore() }
/// var shown = Grid(width: 0, height: 0)
/// while !InterruptFlag.isRaised {
///   let frame = render(terminal.size, terminal.renderMode, terminal.colorDepth)
///   terminal.draw(frame.changes(from: shown))
///   terminal.present()
///   shown = frame
///   if let key = terminal.readKey(timeoutMilliseconds: 33) { handle(key) }
/// }
/// ```
public final class NCursesTerminal: TerminalBackend {
  /// Start-up choices.
  public struct Options: Hashable, Sendable {
    /// Draw ASCII only even in a UTF-8 locale (`--ascii`).
    public var forceASCII: Bool
    /// How long ncurses waits after Esc for the rest of an escape sequence, in milliseconds;
    /// short so that Esc acts at once.
    public var escapeDelayMilliseconds: Int

    /// Creates options.
    public init(forceASCII: Bool = false, escapeDelayMilliseconds: Int = 25) {
      self.forceASCII = forceASCII
      self.escapeDelayMilliseconds = escapeDelayMilliseconds
    }
  }

  /// The colour depth chosen at start-up (`NO_COLOR`, `has_colors`, `COLORS`).
  public let colorDepth: ColorDepth
  /// The glyph set chosen at start-up (`nl_langinfo(CODESET)`, ``Options/forceASCII``).
  public let renderMode: RenderMode
  /// Whether ``restore()`` has run; afterwards nothing touches ncurses.
  public private(set) var isRestored = false

  let window: UnsafeMutablePointer<WINDOW>
  let hasAlternateScreen: Bool
  var resolver: StyleResolver
  var cellBuffer: [cchar_t] = []
  var currentTimeout: Int32?
  private var lastSize: Size

  /// Puts the terminal into curses mode.
  ///
  /// - Throws: ``NCursesTerminalError`` when stdout or stdin is not a terminal, when ncurses
  ///   cannot set up `TERM`, or when another instance is active.
  public init(options: Options = Options()) throws {
    guard isatty(STDOUT_FILENO) == 1 else {
      throw NCursesTerminalError.notATerminal(stream: "stdout")
    }
    guard isatty(STDIN_FILENO) == 1 else {
      throw NCursesTerminalError.notATerminal(stream: "stdin")
    }
    precondition(cn_is_main_thread() != 0, "NCursesTerminal must be created on the main thread")
    guard TerminalRestoration.claim() else { throw NCursesTerminalError.alreadyActive }

    _ = setlocale(LC_ALL, "")
    let codeset = cn_codeset().map { String(cString: $0) }
    renderMode = Capabilities.renderMode(codeset: codeset, forceASCII: options.forceASCII)

    NCursesTerminal.unblockMainThreadSignals()
    TerminalRestoration.prepare(fileDescriptor: STDOUT_FILENO)
    if TerminalRestoration.isDefault(SIGINT) {
      TerminalRestoration.installTerminationHandler(for: SIGINT)
    }
    let started = newterm(nil, cn_stdout(), cn_stdin()) != nil
    // ncurses accepts terminals that cannot move the cursor (TERM=dumb); a full-screen UI can't.
    let usable = started && NCursesTerminal.hasCapability("cup")
    if started && !usable { _ = endwin() }
    guard usable, let screen = cn_stdscr() else {
      TerminalRestoration.release()
      let term = getenv("TERM").map { String(cString: $0) } ?? ""
      throw NCursesTerminalError.cannotInitialize(term: term)
    }
    window = screen
    hasAlternateScreen = NCursesTerminal.hasCapability("rmcup")
    TerminalRestoration.arm(sequence: NCursesTerminal.restoreSequence())
    // In front of ncurses' SIGTSTP handler (installed by newterm): mouse off while suspended.
    SuspendHandling.install()

    _ = cbreak()
    _ = noecho()
    _ = nonl()
    _ = intrflush(screen, false)
    _ = keypad(screen, true)
    _ = leaveok(screen, true)
    _ = curs_set(0)
    _ = set_escdelay(Int32(clamping: max(0, options.escapeDelayMilliseconds)))
    // cbreak keeps IXON, so ctrl-s would freeze the output (XOFF) instead of reaching the app;
    // ctrl-c, ctrl-z and ctrl-\ keep raising their signals.
    NCursesTerminal.disableFlowControl()
    _ = def_prog_mode()
    // Mouse presses and the wheel, reported in SGR form (decoded in `readKey`).
    NCursesTerminal.writeRaw(MouseEvent.enableSequence)

    let noColor = getenv("NO_COLOR").map { String(cString: $0) }
    var colors = 0
    var defaultColors = false
    var pairCapacity = 0
    var colorStarted = false
    if Capabilities.colorAllowed(noColor: noColor), has_colors(), start_color() == OK {
      colorStarted = true
      colors = Int(cn_colors())
      defaultColors = use_default_colors() == OK
      pairCapacity = Int(cn_color_pairs()) - 1
    }
    colorDepth = Capabilities.colorDepth(noColor: noColor, hasColors: colorStarted, colors: colors)
    resolver = StyleResolver(
      depth: colorDepth, colors: colors, defaultColors: defaultColors, pairCapacity: pairCapacity)
    lastSize = Size(width: Int(cn_getmaxx(screen)), height: Int(cn_getmaxy(screen)))
  }

  deinit {
    restore()
  }

  /// The screen size (`getmaxyx` of `stdscr`); the last known size after ``restore()``.
  public var size: Size {
    guard !isRestored else { return lastSize }
    let current = Size(width: Int(cn_getmaxx(window)), height: Int(cn_getmaxy(window)))
    lastSize = current
    return current
  }

  /// Leaves curses mode (`endwin`) and frees the instance slot; idempotent.
  ///
  /// On terminals without an alternate screen (the Linux console) the screen is blanked first,
  /// so the shell does not continue under the last frame. Signal handlers stay installed but
  /// disarmed.
  public func restore() {
    guard !isRestored else { return }
    isRestored = true
    if TerminalRestoration.disarm() {
      NCursesTerminal.writeRaw(MouseEvent.disableSequence)
      if !hasAlternateScreen {
        _ = werase(window)
        _ = wnoutrefresh(window)
        _ = doupdate()
      }
      _ = endwin()
    }
    TerminalRestoration.release()
  }

  /// Writes terminal control bytes straight to stdout (modes ncurses does not manage).
  static func writeRaw(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
  }

  /// Clears `IXON` on the terminal of stdin and stdout so ctrl-s and ctrl-q arrive as keys.
  static func disableFlowControl() {
    for fd in [STDIN_FILENO, STDOUT_FILENO] {
      var modes = termios()
      guard tcgetattr(fd, &modes) == 0 else { continue }
      modes.c_iflag &= ~tcflag_t(IXON)
      _ = tcsetattr(fd, TCSANOW, &modes)
    }
  }

  /// Whether the current terminal has the string capability `name` (terminfo name).
  static func hasCapability(_ name: String) -> Bool {
    guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return false }
    return value.pointee != 0
  }

  /// The terminfo strings that undo curses' screen state (`sgr0`, `rmkx`, `cnorm`, `rmcup`),
  /// without padding, for the signal-safe restore path.
  static func restoreSequence() -> [UInt8] {
    var bytes: [UInt8] = Array(MouseEvent.disableSequence.utf8)
    var leftAlternateScreen = false
    for capability in ["sgr0", "rmkx", "cnorm", "rmcup"] {
      guard let value = tigetstr(capability), Int(bitPattern: value) != -1 else { continue }
      let text = Array(String(cString: value).utf8)
      bytes += stripPadding(text)
      if capability == "rmcup" { leftAlternateScreen = !text.isEmpty }
    }
    if !leftAlternateScreen { bytes += Array("\r\n".utf8) }
    return bytes
  }

  /// A terminfo string without its `$<…>` padding specifications.
  static func stripPadding(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<"),
        let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: ">"))
      {
        i = close + 1
        continue
      }
      result.append(bytes[i])
      i += 1
    }
    return result
  }
}
