import Glibc
import Synchronization

/// Turns ctrl-c (SIGINT) into a flag the app's main loop polls, so it can stop training, save
/// and restore the terminal before it quits.
///
/// Call ``install()`` before creating an ``NCursesTerminal``: the terminal keeps an app-installed
/// SIGINT handler, whereas with SIGINT still at its default it installs one that restores the
/// terminal and lets the process die of the signal. The handler sets an atomic and nothing
/// else; a blocking ``NCursesTerminal/readKey(timeoutMilliseconds:)`` may return early (`nil`)
/// when the signal arrives, so poll the flag after every read.
public enum InterruptFlag {
  /// How many interrupts arrived since the last ``reset()``.
  static let count = Atomic<Int>(0)

  /// Installs the handler for `signals` (idempotent): the workbench routes SIGINT, SIGTERM and
  /// SIGHUP here, headless training SIGINT and SIGTERM, so that both stop cleanly (a final
  /// checkpoint) instead of dying.
  public static func install(signals: [Int32] = [SIGINT]) {
    _ = count.load(ordering: .relaxed)
    var action = sigaction()
    action.__sigaction_handler = .init(sa_handler: interruptHandler)
    action.sa_flags = 0
    sigemptyset(&action.sa_mask)
    for signal in signals { _ = sigaction(signal, &action, nil) }
    // A process inherits its parent's signal mask (a test runner's worker thread blocks
    // these): unblock them here, or the handler would never run.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for signal in signals { sigaddset(&unblock, signal) }
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
  }

  /// Whether ctrl-c was pressed since the last ``reset()``.
  public static var isRaised: Bool { count.load(ordering: .acquiring) > 0 }

  /// How many times ctrl-c was pressed since the last ``reset()`` (an app may quit at once on
  /// the second).
  public static var pressCount: Int { count.load(ordering: .acquiring) }

  /// Clears the flag.
  public static func reset() {
    count.store(0, ordering: .releasing)
  }
}

/// Counts the interrupt; nothing else is safe here.
private func interruptHandler(_ signal: Int32) {
  InterruptFlag.count.wrappingAdd(1, ordering: .releasing)
}
