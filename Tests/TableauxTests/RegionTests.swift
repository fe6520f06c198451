import ComplexModule
import RealModule
import Testing

import Tableaux

@Suite struct RegionTests {
  @Test func sampleOrientationTopRowIsMaximumImaginary() throws {
    let euler = try #require(ButcherTableau.named("euler"))
    let grid = euler.sampleModulus(re: -3...1, im: 0...3, columns: 5, rows: 4)
    #expect(grid.count == 4)
    #expect(grid.allSatisfy { $0.count == 5 })
    // Columns: re = −3, −2, −1, 0, 1; rows: im = 3, 2, 1, 0 (top to bottom).
    for (row, y) in [3.0, 2, 1, 0].enumerated() {
      for (column, x) in [-3.0, -2, -1, 0, 1].enumerated() {
        let expected = ((1 + x) * (1 + x) + y * y).squareRoot()
        #expect(abs(grid[row][column] - expected) <= 1e-12, "row \(row) column \(column)")
      }
    }
    #expect(grid[3][2] == 0)
    #expect(grid[0][2] == 3)
  }

  @Test func sampleEdgeCases() throws {
    let euler = try #require(ButcherTableau.named("euler"))
    #expect(euler.sampleModulus(re: -1...1, im: -1...1, columns: 0, rows: 3).isEmpty)
    let single = euler.sampleModulus(re: -2...0, im: -1...1, columns: 1, rows: 1)
    #expect(single == [[0]])
  }

  @Test func viewportCoordinates() {
    let view = PlotViewport(re: -6...2, im: -4...4)
    #expect(view.real(column: 0, of: 61) == -6)
    #expect(view.real(column: 60, of: 61) == 2)
    #expect(view.imaginary(row: 0, of: 21) == 4)
    #expect(view.imaginary(row: 20, of: 21) == -4)
    #expect(view.imaginary(row: 10, of: 21) == 0)
  }

  @Test func defaultViewportCoversTheBoundedRegion() throws {
    for name in ["euler", "heun", "kutta3", "rk4", "rk38"] {
      let tableau = try #require(ButcherTableau.named(name))
      let view = tableau.defaultViewport()
      let real = try #require(tableau.realInterval)
      #expect(view.re.lowerBound < real, "\(name)")
      #expect(view.re.upperBound >= 1, "\(name)")
      #expect(view.im.upperBound > max(1, tableau.imagRadius ?? 0), "\(name)")
      #expect(view.im.lowerBound == -view.im.upperBound, "\(name)")
      #expect(view.re.lowerBound >= -8 && view.im.upperBound <= 6, "\(name)")
      // Nothing stable on the viewport's border.
      let grid = tableau.sampleModulus(re: view.re, im: view.im, columns: 41, rows: 41)
      let border = grid[0] + grid[40] + grid.map { $0[0] } + grid.map { $0[40] }
      #expect(border.allSatisfy { $0 > 1 }, "\(name)")
    }
    #expect(
      ButcherTableau.named("euler")?.defaultViewport() == PlotViewport(re: -3...1, im: -2...2))
  }

  @Test func unboundedRegionsUseTheStandardViewport() throws {
    for name in ["backward-euler", "implicit-midpoint", "gauss-legendre-2", "radau-iia-2"] {
      #expect(ButcherTableau.named(name)?.defaultViewport() == .standard, "\(name)")
    }
    let cell = try #require(ButcherTableau.named("backward-euler")).cellStabilityFunction(
      implicitIterations: 8)
    #expect(cell.defaultViewport() != .standard)
  }

  @Test func textPlotShowsRegionAndAxes() throws {
    let euler = try #require(ButcherTableau.named("euler")).stabilityFunction
    let plot = euler.regionPlot(
      viewport: PlotViewport(re: -3...1, im: -2...2), columns: 61, rows: 21)
    let lines = plot.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.count == 24)
    let rows = lines[1...21].map { String($0.dropFirst(3)) }
    #expect(rows.allSatisfy { $0.count == 61 })
    #expect(lines[1].hasPrefix(" 2 "))
    #expect(lines[11].hasPrefix(" 0 "))
    #expect(lines[21].hasPrefix("-2 "))
    // Column 45 is re = 0, row 10 is im = 0.
    let cells = rows.map(Array.init)
    #expect(cells[10][45] == "+")
    #expect(cells[10][0] == "-")
    #expect(cells[0][45] == "|")
    // im = 0.8 (row 6) at re = −1 (column 30) is stable; the top row is all unstable.
    #expect(cells[6][30] == "#")
    #expect(cells[0].allSatisfy { $0 == "." || $0 == "|" })
    #expect(lines[0].hasSuffix("Im"))
    #expect(lines[0].count == 3 + 45 + 2)
    #expect(
      lines[22] == "   -3" + String(repeating: " ", count: 43) + "0"
        + String(repeating: " ", count: 14) + "1 Re")
    #expect(lines[23] == "   #: |R(z)| <= 1   .: unstable")
  }

  @Test func tableauPlotUsesItsViewport() throws {
    let rk4 = try #require(ButcherTableau.named("rk4"))
    let plot = rk4.regionPlotText()
    #expect(plot == rk4.stabilityFunction.regionPlot(viewport: rk4.defaultViewport()))
    #expect(plot.contains("#"))
    #expect(plot.contains("+"))
  }
}
