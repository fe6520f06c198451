import Testing

@testable import TerminalGrid

@Suite struct HeatmapTests {
  static let values: [[Double]] = [
    [1, 2, 3, 4, 5, 6], [2, 3, 4, 5, 6, 7], [3, 4, .nan, 6, 7, 8], [4, 5, 6, 7, 8, 12],
  ]

  static func heatmap(_ mode: RenderMode, _ depth: ColorDepth) -> Heatmap {
    Heatmap(
      values: values, title: "‖∂L/∂h‖", mode: mode, depth: depth, xRange: 1...6, yRange: 0...30)
  }

  @Test func shadeSnapshotIn16Colours() {
    let grid = render(Self.heatmap(.unicode, .ansi16), width: 16, height: 8)
    expectLines(
      grid,
      [
        "‖∂L/∂h‖·········",
        "·0·░░░░░░░▒▒▒▒▒▒",
        "···░░░░░░░▒▒▒▒▒▒",
        "···░░░░░▒▒▒▒▒▒▓▓",
        "20·░░░▒▒××▒▒▓▓▓▓",
        "30·▒▒▒▒▒▒▒▓▓▓▓██",
        "···1·········5·6",
        "1 ░▒▓█ 12··× nan",
      ])
    #expect(grid[3, 1].style.fg == .blue)
    #expect(grid[15, 5].style.fg == .yellow)
    #expect(grid[9, 4].style.fg == ColorRamp.missing)
  }

  @Test func asciiSnapshot() {
    let grid = render(Self.heatmap(.ascii, .monochrome), width: 16, height: 8)
    expectLines(
      grid,
      [
        "??L/?h?·········",
        "·0·.....::--==++",
        "···.....::--==++",
        "···...::--==++++",
        "20·:::--xx++++**",
        "30·---==++++**@@",
        "···1·········5·6",
        "1 .-*@ 12··x nan",
      ])
    #expect(grid.cells.allSatisfy { $0.style.fg == .default })
  }

  @Test func halfBlocksCarryTwoRowsAsForegroundAndBackground() {
    let values: [[Double]] = [[0, 1, 2], [3, 4, 5], [6, 7, .nan], [9, 10, 11]]
    let grid = render(Heatmap(values: values, showScale: false), width: 3, height: 2)
    expectLines(grid, ["▀▀▀", "▀▀▀"])
    let ramp = ColorRamp.viridis256
    #expect(grid[0, 0].style == Style(fg: ramp[0], bg: ramp[3]))
    #expect(grid[1, 0].style == Style(fg: ramp[1], bg: ramp[4]))
    #expect(grid[0, 1].style == Style(fg: ramp[6], bg: ramp[9]))
    #expect(grid[2, 1].style == Style(fg: ColorRamp.missing, bg: ramp[11]))
  }

  @Test func logScaleSpreadsDecadesEvenly() {
    let values: [[Double]] = [[1, 10, 100, 1000]]
    let linear = render(
      Heatmap(values: values, mode: .ascii, depth: .monochrome), width: 4, height: 2)
    let log = render(
      Heatmap(values: values, logScale: true, mode: .ascii, depth: .monochrome), width: 4, height: 2
    )
    expectLines(linear, ["...@", "...@"])
    expectLines(log, [".=#@", ".=#@"])
  }

  @Test func downsamplingKeepsTheLargestValue() {
    var values = [[Double]](repeating: [Double](repeating: 1, count: 100), count: 50)
    values[17][63] = 50
    let heatmap = Heatmap(values: values)
    let pixels = heatmap.pixels(width: 10, height: 5)
    #expect(pixels.filter { $0 == 50 }.count == 1)
    #expect(pixels[1 * 10 + 6] == 50)
    #expect(Heatmap.bins(5, into: 2) == [0..<2, 2..<5])
    #expect(Heatmap.bins(2, into: 5) == [0..<1, 0..<1, 0..<1, 1..<2, 1..<2])
  }

  @Test func emptyAndTinyInputsDoNotTrap() {
    #expect(render(Heatmap(values: []), width: 10, height: 6).lines()[0] == "··········")
    #expect(render(Heatmap(values: [[.nan]]), width: 1, height: 1).cells == [Cell(untouched)])
    let ragged = render(
      Heatmap(values: [[1, 2, 3], [4]], mode: .ascii, showScale: false), width: 3, height: 2)
    expectLines(ragged, [".=#", "@xx"])
  }
}
