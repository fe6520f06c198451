/// A run of consecutive cells in one row that differ from the previous frame.
public struct CellChange: Hashable, Sendable {
  /// The row.
  public var y: Int
  /// The first column of the run.
  public var x: Int
  /// The new cells, left to right.
  public var cells: [Cell]

  /// Creates a change.
  public init(y: Int, x: Int, cells: [Cell]) {
    self.y = y
    self.x = x
    self.cells = cells
  }
}

extension Grid {
  /// The row runs of cells that differ from `previous`, top to bottom, left to right: what a
  /// terminal backend has to redraw.
  ///
  /// When the sizes differ every row is one change (a full repaint). Identical grids give no
  /// changes.
  public func changes(from previous: Grid) -> [CellChange] {
    var result: [CellChange] = []
    guard previous.width == width, previous.height == height else {
      for y in 0..<height where width > 0 {
        result.append(CellChange(y: y, x: 0, cells: Array(cells[(y * width)..<((y + 1) * width)])))
      }
      return result
    }
    for y in 0..<height {
      let start = y * width
      var x = 0
      while x < width {
        if cells[start + x] == previous.cells[start + x] {
          x += 1
          continue
        }
        let runStart = x
        while x < width && cells[start + x] != previous.cells[start + x] {
          x += 1
        }
        result.append(
          CellChange(y: y, x: runStart, cells: Array(cells[(start + runStart)..<(start + x)])))
      }
    }
    return result
  }
}
