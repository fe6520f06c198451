import CNCurses
import TerminalGrid

extension NCursesTerminal {
  /// Writes each run into `stdscr` with `wadd_wchnstr`, clipped to the screen.
  ///
  /// `wadd_wchnstr` neither moves the cursor nor wraps nor scrolls, so writing the bottom-right
  /// cell is safe (ncurses' `doupdate` deals with that cell on auto-margin terminals). Scalars are
  /// sanitized again for the render mode (ASCII mode writes bytes < 0x80 only) and styles are
  /// downgraded to ``colorDepth``.
  public func draw(_ changes: [CellChange]) {
    guard !isRestored else { return }
    let bounds = size
    for change in changes where change.y >= 0 && change.y < bounds.height {
      let skip = max(0, -change.x)
      let start = change.x + skip
      let count = min(change.cells.count - skip, bounds.width - start)
      guard count > 0 else { continue }
      cellBuffer.removeAll(keepingCapacity: true)
      for cell in change.cells[skip..<(skip + count)] {
        cellBuffer.append(makeCell(cell))
      }
      guard wmove(window, Int32(change.y), Int32(start)) == OK else { continue }
      _ = cellBuffer.withUnsafeBufferPointer { buffer in
        wadd_wchnstr(window, buffer.baseAddress, Int32(buffer.count))
      }
    }
  }

  /// Sends everything drawn since the last call to the terminal (`wnoutrefresh` + `doupdate`).
  public func present() {
    guard !isRestored else { return }
    _ = wnoutrefresh(window)
    _ = doupdate()
  }

  /// Makes the next ``present()`` clear the screen and repaint every cell (after a resize, or
  /// when something else scribbled on the terminal).
  public func invalidate() {
    guard !isRestored else { return }
    _ = clearok(window, true)
  }

  /// One cell as ncurses stores it, allocating its colour pair on first use.
  func makeCell(_ cell: Cell) -> cchar_t {
    let scalar = Cell.sanitized(cell.scalar, asciiOnly: renderMode.isASCII)
    let (resolved, newPair) = resolver.resolve(cell.style)
    if let (number, pair) = newPair {
      _ = init_pair(number, pair.foreground, pair.background)
    }
    var result = cchar_t()
    var text: (wchar_t, wchar_t) = (wchar_t(bitPattern: scalar.value), 0)
    withUnsafePointer(to: &text) { pointer in
      pointer.withMemoryRebound(to: wchar_t.self, capacity: 2) { characters in
        _ = setcchar(
          &result, characters, NCursesTerminal.attributes(resolved.attributes),
          resolved.pair, nil)
      }
    }
    return result
  }

  /// The ncurses attribute bits for a set of attributes.
  static func attributes(_ set: TextAttributes) -> attr_t {
    var bits = cn_attr_normal()
    if set.contains(.bold) { bits |= cn_attr_bold() }
    if set.contains(.dim) { bits |= cn_attr_dim() }
    if set.contains(.reverse) { bits |= cn_attr_reverse() }
    if set.contains(.underline) { bits |= cn_attr_underline() }
    return bits
  }
}
