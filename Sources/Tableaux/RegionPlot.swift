import ComplexModule
import RealModule

/// A character plot of a stability region, for terminals and text tests.
///
/// Layout (61 × 21 grid by default): a header line with "Im" above the imaginary axis; one
/// line per grid row, row 0 at the top (maximum imaginary part), prefixed by a right-aligned
/// label column holding the top, 0 and bottom imaginary values; a footer with the left, 0 and
/// right real values and "Re"; and a legend. Grid cells are '#' where |R(z)| ≤ 1 + 1e-12 and
/// '.' elsewhere; the axes through the origin overwrite them with '-', '|' and '+'.
extension StabilityFunction {
  /// The plot of this function over `viewport` with `columns` × `rows` cells (each ≥ 2).
  public func regionPlot(viewport: PlotViewport, columns: Int = 61, rows: Int = 21) -> String {
    let columns = max(columns, 2)
    let rows = max(rows, 2)
    var grid: [[Character]] = (0..<rows).map { row in
      let y = viewport.imaginary(row: row, of: rows)
      return (0..<columns).map { column in
        isStable(Complex(viewport.real(column: column, of: columns), y)) ? "#" : "."
      }
    }
    let axisColumn = RegionPlotLayout.zeroIndex(in: viewport.re, count: columns)
    let axisRow = RegionPlotLayout.zeroIndex(in: viewport.im, count: rows).map { rows - 1 - $0 }
    if let column = axisColumn {
      for row in 0..<rows { grid[row][column] = "|" }
    }
    if let row = axisRow {
      for column in 0..<columns { grid[row][column] = grid[row][column] == "|" ? "+" : "-" }
    }
    var labels = [String](repeating: "", count: rows)
    labels[0] = RegionPlotLayout.label(viewport.im.upperBound)
    labels[rows - 1] = RegionPlotLayout.label(viewport.im.lowerBound)
    if let row = axisRow, row > 0, row < rows - 1 { labels[row] = "0" }
    let width = labels.map(\.count).max() ?? 0
    let margin = String(repeating: " ", count: width + 1)

    var lines: [String] = []
    let imOffset = axisColumn.map { min($0, columns - 2) } ?? 0
    lines.append(margin + String(repeating: " ", count: imOffset) + "Im")
    for row in 0..<rows {
      lines.append(NumberText.padLeft(labels[row], width) + " " + String(grid[row]))
    }
    lines.append(
      margin + RegionPlotLayout.footer(viewport: viewport, columns: columns, zero: axisColumn)
        + " Re")
    lines.append(margin + "#: |\(symbol)| <= 1   .: unstable")
    return lines.joined(separator: "\n")
  }
}

extension ButcherTableau {
  /// The plot of the tableau's own region over its `defaultViewport()`.
  public func regionPlotText(columns: Int = 61, rows: Int = 21) -> String {
    stabilityFunction.regionPlot(viewport: defaultViewport(), columns: columns, rows: rows)
  }
}

/// Placement helpers for `regionPlot`.
enum RegionPlotLayout {
  /// The grid index nearest to 0 when 0 lies in `range`, else `nil`.
  static func zeroIndex(in range: ClosedRange<Double>, count: Int) -> Int? {
    guard range.contains(0), count > 1 else { return nil }
    let width = range.upperBound - range.lowerBound
    guard width > 0 else { return 0 }
    return Int((-range.lowerBound / width * Double(count - 1)).rounded())
  }

  /// An axis value with at most 4 significant digits.
  static func label(_ x: Double) -> String {
    NumberText.rounded(x, significantDigits: 4)
  }

  /// `columns` characters with the left value at column 0, the right value ending at the
  /// last column, and "0" at the axis column when it fits with a space on each side.
  static func footer(viewport: PlotViewport, columns: Int, zero: Int?) -> String {
    var line = [Character](repeating: " ", count: columns)
    let left = Array(label(viewport.re.lowerBound))
    let right = Array(label(viewport.re.upperBound))
    for (offset, ch) in left.enumerated() where offset < columns { line[offset] = ch }
    let rightStart = max(left.count + 1, columns - right.count)
    for (offset, ch) in right.enumerated() where rightStart + offset < columns {
      line[rightStart + offset] = ch
    }
    if let column = zero, column > left.count, column < rightStart - 1 {
      line[column] = "0"
    }
    return String(line)
  }
}
