import Foundation
import Synchronization

/// SIGINT/SIGTERM as a flag that long loops poll, so they stop cleanly (final checkpoint,
/// session closed) instead of dying mid-write. The handler only stores to a lock-free atomic,
/// which is async-signal-safe.
enum Interrupt {
  private static let flag = Atomic<Bool>(false)

  /// Routes SIGINT and SIGTERM to the flag.
  static func install() {
    for sig in [SIGINT, SIGTERM] {
      signal(sig) { _ in Interrupt.flag.store(true, ordering: .relaxed) }
    }
  }

  /// Whether a signal arrived.
  static var requested: Bool { flag.load(ordering: .relaxed) }
}
