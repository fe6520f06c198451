import Testing

@testable import TerminalGrid

@Suite struct LineChartTests {
  /// The y-axis labels, top to bottom, read from the columns left of the axis line.
  func yLabels(_ grid: Grid, axisColumn: Int) -> [String] {
    grid.lines().compactMap { line in
      let scalars = Array(line.unicodeScalars)
      guard scalars.count > axisColumn, scalars[axisColumn] == "┤" else { return nil }
      let label = String(String.UnicodeScalarView(scalars[0..<axisColumn]))
      return label.filter { $0 != "·" && $0 != " " }
    }
  }

  @Test func logYLabelsArePowersOfTen() {
    let values = [10.0, 1, 0.1, 0.01, 0.001]
    let chart = LineChart(
      series: [LineSeries(name: "loss", values: values)], logY: true, showLegend: false)
    let grid = render(chart, width: 30, height: 12, fill: " ")
    #expect(yLabels(grid, axisColumn: 4) == ["10", "1", "0.1", "0.01", "1e-3"])
  }

  @Test func logYSkipsNonPositiveValuesAndWidensToDecades() {
    let chart = LineChart(
      series: [LineSeries(name: "loss", values: [0.5, 0, -1, 0.2, 3])], logY: true)
    let layers = chart.layers()
    #expect(layers[0].points.map(\.y) == [0.5, 0.2, 3])
    let domains = chart.domains(layers)
    #expect(domains?.y == -1.0...1.0)
    #expect(domains?.x == 0.0...4.0)
  }

  @Test func smoothingDrawsTheRawSeriesDimBehind() {
    let values: [Double] = (0..<40).map { $0 % 2 == 0 ? 1 : 3 }
    let chart = LineChart(
      series: [LineSeries(name: "loss", values: values, color: .green)], smoothing: 0.9)
    let layers = chart.layers()
    #expect(layers.count == 2)
    #expect(layers[0].style == Style(fg: .green, dim: true))
    #expect(layers[1].style == Style(fg: .green))
    #expect(layers[1].points[0].y == 1)
    #expect(abs(layers[1].points[39].y - Smoothing.ema(values, weight: 0.9)[39]) < 1e-12)
    let grid = render(chart, width: 30, height: 10)
    let styles = grid.cells.filter { $0.scalar.value >= 0x2800 && $0.scalar.value <= 0x28FF }.map(
      \.style)
    #expect(styles.contains(Style(fg: .green, dim: true)))
    #expect(styles.contains(Style(fg: .green)))
  }

  @Test func bucketingKeepsASpike() {
    var values = [Double](repeating: 1, count: 5000)
    values[2500] = 100
    let chart = LineChart(series: [LineSeries(name: "g", values: values)], showLegend: false)
    let grid = render(chart, width: 30, height: 10, fill: " ")
    let plotTop = grid.lines()[0].unicodeScalars.dropFirst(4)
    let dots = plotTop.filter { $0.value > 0x2800 && $0.value <= 0x28FF }
    #expect(dots.count == 1)
    let buckets = Bucketing.m4(
      values.enumerated().map { ($0.offset / 100, $0.element) }, columns: 50)
    #expect(buckets.count == 50)
    #expect(buckets[25] == ColumnBucket(column: 25, first: 100, last: 1, low: 1, high: 100))
    #expect(buckets.filter { $0.high == 100 }.count == 1)
  }

  @Test func emptyDataSaysNoDataYetCentred() {
    let chart = LineChart(series: [LineSeries(name: "loss", values: [])], title: "loss")
    let grid = render(chart, width: 20, height: 5)
    expectLines(
      grid,
      [
        "loss··········─ loss",
        "····················",
        "····no data yet·····",
        "····················",
        "····················",
      ])
    let nanOnly = LineChart(
      series: [LineSeries(name: "x", values: [.nan, .infinity])], showLegend: false)
    #expect(render(nanOnly, width: 15, height: 3).lines()[1] == "··no data yet··")
  }

  @Test func allEqualValuesDrawAFlatLineInTheMiddle() {
    let chart = LineChart(
      series: [LineSeries(name: "c", values: [0.5, 0.5, 0.5, 0.5])], showLegend: false)
    let grid = render(chart, width: 20, height: 7, fill: " ")
    let lines = grid.lines()
    let rowsWithDots = lines.indices.filter {
      lines[$0].unicodeScalars.contains { $0.value > 0x2800 && $0.value <= 0x28FF }
    }
    #expect(rowsWithDots == [2])
    #expect(yLabels(grid, axisColumn: 4) == ["0.55", "0.5", "0.45"])
    let domains = chart.domains(chart.layers())
    #expect(domains?.y == 0.45...0.55)
  }

  @Test func nanAndInfinitePointsAreSkipped() {
    let withGaps = LineChart(
      series: [LineSeries(name: "l", values: [1, .nan, 3, .infinity, 5])], showLegend: false)
    let clean = LineChart(
      series: [LineSeries(name: "l", points: [(0, 1), (2, 3), (4, 5)])], showLegend: false)
    #expect(withGaps.layers()[0].points.count == 3)
    #expect(render(withGaps, width: 20, height: 7) == render(clean, width: 20, height: 7))
  }

  @Test func aSinglePointIsOneDotInTheMiddle() {
    let chart = LineChart(
      series: [LineSeries(name: "p", points: [(x: 10, y: 2)])], showLegend: false)
    let grid = render(chart, width: 21, height: 7, fill: " ")
    let dots = grid.cells.enumerated().filter {
      $0.element.scalar.value > 0x2800 && $0.element.scalar.value <= 0x28FF
    }
    #expect(dots.count == 1)
    #expect(dots.first.map { $0.offset / 21 } == 2)
    #expect(chart.domains(chart.layers())?.x == 9.0...11.0)
  }

  @Test(arguments: [(1, 1), (0, 0), (1, 8), (8, 1), (3, 3)])
  func tinyAreasDoNotTrap(width: Int, height: Int) {
    let chart = LineChart(series: [LineSeries(name: "l", values: [1, 2, 3])], title: "t")
    let grid = render(chart, width: width, height: height)
    if width < 2 || height < 2 {
      #expect(grid.cells.allSatisfy { $0.scalar == untouched })
    }
    var small = Grid(width: 40, height: 20)
    small.render(chart, in: Rect(x: 39, y: 19, width: 5, height: 5))
    #expect(small.cells.allSatisfy { $0 == .blank })
  }

  @Test func fixedRangesOverrideTheData() {
    let chart = LineChart(
      series: [LineSeries(name: "l", values: [1, 2, 3])], xRange: 0...10, yRange: 0...100)
    let domains = chart.domains(chart.layers())
    #expect(domains?.x == 0.0...10.0)
    #expect(domains?.y == 0.0...100.0)
  }
}
