import Testing

@testable import TerminalGrid

/// The fill scalar that marks cells a widget did not touch.
let untouched: Unicode.Scalar = "\u{00B7}"

/// A `width × height` grid pre-filled with `fill` (`·` by default, so untouched cells
/// are visible), after `draw` has run on it.
func render(
  width: Int, height: Int, fill: Unicode.Scalar = untouched, _ draw: (inout Grid) -> Void
) -> Grid {
  var grid = Grid(width: width, height: height, fill: Cell(fill))
  draw(&grid)
  return grid
}

/// Renders one widget into a whole `width × height` grid pre-filled with `fill`.
func render(_ widget: some Widget, width: Int, height: Int, fill: Unicode.Scalar = untouched)
  -> Grid
{
  render(width: width, height: height, fill: fill) { $0.render(widget) }
}

/// Compares a grid's `lines()` with an expected array literal.
///
/// On a mismatch it records one issue showing each differing line as expected/actual with a caret
/// under the first differing column, followed by the whole actual screen as a Swift literal to
/// paste.
func expectLines(
  _ grid: Grid, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation
) {
  let actual = grid.lines()
  guard actual != expected else { return }
  Issue.record(
    Comment(rawValue: snapshotDiff(expected: expected, actual: actual)),
    sourceLocation: sourceLocation)
}

/// A readable diff of two screens.
func snapshotDiff(expected: [String], actual: [String]) -> String {
  var report = ["screen snapshot mismatch (expected \(expected.count) lines, got \(actual.count))"]
  for i in 0..<max(expected.count, actual.count) {
    let e = i < expected.count ? expected[i] : nil
    let a = i < actual.count ? actual[i] : nil
    guard e != a else { continue }
    report.append("line \(i):")
    report.append("  expected |\(e ?? "<missing>")|")
    report.append("  actual   |\(a ?? "<missing>")|")
    if let e, let a {
      let es = Array(e.unicodeScalars)
      let actualScalars = Array(a.unicodeScalars)
      var column = 0
      while column < min(es.count, actualScalars.count) && es[column] == actualScalars[column] {
        column += 1
      }
      report.append("            " + String(repeating: " ", count: column) + "^ column \(column)")
    }
  }
  report.append("actual screen:")
  report.append("[")
  for line in actual {
    report.append("  \"\(line.replacingBackslashes())\",")
  }
  report.append("]")
  return report.joined(separator: "\n")
}

extension String {
  /// The string with `\` and `"` escaped for a Swift literal.
  func replacingBackslashes() -> String {
    var out = ""
    for character in self {
      if character == "\\" || character == "\"" { out.append("\\") }
      out.append(character)
    }
    return out
  }
}

/// Every scalar of the grid, for "only ASCII" checks.
func allScalars(_ grid: Grid) -> [Unicode.Scalar] {
  grid.cells.map(\.scalar)
}
