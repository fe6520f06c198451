import CNCurses
import Glibc
import Synchronization
import TerminalGrid

/// Gives the terminal back to the shell however the process ends: `restore()`, `exit` (an
/// `atexit` handler), SIGTERM/SIGHUP (and SIGINT) when nobody else handles them, SIGQUIT, and
/// crashes (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT: Swift traps arrive as SIGILL or
/// SIGTRAP).
///
/// Termination signals restore and then die of the signal with its default action. SIGQUIT
/// does so even though the Swift runtime's backtracer handles it (that handler prints a
/// backtrace and lets the process run on, which would leave a restored terminal under a
/// running curses program). Crash signals restore and then pass the signal on to the handler
/// that was there before (the backtracer, whose report then lands on the normal screen).
///
/// Signal handlers touch only the lock-free atomics below and call only async-signal-safe
/// functions: they `write` a byte sequence prepared from terminfo (reset attributes, keypad
/// off, cursor on, leave the alternate screen) and `tcsetattr` the modes saved before curses
/// started. `endwin` itself runs only on the main thread (``NCursesTerminal/restore()`` or the
/// `atexit` handler).
enum TerminalRestoration {
  /// Set while an ``NCursesTerminal`` exists.
  static let claimed = Atomic<Bool>(false)
  /// Set while curses owns the terminal; whoever clears it restores.
  static let armed = Atomic<Bool>(false)
  /// The terminal's file descriptor (the output).
  static let fileDescriptor = Atomic<Int32>(-1)
  /// Address of a `termios` with the modes from before curses started (0: none).
  ///
  /// Addresses are kept as `Int` because pointers are not `Sendable`.
  static let savedModes = Atomic<Int>(0)
  /// Address of the bytes that undo curses' screen state (0: none).
  static let sequence = Atomic<Int>(0)
  /// Length of ``sequence``.
  static let sequenceLength = Atomic<Int>(0)
  /// The actions crash handlers hand the signal on to, indexed by signal number.
  static let previousActions = Atomic<Int>(0)
  /// Set once the handlers and the `atexit` hook are in place.
  static let installed = Atomic<Bool>(false)

  /// Signals that end the process by default and are caught only while left at `SIG_DFL`, so
  /// that an app's own handlers win.
  static let terminatingSignals: [Int32] = [SIGTERM, SIGHUP]
  /// Fault signals, chained to whatever handled them before (the Swift runtime's backtracer).
  static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT]
  /// Size of the ``previousActions`` table.
  static let signalSlots = 65

  /// Takes the one-terminal-per-process slot; false if another terminal holds it.
  static func claim() -> Bool {
    claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
      .exchanged
  }

  /// Frees the slot taken by ``claim()``.
  static func release() {
    claimed.store(false, ordering: .releasing)
  }

  /// Saves the terminal modes of `fd` and installs the handlers (once per process).
  ///
  /// Call before `newterm`, so ncurses sees our handlers and does not install its own SIGINT
  /// and SIGTERM ones (which call `endwin` from the signal handler and `exit`).
  static func prepare(fileDescriptor fd: Int32) {
    let modes = UnsafeMutableRawPointer.allocate(
      byteCount: MemoryLayout<termios>.size, alignment: MemoryLayout<termios>.alignment)
    let saved = tcgetattr(fd, modes.bindMemory(to: termios.self, capacity: 1)) == 0
    fileDescriptor.store(fd, ordering: .relaxed)
    let old = savedModes.exchange(
      saved ? Int(bitPattern: modes) : 0, ordering: .acquiringAndReleasing)
    if !saved { modes.deallocate() }
    // Handlers read the old buffer only while armed, and nothing is armed here.
    UnsafeMutableRawPointer(bitPattern: old)?.deallocate()
    guard !installed.exchange(true, ordering: .acquiringAndReleasing) else { return }
    _ = armed.load(ordering: .relaxed)
    _ = sequenceLength.load(ordering: .relaxed)
    _ = sequence.load(ordering: .relaxed)
    installHandlers()
    atexit { TerminalRestoration.restoreAtExit() }
  }

  /// Publishes the restore bytes and arms the handlers; call once curses is running.
  static func arm(sequence bytes: [UInt8]) {
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
    buffer.copyMemory(from: bytes, byteCount: bytes.count)
    sequenceLength.store(bytes.count, ordering: .relaxed)
    let old = sequence.exchange(Int(bitPattern: buffer), ordering: .acquiringAndReleasing)
    UnsafeMutableRawPointer(bitPattern: old)?.deallocate()
    armed.store(true, ordering: .releasing)
  }

  /// Disarms the handlers; true if the caller is now the one who must restore the terminal.
  static func disarm() -> Bool {
    armed.exchange(false, ordering: .acquiringAndReleasing)
  }

  /// Restores with async-signal-safe calls only, if still armed.
  static func restoreFromSignal() {
    guard disarm() else { return }
    let fd = fileDescriptor.load(ordering: .relaxed)
    if let bytes = UnsafeMutableRawPointer(bitPattern: sequence.load(ordering: .acquiring)) {
      _ = write(fd, bytes, sequenceLength.load(ordering: .relaxed))
    }
    if let modes = UnsafeMutableRawPointer(bitPattern: savedModes.load(ordering: .acquiring)) {
      _ = tcsetattr(fd, TCSANOW, modes.assumingMemoryBound(to: termios.self))
    }
  }

  /// The `atexit` hook: `endwin` on the main thread, the signal-safe path elsewhere.
  static func restoreAtExit() {
    guard cn_is_main_thread() != 0 else { return restoreFromSignal() }
    if disarm() {
      // endwin does not know the mouse mode odernn set with raw bytes.
      let off = Array(MouseEvent.disableSequence.utf8)
      _ = off.withUnsafeBufferPointer { write(fileDescriptor.load(ordering: .relaxed), $0.baseAddress, $0.count) }
      _ = endwin()
    }
  }

  /// Installs the termination and crash handlers.
  private static func installHandlers() {
    for signal in terminatingSignals where isDefault(signal) {
      installTerminationHandler(for: signal)
    }
    if !isIgnored(SIGQUIT) {
      installTerminationHandler(for: SIGQUIT)
    }
    let table = UnsafeMutablePointer<sigaction>.allocate(capacity: signalSlots)
    table.initialize(repeating: sigaction(), count: signalSlots)
    for signal in crashSignals where Int(signal) < signalSlots {
      _ = sigaction(signal, nil, table + Int(signal))
    }
    previousActions.store(Int(bitPattern: table), ordering: .releasing)
    for signal in crashSignals where Int(signal) < signalSlots && !isIgnored(table[Int(signal)]) {
      var action = sigaction()
      action.__sigaction_handler = .init(sa_sigaction: crashHandler)
      action.sa_flags = SA_SIGINFO
      sigemptyset(&action.sa_mask)
      _ = sigaction(signal, &action, nil)
    }
  }

  /// Installs the restore-and-re-raise handler for `signal`.
  static func installTerminationHandler(for signal: Int32) {
    var action = sigaction()
    action.__sigaction_handler = .init(sa_handler: terminationHandler)
    action.sa_flags = Int32(bitPattern: SA_RESETHAND)
    sigemptyset(&action.sa_mask)
    _ = sigaction(signal, &action, nil)
  }

  /// Whether `signal` currently has its default action.
  static func isDefault(_ signal: Int32) -> Bool {
    var current = sigaction()
    guard sigaction(signal, nil, &current) == 0 else { return false }
    return handlerBits(current) == 0
  }

  /// Whether `signal` is currently ignored.
  static func isIgnored(_ signal: Int32) -> Bool {
    var current = sigaction()
    guard sigaction(signal, nil, &current) == 0 else { return false }
    return isIgnored(current)
  }

  /// Whether an action ignores its signal.
  private static func isIgnored(_ action: sigaction) -> Bool {
    action.sa_flags & SA_SIGINFO == 0 && handlerBits(action) == 1
  }

  /// The raw handler pointer of an action (0 = `SIG_DFL`, 1 = `SIG_IGN`).
  private static func handlerBits(_ action: sigaction) -> Int {
    withUnsafeBytes(of: action.__sigaction_handler) { $0.load(as: Int.self) }
  }
}

/// SIGTERM, SIGHUP, SIGQUIT (and an unhandled SIGINT): restore, then die of the same signal.
///
/// `SA_RESETHAND` has already put back the default action.
private func terminationHandler(_ signal: Int32) {
  TerminalRestoration.restoreFromSignal()
  _ = raise(signal)
}

/// Faults: restore, put back the previous action, then let the signal reach it.
///
/// A fault the kernel raised recurs when the instruction re-runs; a sent one (`abort`, `kill`,
/// a trap that resumes after the trapping instruction) is raised again and delivered on return.
private func crashHandler(
  _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
  TerminalRestoration.restoreFromSignal()
  let address = TerminalRestoration.previousActions.load(ordering: .acquiring)
  if let actions = UnsafeMutablePointer<sigaction>(bitPattern: address),
    Int(signal) < TerminalRestoration.signalSlots
  {
    _ = sigaction(signal, actions + Int(signal), nil)
  } else {
    var action = sigaction()
    sigemptyset(&action.sa_mask)
    _ = sigaction(signal, &action, nil)
  }
  let faultRecurs = (info?.pointee.si_code ?? 0) > 0 && signal != SIGTRAP && signal != SIGABRT
  if !faultRecurs { _ = raise(signal) }
}
