import Glibc

extension NCursesTerminal {
  /// The asynchronous signals whose handlers touch the terminal or its state: they must run on
  /// the main thread (ncurses' SIGTSTP handler calls `endwin` and redraws).
  public static let mainThreadSignals: [Int32] = [
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH,
  ]

  /// Unblocks ``mainThreadSignals`` on the calling (main) thread.
  ///
  /// A process inherits its parent's signal mask: started from a thread that blocks them (a
  /// dispatch worker, some launchers), odernn would never see SIGWINCH or SIGTSTP.
  static func unblockMainThreadSignals() {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in mainThreadSignals {
      sigaddset(&set, signal)
    }
    _ = pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// Runs `body` with ``mainThreadSignals`` blocked on the current thread, then restores the
  /// signal mask.
  ///
  /// Threads started inside `body` inherit the blocked mask, so the kernel delivers those
  /// signals to the main thread only. Start the training thread this way:
  ///
  /// ```swift
  /// let trainer = NCursesTerminal.withMainThreadSignalsBlocked { Trainer.start(run) }
  /// ```
  ///
  /// Fault signals (SIGSEGV, SIGILL, …) are not blocked: they go to the faulting thread, and the
  /// crash handlers restore the terminal from there.
  public static func withMainThreadSignalsBlocked<T>(_ body: () throws -> T) rethrows -> T {
    var blocked = sigset_t()
    var previous = sigset_t()
    sigemptyset(&blocked)
    for signal in mainThreadSignals {
      sigaddset(&blocked, signal)
    }
    _ = pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    defer { _ = pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return try body()
  }
}
