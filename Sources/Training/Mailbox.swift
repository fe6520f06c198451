import DequeModule
import Foundation
import Synchronization

/// A many-writer, one-reader queue of messages between threads.
///
/// `post` never blocks for long (a short critical section); `drain` takes everything queued.
/// `wait(timeout:)` lets a consumer sleep until something arrives (the paused trainer), and
/// `postMerging` lets a producer coalesce into the last queued message, so a slow reader gets
/// merged batches instead of an ever longer queue.
public final class Mailbox<Message: Sendable>: Sendable {
  private let queue = Mutex<Deque<Message>>([])
  private let signal = NSCondition()

  /// An empty mailbox.
  public init() {}

  /// Appends a message and wakes a waiting reader.
  public func post(_ message: Message) {
    queue.withLock { $0.append(message) }
    signal.lock()
    signal.broadcast()
    signal.unlock()
  }

  /// Merges `message` into the last queued one when `merge` returns a combined message;
  /// otherwise appends it.
  public func postMerging(_ message: Message, merge: (Message, Message) -> Message?) {
    queue.withLock { q in
      if let last = q.last, let combined = merge(last, message) {
        q[q.count - 1] = combined
      } else {
        q.append(message)
      }
    }
    signal.lock()
    signal.broadcast()
    signal.unlock()
  }

  /// Takes every queued message, oldest first.
  public func drain() -> [Message] {
    queue.withLock { q in
      let all = Array(q)
      q.removeAll()
      return all
    }
  }

  /// Whether anything is queued.
  public var isEmpty: Bool { queue.withLock { $0.isEmpty } }

  /// Blocks until a message is queued or `timeout` seconds pass; returns whether one is.
  @discardableResult
  public func wait(timeout: Double) -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    signal.lock()
    defer { signal.unlock() }
    while isEmpty {
      if !signal.wait(until: deadline) { return !isEmpty }
    }
    return true
  }
}

