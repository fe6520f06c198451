import Glibc
import Synchronization
import TerminalGrid

/// ctrl-z (SIGTSTP) with mouse reporting: the terminal stops reporting the mouse while odernn
/// is suspended (the shell gets plain clicks and its own wheel back) and reports it again once
/// odernn runs on.
///
/// ncurses handles SIGTSTP itself (it leaves curses mode, stops the process and, after
/// SIGCONT, redraws), but it does not know about the SGR mouse mode odernn turns on with raw
/// bytes (``MouseEvent/enableSequence``). So ``install()``, called once curses has started,
/// puts a handler in front of whatever handled SIGTSTP before (ncurses' own, or the default
/// stop): it writes ``MouseEvent/disableSequence``, hands the signal on, and — when that
/// returns, i.e. after the process was continued — writes ``MouseEvent/enableSequence``.
///
/// Invariant: the mouse is toggled only while ``TerminalRestoration/armed`` (curses owns the
/// terminal), so a suspend after ``NCursesTerminal/restore()`` never turns it back on. The
/// handler touches only atomics and calls only async-signal-safe functions (`write`,
/// `sigaction`, `raise`, `sigprocmask`) besides the previous handler itself.
enum SuspendHandling {
  /// Address of the `sigaction` that handled SIGTSTP before (0: not installed).
  static let previous = Atomic<Int>(0)
  /// Addresses and lengths of the mouse-off and mouse-on bytes.
  static let offBytes = Atomic<Int>(0)
  static let offLength = Atomic<Int>(0)
  static let onBytes = Atomic<Int>(0)
  static let onLength = Atomic<Int>(0)

  /// Installs the SIGTSTP handler in front of the current one (once per process; not when
  /// SIGTSTP is ignored, as under a shell without job control, where ctrl-z does nothing).
  static func install() {
    guard previous.load(ordering: .acquiring) == 0, !TerminalRestoration.isIgnored(SIGTSTP) else { return }
    offLength.store(store(MouseEvent.disableSequence, in: offBytes), ordering: .releasing)
    onLength.store(store(MouseEvent.enableSequence, in: onBytes), ordering: .releasing)
    let old = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
    old.initialize(to: sigaction())
    _ = sigaction(SIGTSTP, nil, old)
    previous.store(Int(bitPattern: old), ordering: .releasing)
    var action = sigaction()
    action.__sigaction_handler = .init(sa_handler: suspendHandler)
    action.sa_flags = Int32(SA_RESTART)
    sigemptyset(&action.sa_mask)
    _ = sigaction(SIGTSTP, &action, nil)
  }

  /// Copies `text`'s bytes into a buffer that lives as long as the process; its address goes
  /// into `slot`. Returns the length.
  private static func store(_ text: String, in slot: borrowing Atomic<Int>) -> Int {
    let bytes = Array(text.utf8)
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 1)
    buffer.copyMemory(from: bytes, byteCount: bytes.count)
    slot.store(Int(bitPattern: buffer), ordering: .releasing)
    return bytes.count
  }

  /// Writes the bytes at `slot` to the terminal, if curses owns it.
  static func send(_ slot: borrowing Atomic<Int>, _ length: borrowing Atomic<Int>) {
    guard TerminalRestoration.armed.load(ordering: .acquiring),
      let bytes = UnsafeMutableRawPointer(bitPattern: slot.load(ordering: .acquiring))
    else { return }
    _ = write(TerminalRestoration.fileDescriptor.load(ordering: .relaxed), bytes, length.load(ordering: .relaxed))
  }

  /// Hands SIGTSTP to the handler that was there before: calls it, or — the default action —
  /// stops the process with the default action in place and puts this handler back after.
  static func handOn(_ signal: Int32) {
    guard let old = UnsafeMutablePointer<sigaction>(bitPattern: previous.load(ordering: .acquiring)) else { return }
    let bits = withUnsafeBytes(of: old.pointee.__sigaction_handler) { $0.load(as: Int.self) }
    switch bits {
    case 0:
      // SIG_DFL: stop here with the default action, then take SIGTSTP back.
      var current = sigaction()
      var stop = sigaction()
      sigemptyset(&stop.sa_mask)
      _ = sigaction(SIGTSTP, &stop, &current)
      var unblock = sigset_t()
      sigemptyset(&unblock)
      sigaddset(&unblock, SIGTSTP)
      _ = sigprocmask(SIG_UNBLOCK, &unblock, nil)
      _ = raise(SIGTSTP)
      _ = sigaction(SIGTSTP, &current, nil)
    case 1:
      break  // SIG_IGN (install() does not run then)
    default:
      if old.pointee.sa_flags & SA_SIGINFO != 0 {
        old.pointee.__sigaction_handler.sa_sigaction?(signal, nil, nil)
      } else {
        old.pointee.__sigaction_handler.sa_handler?(signal)
      }
    }
  }
}

/// Mouse off, suspend (the previous handler), mouse on.
private func suspendHandler(_ signal: Int32) {
  SuspendHandling.send(SuspendHandling.offBytes, SuspendHandling.offLength)
  SuspendHandling.handOn(signal)
  SuspendHandling.send(SuspendHandling.onBytes, SuspendHandling.onLength)
}
