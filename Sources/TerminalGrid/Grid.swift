/// An in-memory screen: `width × height` cells, row-major, that widgets draw into and tests compare
/// as text.
///
/// Every operation clips; nothing traps on out-of-range positions.
public struct Grid: Equatable, Sendable {
  /// Columns.
  public let width: Int
  /// Rows.
  public let height: Int
  /// The cells, row by row (`cells[y * width + x]`).
  public private(set) var cells: [Cell]

  /// Creates a grid filled with `fill` (blank by default); negative sizes become 0.
  public init(width: Int, height: Int, fill: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = [Cell](repeating: fill, count: self.width * self.height)
  }

  /// The whole grid as a rectangle at the origin.
  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  /// The size of the grid.
  public var size: Size { Size(width: width, height: height) }

  /// The cell at column `x`, row `y`.
  ///
  /// Reading outside gives a blank cell; writing outside is ignored; written scalars are sanitized
  /// (see ``Cell/sanitized(_:asciiOnly:)``).
  public subscript(x: Int, y: Int) -> Cell {
    get {
      guard x >= 0, x < width, y >= 0, y < height else { return .blank }
      return cells[y * width + x]
    }
    set {
      guard x >= 0, x < width, y >= 0, y < height else { return }
      cells[y * width + x] = Cell(Cell.sanitized(newValue.scalar), style: newValue.style)
    }
  }

  /// Sets one cell (sanitized) if it lies inside the grid.
  public mutating func set(_ scalar: Unicode.Scalar, at point: Point, style: Style = .plain) {
    self[point.x, point.y] = Cell(scalar, style: style)
  }

  /// Writes a scalar already known to be one column wide; clips silently.
  @inline(__always)
  mutating func put(_ x: Int, _ y: Int, _ scalar: Unicode.Scalar, _ style: Style) {
    guard x >= 0, x < width, y >= 0, y < height else { return }
    cells[y * width + x] = Cell(scalar, style: style)
  }

  /// Changes only the style of a cell already written; clips silently.
  mutating func restyle(_ x: Int, _ y: Int, _ change: (inout Style) -> Void) {
    guard x >= 0, x < width, y >= 0, y < height else { return }
    change(&cells[y * width + x].style)
  }

  /// Writes `text` left to right from `point`, one cell per Unicode scalar, keeping only the cells
  /// inside both `clip` (the whole grid when `nil`) and the grid.
  ///
  /// Wide, combining and control scalars become `?`; with `asciiOnly` so does every non-ASCII
  /// scalar. Nothing wraps.
  ///
  /// - Returns: the column after the last scalar (written or clipped).
  @discardableResult
  public mutating func write(
    _ text: String, at point: Point, style: Style = .plain, clip: Rect? = nil,
    asciiOnly: Bool = false
  ) -> Int {
    let area = (clip ?? bounds).intersection(bounds)
    var x = Rect.clamped(point.x)
    guard point.y >= area.y, point.y < area.maxY, x < area.maxX else {
      return x + min(text.unicodeScalars.count, Rect.limit)
    }
    let rowStart = point.y * width
    for scalar in text.unicodeScalars {
      if x >= area.maxX { return x + 1 }
      if x >= area.x {
        cells[rowStart + x] = Cell(Cell.sanitized(scalar, asciiOnly: asciiOnly), style: style)
      }
      x += 1
    }
    return x
  }

  /// Writes styled spans one after another; see ``write(_:at:style:clip:asciiOnly:)``.
  @discardableResult
  public mutating func write(
    _ spans: [Span], at point: Point, clip: Rect? = nil, asciiOnly: Bool = false
  ) -> Int {
    var x = point.x
    for span in spans {
      x = write(
        span.text, at: Point(x: x, y: point.y), style: span.style, clip: clip,
        asciiOnly: asciiOnly)
    }
    return x
  }

  /// Sets every cell of `rect` (clipped to the grid) to `cell` (sanitized).
  public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
    let area = rect.intersection(bounds)
    let clean = Cell(Cell.sanitized(cell.scalar), style: cell.style)
    for y in area.y..<area.maxY {
      let start = y * width
      for x in area.x..<area.maxX {
        cells[start + x] = clean
      }
    }
  }

  /// Changes the style of every cell of `rect` (clipped), keeping the glyphs.
  public mutating func setStyle(_ style: Style, in rect: Rect) {
    let area = rect.intersection(bounds)
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX {
        cells[y * width + x].style = style
      }
    }
  }

  /// Every row as a string of exactly `width` scalars.
  ///
  /// Trailing spaces are kept, so a line's length always equals the grid's width and snapshot tests
  /// see overdraw.
  public func lines() -> [String] {
    var result: [String] = []
    result.reserveCapacity(height)
    for y in 0..<height {
      var line = String.UnicodeScalarView()
      for x in 0..<width {
        line.append(cells[y * width + x].scalar)
      }
      result.append(String(line))
    }
    return result
  }

  /// This grid with every style mapped through `depth.downgrade(_:)`.
  public func downgraded(to depth: ColorDepth) -> Grid {
    guard depth != .ansi256 else { return self }
    var copy = self
    for i in copy.cells.indices {
      copy.cells[i].style = depth.downgrade(copy.cells[i].style)
    }
    return copy
  }
}
