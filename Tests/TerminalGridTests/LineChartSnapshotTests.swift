import Testing

@testable import TerminalGrid

@Suite struct LineChartSnapshotTests {
  static let loss: [Double] = [2.3, 1.9, 1.6, 1.2, 1.0, 0.8, 0.7, 0.65, 0.5, 0.45, 0.4, 0.3]
  static let val: [Double] = [2.4, 2.1, 1.8, 1.5, 1.3, 1.2, 1.1, 1.05, 1.0, 1.0, 0.95, 0.9]

  static func chart(_ mode: RenderMode) -> LineChart {
    LineChart(
      series: [
        LineSeries(name: "train", values: loss, color: .cyan),
        LineSeries(name: "val", values: val, color: .yellow),
      ], title: "loss", mode: mode)
  }

  @Test func unicode30x8() {
    let grid = render(Self.chart(.unicode), width: 30, height: 8)
    expectLines(
      grid,
      [
        "loss············─ train  ─ val",
        "·│⠳⣢⢄⡀························",
        "2┤··⠑⠪⢕⡢⢄⡀····················",
        "·│·····⠈⠒⢌⡑⠢⠤⢄⣀⣀··············",
        "1┤········⠈⠑⠒⠢⠤⠤⣉⣉⡉⠉⠉⠒⠒⠒⠒⠒⠒⠒⠢⠤",
        "·│················⠈⠉⠉⠒⠒⠢⠤⠤⠤⠤⢄⣀",
        "·└┬───────────┬────────────┬──",
        "··0···········5············10·",
      ])
  }

  @Test func ascii30x8() {
    let grid = render(Self.chart(.ascii), width: 30, height: 8)
    expectLines(
      grid,
      [
        "loss············- train  - val",
        "·|'..·························",
        "2+··'':.······················",
        "·|······'::.....··············",
        "1+·········''...:::::'''''''''",
        "·|···················'''''....",
        "·++-----------+------------+--",
        "··0···········5············10·",
      ])
  }

  @Test func seriesKeepTheirColoursAndAxesAreDim() {
    let grid = render(Self.chart(.unicode), width: 30, height: 8)
    #expect(grid[2, 1].style.fg == .yellow, "both series start here; the later one wins")
    #expect(grid[4, 2].style.fg == .cyan)
    #expect(grid[29, 5].style.fg == .cyan)
    #expect(grid[29, 4].style.fg == .yellow)
    #expect(grid[1, 3].style.dim)
    #expect(grid[0, 0].style.bold)
  }
}
