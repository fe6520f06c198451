extension Grid {
  /// Draws a single-line box around the edge of `rect` (clipped to the grid), with an optional
  /// title in the top border (`┌ title ───┐`, or `+ title ---+` in ASCII mode).
  ///
  /// The title is truncated with an ellipsis to fit; rectangles smaller than 2×2 draw nothing.
  ///
  /// - Returns: the inside of the box (`rect` inset by one).
  @discardableResult
  public mutating func box(
    _ rect: Rect, title: String? = nil, style: Style = .plain, ascii: Bool = false
  ) -> Rect {
    let inner = rect.inset(by: 1)
    guard rect.width >= 2, rect.height >= 2 else { return inner }
    let g = ascii ? Glyphs.ascii : Glyphs.unicode
    let right = rect.maxX - 1
    let bottom = rect.maxY - 1
    // Only the part of each edge inside the grid is walked, however large `rect` is.
    let visible = rect.intersection(bounds)
    let firstX = max(rect.x + 1, visible.x)
    let firstY = max(rect.y + 1, visible.y)
    for x in firstX..<max(firstX, min(right, visible.maxX)) {
      put(x, rect.y, g.horizontal, style)
      put(x, bottom, g.horizontal, style)
    }
    for y in firstY..<max(firstY, min(bottom, visible.maxY)) {
      put(rect.x, y, g.vertical, style)
      put(right, y, g.vertical, style)
    }
    put(rect.x, rect.y, g.topLeft, style)
    put(right, rect.y, g.topRight, style)
    put(rect.x, bottom, g.bottomLeft, style)
    put(right, bottom, g.bottomRight, style)
    if let title, !title.isEmpty, rect.width >= 5 {
      let room = rect.width - 4
      let text = TextFit.truncate(title, to: room, ellipsis: g.ellipsis)
      let clip = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1)
      write(
        " " + text + " ", at: Point(x: rect.x + 1, y: rect.y), style: style, clip: clip,
        asciiOnly: ascii)
    }
    return inner
  }
}
