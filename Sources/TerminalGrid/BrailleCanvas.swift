/// A dot canvas over a block of cells.
///
/// In `.unicode` mode each cell holds 2×4 dots drawn as a braille character
/// (U+2800 plus a bit per dot: column 0 rows 0–2 → bits 0x01, 0x02, 0x04; column 1 rows
/// 0–2 → 0x08, 0x10, 0x20; row 3 → 0x40 left, 0x80 right). In `.ascii` mode each cell
/// holds 1×2 dots drawn as `'` (top), `.` (bottom) or `:` (both). Dot (0, 0) is the
/// top-left; y grows downwards. Each cell has one style: the last dot set in it decides
/// (a terminal cell has only one foreground colour).
public struct BrailleCanvas: Sendable {
  /// Width in cells.
  public let width: Int
  /// Height in cells.
  public let height: Int
  /// Braille or ASCII dots.
  public let mode: RenderMode
  private var bits: [UInt8]
  private var styles: [Style]

  /// Creates an empty canvas of `width × height` cells.
  public init(width: Int, height: Int, mode: RenderMode = .unicode) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.mode = mode
    bits = [UInt8](repeating: 0, count: self.width * self.height)
    styles = [Style](repeating: .plain, count: self.width * self.height)
  }

  /// Dot columns per cell: 2 (braille) or 1 (ASCII).
  public var dotsPerCellX: Int { mode == .ascii ? 1 : 2 }
  /// Dot rows per cell: 4 (braille) or 2 (ASCII).
  public var dotsPerCellY: Int { mode == .ascii ? 2 : 4 }
  /// Width in dots.
  public var dotWidth: Int { width * dotsPerCellX }
  /// Height in dots.
  public var dotHeight: Int { height * dotsPerCellY }

  /// The braille bit of each dot, indexed `[row][column]` inside a cell.
  public static let brailleBits: [[UInt8]] = [
    [0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80],
  ]

  /// Turns on dot (`x`, `y`) and gives its cell `style`; dots outside are ignored.
  public mutating func set(x: Int, y: Int, style: Style = .plain) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let cell = (y / dotsPerCellY) * width + x / dotsPerCellX
    bits[cell] |= bit(x: x, y: y)
    styles[cell] = style
  }

  /// Whether dot (`x`, `y`) is on (false outside the canvas).
  public func isSet(x: Int, y: Int) -> Bool {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
    return bits[(y / dotsPerCellY) * width + x / dotsPerCellX] & bit(x: x, y: y) != 0
  }

  private func bit(x: Int, y: Int) -> UInt8 {
    if mode == .ascii {
      return y % 2 == 0 ? 1 : 2
    }
    return BrailleCanvas.brailleBits[y % 4][x % 2]
  }

  /// Draws a straight line of dots between two dot positions, both ends included (Bresenham).
  ///
  /// Parts outside the canvas are clipped first, so far-away ends cost nothing extra.
  public mutating func line(
    from start: (x: Int, y: Int), to end: (x: Int, y: Int), style: Style = .plain
  ) {
    guard
      let (a, b) = BrailleCanvas.clip(
        start, end, width: dotWidth, height: dotHeight)
    else { return }
    var x0 = a.x
    var y0 = a.y
    let dx = abs(b.x - x0)
    let dy = -abs(b.y - y0)
    let sx = x0 < b.x ? 1 : -1
    let sy = y0 < b.y ? 1 : -1
    var error = dx + dy
    while true {
      set(x: x0, y: y0, style: style)
      if x0 == b.x && y0 == b.y { break }
      let e2 = 2 * error
      if e2 >= dy {
        error += dy
        x0 += sx
      }
      if e2 <= dx {
        error += dx
        y0 += sy
      }
    }
  }

  /// Clips a segment to `0..<width × 0..<height` (Liang–Barsky), or `nil` if it misses.
  static func clip(
    _ a: (x: Int, y: Int), _ b: (x: Int, y: Int), width: Int, height: Int
  ) -> ((x: Int, y: Int), (x: Int, y: Int))? {
    guard width > 0, height > 0 else { return nil }
    let inside = { (p: (x: Int, y: Int)) in p.x >= 0 && p.y >= 0 && p.x < width && p.y < height }
    if inside(a) && inside(b) { return (a, b) }
    let x0 = Double(a.x)
    let y0 = Double(a.y)
    let dx = Double(b.x) - x0
    let dy = Double(b.y) - y0
    var t0 = 0.0
    var t1 = 1.0
    let edges: [(Double, Double)] = [
      (-dx, x0), (dx, Double(width - 1) - x0), (-dy, y0), (dy, Double(height - 1) - y0),
    ]
    for (p, q) in edges {
      if p == 0 {
        if q < 0 { return nil }
        continue
      }
      let r = q / p
      if p < 0 {
        if r > t1 { return nil }
        t0 = max(t0, r)
      } else {
        if r < t0 { return nil }
        t1 = min(t1, r)
      }
    }
    let ca = (x: Int((x0 + t0 * dx).rounded()), y: Int((y0 + t0 * dy).rounded()))
    let cb = (x: Int((x0 + t1 * dx).rounded()), y: Int((y0 + t1 * dy).rounded()))
    return (ca, cb)
  }

  /// The glyph of cell (`column`, `row`), or `nil` when it has no dot.
  public func glyph(column: Int, row: Int) -> Unicode.Scalar? {
    guard column >= 0, row >= 0, column < width, row < height else { return nil }
    let value = bits[row * width + column]
    guard value != 0 else { return nil }
    if mode == .ascii {
      return value == 1 ? "'" : value == 2 ? "." : ":"
    }
    return Unicode.Scalar(0x2800 + UInt32(value))
  }

  /// The style of cell (`column`, `row`): that of the last dot set in it.
  public func style(column: Int, row: Int) -> Style {
    guard column >= 0, row >= 0, column < width, row < height else { return .plain }
    return styles[row * width + column]
  }

  /// Whether any dot of cell (`column`, `row`) is on.
  public func hasDots(column: Int, row: Int) -> Bool {
    guard column >= 0, row >= 0, column < width, row < height else { return false }
    return bits[row * width + column] != 0
  }

  /// Draws every cell that has at least one dot into `grid` with its top-left at `origin`; empty
  /// cells are left untouched.
  ///
  /// When a cell's style has the default background, the grid's existing background is kept (so
  /// dots can sit on shading).
  public func render(into grid: inout Grid, at origin: Point) {
    for row in 0..<height {
      for column in 0..<width {
        guard let scalar = glyph(column: column, row: row) else { continue }
        var style = styles[row * width + column]
        let x = origin.x + column
        let y = origin.y + row
        if style.bg == .default {
          style.bg = grid[x, y].style.bg
        }
        grid.put(x, y, scalar, style)
      }
    }
  }
}
