import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The workbench's worker threads (previews, experiments, slow reads) block the signals the
/// terminal and the workbench handle — SIGINT, SIGTERM, SIGHUP (an orderly exit), SIGWINCH
/// (resize), SIGTSTP and SIGCONT (suspend) — so that they are delivered to the main thread,
/// the only one that touches the terminal (`NCursesTerminal+Threads.swift`'s rule).
enum WorkerSignals {
  /// Blocks them on the calling thread (a worker's first call).
  static func blockOnThisThread() {
    var set = sigset_t()
    sigemptyset(&set)
    for s in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGCONT] { sigaddset(&set, s) }
    pthread_sigmask(SIG_BLOCK, &set, nil)
  }
}
