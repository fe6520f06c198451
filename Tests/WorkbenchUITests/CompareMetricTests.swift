import Foundation
import TerminalGrid
import Testing
import WorkbenchUI

/// Compared runs past the palette (markers), and overlays of validation loss, accuracy and
/// gradient norm as well as loss.
@Suite("Sessions: markers past the palette, every metric overlaid")
struct CompareMetricTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

  func press(_ m: inout WorkbenchModel, _ keys: Key...) {
    for k in keys { _ = Workbench.update(&m, .key(k)) }
  }

  /// `n` runs differing in their seed, all overlaid, with every metric recorded.
  func overlaid(_ n: Int, _ size: Size, depth: ColorDepth) -> WorkbenchModel {
    var m = Fixtures.model(size, depth: depth)
    press(&m, .character("S"))
    let runs = (1...n).map { seed in
      SessionListing(
        file: String(format: "run-%02d.session", seed), cell: "euler t=1", task: "adding", steps: 50, finalLoss: 0.1, status: "finished",
        settings: SessionsFixtures.settings("euler", 1, "0.1", "adding", seed: seed))
    }
    _ = Workbench.update(&m, .sessionsListed(runs))
    var curves: [String: SessionCurve] = [:]
    for (k, run) in runs.enumerated() {
      var c = SessionsFixtures.curve(k, steps: 50)
      for s in stride(from: 10, through: 50, by: 10) {
        c.valLoss.append(step: s, value: 0.3 / Double(s + k))
        c.accuracy.append(step: s, value: 0.5 + 0.009 * Double(s) - 0.01 * Double(k))
      }
      for s in 1...50 { c.gradNorm.append(step: s, value: 1 + Double(k) + 0.01 * Double(s)) }
      curves[run.file] = c
    }
    _ = Workbench.update(&m, .curvesLoaded(curves))
    for _ in runs { press(&m, .character(" "), .down) }
    return m
  }

  /// The legend's entries `(colour, marker)`: a `━` in the entry's colour, then its marker
  /// (or a space).
  func legend(_ grid: Grid) -> [(color: Color, marker: Unicode.Scalar)] {
    (0..<grid.height).flatMap { y in
      (0..<grid.width - 1).filter { grid[$0, y].scalar == "━" }.map { (grid[$0, y].style.fg, grid[$0 + 1, y].scalar) }
    }
  }

  /// On a 16-colour terminal the palette has 8 colours: 8 runs get 8 distinct colours and
  /// no marker, the 9th and 10th reuse the first colours with `+`, in the legend, the list
  /// and the chart.
  @Test func ninthAndTenthRunsGetMarkers() {
    let m = overlaid(10, Size(width: 200, height: 60), depth: .ansi16)
    let grid = Workbench.render(m)
    let entries = legend(grid)
    #expect(entries.count == 10, "\(entries)")
    #expect(Set(entries.prefix(8).map(\.color)).count == 8 && entries.prefix(8).allSatisfy { $0.marker == " " })
    #expect(entries[8].marker == "+" && entries[9].marker == "+")
    #expect(entries[8].color == entries[0].color && entries[9].color == entries[1].color)
    let lines = grid.lines()
    // The list marks the 9th run with its marker in its colour.
    let row = lines.firstIndex { $0.contains("run-09") } ?? 0
    #expect(grid[2, row].scalar == "+" && grid[2, row].style.fg == entries[0].color, "\(lines[row]) \(grid[2, row].style) \(entries[0])")
    // The chart stamps markers in the 9th run's colour.
    let chartMarks = (0..<grid.height).flatMap { y in (0..<grid.width).filter { grid[$0, y].scalar == "+" && grid[$0, y].style.fg == entries[0].color }.map { _ in y } }
    #expect(chartMarks.count >= 3, "markers along the 9th curve")
  }

  @Test(arguments: sizes)
  func eightRunsEightColoursAtEverySize(size: Size) {
    for depth in [ColorDepth.ansi256, .ansi16] {
      let grid = Workbench.render(overlaid(8, size, depth: depth))
      let entries = legend(grid)
      // A small terminal shows fewer entries (`+N more`), but those shown are all distinct.
      #expect(!entries.isEmpty && Set(entries.map(\.color)).count == entries.count, "\(size) \(depth)")
      #expect(entries.allSatisfy { $0.marker == " " })
    }
  }

  /// `m` cycles the overlaid metric; each chart's title names it, and what is drawn (below
  /// the title) changes.
  @Test(arguments: sizes)
  func mCyclesTheOverlaidMetric(size: Size) {
    var m = overlaid(3, size, depth: .ansi256)
    var screens: [String] = []
    for title in ["Loss, 3 overlaid", "Validation loss, 3 overlaid", "Accuracy, 3 overlaid · linear y", "Gradient norm, 3 overlaid"] {
      let text = Workbench.render(m).lines().joined(separator: "\n")
      #expect(text.contains(title), "\(size): \(title)\n\(text)")
      screens.append(text.split(separator: "\n").filter { !$0.contains("overlaid") }.joined(separator: "\n"))
      press(&m, .character("m"))
    }
    #expect(m.overlayMetric == .loss)
    #expect(Set(screens).count == 4)
  }
}
