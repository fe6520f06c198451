/// A terminal without a terminal, for tests: fixed size, a scripted key queue, and an
/// in-memory ``screen`` that ``draw(_:)`` updates.
///
/// Applying `frame.changes(from: previous)` to a headless terminal showing `previous` leaves
/// ``screen`` equal to `frame`.
public final class HeadlessTerminal: TerminalBackend {
  /// The screen size in cells.
  public private(set) var size: Size
  /// The colour depth reported to the app.
  public let colorDepth: ColorDepth
  /// The render mode reported to the app.
  public let renderMode: RenderMode
  /// What has been drawn so far, cell for cell (styles are kept as drawn, not downgraded).
  public private(set) var screen: Grid
  /// Keys still to be returned by ``readKey(timeoutMilliseconds:)``, first in first out.
  public private(set) var pendingKeys: [Key]
  /// How many times ``present()`` was called.
  public private(set) var presentCount = 0
  /// Whether ``restore()`` has been called.
  public private(set) var isRestored = false

  /// Creates a blank headless terminal.
  public init(
    size: Size, colorDepth: ColorDepth = .ansi256, renderMode: RenderMode = .unicode,
    keys: [Key] = []
  ) {
    self.size = size
    self.colorDepth = colorDepth
    self.renderMode = renderMode
    self.screen = Grid(width: size.width, height: size.height)
    self.pendingKeys = keys
  }

  /// Appends keys to the scripted queue.
  public func enqueue(_ keys: Key...) {
    pendingKeys.append(contentsOf: keys)
  }

  /// Changes the size as a real terminal would: the screen becomes blank at the new size and
  /// ``Key/resize`` is queued.
  public func resize(to newSize: Size) {
    size = newSize
    screen = Grid(width: newSize.width, height: newSize.height)
    pendingKeys.append(.resize)
  }

  /// Called with the timeout when `readKey` finds no key: a benchmark or test that wants the
  /// event loop's real pace waits there, as `wget_wch` would (nil: return at once).
  public var whenNoKey: ((Int) -> Void)?

  /// The next scripted key, or `nil` (after `whenNoKey`) when the queue is empty or the
  /// terminal was restored.
  public func readKey(timeoutMilliseconds: Int) -> Key? {
    guard !isRestored, !pendingKeys.isEmpty else {
      if timeoutMilliseconds > 0 { whenNoKey?(timeoutMilliseconds) }
      return nil
    }
    return pendingKeys.removeFirst()
  }

  /// Copies the changed runs into ``screen``, clipping at its edges.
  public func draw(_ changes: [CellChange]) {
    guard !isRestored else { return }
    for change in changes {
      for (offset, cell) in change.cells.enumerated() {
        screen[change.x + offset, change.y] = cell
      }
    }
  }

  /// Counts the call.
  public func present() {
    guard !isRestored else { return }
    presentCount += 1
  }

  /// Marks the terminal as restored.
  public func restore() {
    isRestored = true
  }
}
