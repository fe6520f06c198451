/// A one-line status bar with left, centre and right segments, each a list of styled
/// spans (`session · rk4 · h 0.1     step 120     RUNNING`).
///
/// Room is given in priority order: left first, then right, then centre. A segment that
/// does not fit in what is left is cut with `…` (`~` in ASCII mode); at least one blank
/// cell separates segments. The centre is centred on the whole line when it fits there,
/// otherwise in the gap between left and right. `fill` paints the whole row first, so
/// a bar can have a background.
public struct StatusLine: Widget {
  /// Left segment.
  public var left: [Span]
  /// Centre segment.
  public var center: [Span]
  /// Right segment.
  public var right: [Span]
  /// Glyphs.
  public var mode: RenderMode
  /// The style of the whole row before the segments are drawn; `nil` leaves it as is.
  public var fill: Style?

  /// Creates a status line.
  public init(
    left: [Span] = [], center: [Span] = [], right: [Span] = [], mode: RenderMode = .unicode,
    fill: Style? = nil
  ) {
    self.left = left
    self.center = center
    self.right = right
    self.mode = mode
    self.fill = fill
  }

  /// Draws on the first row of `area`.
  public func render(in area: Rect, into grid: inout Grid) {
    let row = area.intersection(grid.bounds).row(0)
    guard !row.isEmpty else { return }
    let ellipsis = mode.glyphs.ellipsis
    let ascii = mode.isASCII
    if let fill {
      grid.fill(row, with: Cell(" ", style: fill))
    }
    let leftSpans = TextFit.truncate(left, to: row.width, ellipsis: ellipsis)
    let leftWidth = StatusLine.width(leftSpans)
    let rightRoom = row.width - leftWidth - (leftWidth > 0 ? 1 : 0)
    let rightSpans = TextFit.truncate(right, to: rightRoom, ellipsis: ellipsis)
    let rightWidth = StatusLine.width(rightSpans)
    let gapStart = row.x + leftWidth + (leftWidth > 0 ? 1 : 0)
    let gapEnd = row.maxX - rightWidth - (rightWidth > 0 ? 1 : 0)
    let centerSpans = TextFit.truncate(center, to: gapEnd - gapStart, ellipsis: ellipsis)
    let centerWidth = StatusLine.width(centerSpans)
    var centerX = row.x + (row.width - centerWidth) / 2
    if centerX < gapStart || centerX + centerWidth > gapEnd {
      centerX = gapStart + (gapEnd - gapStart - centerWidth) / 2
    }
    grid.write(leftSpans, at: row.origin, clip: row, asciiOnly: ascii)
    grid.write(
      rightSpans, at: Point(x: row.maxX - rightWidth, y: row.y), clip: row, asciiOnly: ascii)
    if centerWidth > 0 {
      grid.write(centerSpans, at: Point(x: centerX, y: row.y), clip: row, asciiOnly: ascii)
    }
  }

  /// Total cells of a list of spans.
  static func width(_ spans: [Span]) -> Int {
    spans.reduce(0) { $0 + $1.width }
  }
}
