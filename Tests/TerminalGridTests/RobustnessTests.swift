import ComplexModule
import Testing

@testable import TerminalGrid

/// Extreme inputs: widgets draw something or nothing, but never trap. Mainly a no-trap test;
/// what it asserts exactly is the Widget contract: nothing is drawn outside the given area
/// (every cell around it keeps the fill), and the drawing inside it is the same as drawing
/// into a grid of exactly that size.
@Suite struct RobustnessTests {
  static let extremes: [Double] = [
    1e308, -1e308, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, 0, .nan, .infinity,
    -.infinity, 1, 1 + 1e-15,
  ]

  @Test(arguments: [RenderMode.unicode, .ascii])
  func extremeValuesDoNotTrap(mode: RenderMode) {
    let points = Self.extremes.enumerated().map { (x: Double($0.offset), y: $0.element) }
    let widgets: [any Widget] = [
      LineChart(series: [LineSeries(name: "e", points: points)], mode: mode),
      LineChart(
        series: [LineSeries(name: "e", points: points)], logY: true, smoothing: 0.99, mode: mode),
      LineChart(
        series: [LineSeries(name: "e", points: points.map { (x: $0.y, y: $0.x) })], mode: mode,
        xRange: -1e308...1e308,
        yRange: (-1000 * Double.leastNonzeroMagnitude)...(1000 * Double.leastNonzeroMagnitude)),
      LineChart(
        series: [
          LineSeries(
            name: "e", values: [Double.leastNonzeroMagnitude, (2 * Double.leastNonzeroMagnitude)])
        ], mode: mode),
      Sparkline(values: Self.extremes, mode: mode, showRange: true),
      Heatmap(values: [Self.extremes, Self.extremes.reversed()], logScale: true, mode: mode),
      Heatmap(values: [Self.extremes], mode: mode, depth: .ansi16, xRange: -1e308...1e308),
      ComplexPlanePlot(
        re: -1e308...1e308, im: Double.leastNonzeroMagnitude...(2 * Double.leastNonzeroMagnitude),
        region: { _ in true },
        points: Self.extremes.map { Complex($0, $0) }, showUnitCircle: true, mode: mode),
      ComplexPlanePlot(
        re: 0...1e-300, im: 0...1e-300, region: { z in z.real > 0 }, showUnitCircle: true,
        mode: mode),
    ]
    for widget in widgets {
      for (width, height) in [(40, 12), (13, 5), (2, 2)] {
        let alone = render(widget, width: width, height: height).lines()
        // The same widget in the middle of a larger grid, with a 3-cell margin.
        let margin = 3
        let area = Rect(x: margin, y: margin, width: width, height: height)
        let framed = render(width: width + 2 * margin, height: height + 2 * margin) {
          $0.render(widget, in: area)
        }.lines()
        var outside = 0
        var inside: [String] = []
        for (y, line) in framed.enumerated() {
          var row = String.UnicodeScalarView()
          for (x, scalar) in line.unicodeScalars.enumerated() {
            if area.contains(Point(x: x, y: y)) {
              row.append(scalar)
            } else if scalar != untouched {
              outside += 1
            }
          }
          if y >= margin && y < margin + height { inside.append(String(row)) }
        }
        #expect(outside == 0, "\(type(of: widget)) \(width)×\(height) drew outside its area")
        #expect(inside == alone, "\(type(of: widget)) \(width)×\(height) depends on its position")
      }
    }
    #expect(CompactNumber.tickLabels([1, 2], step: 0) == ["1", "2"])
    #expect(AxisTicks.linear(-1e308, 1e308, maxCount: 3).values.count <= 5)
    #expect(AxisTicks.decades(-1e300, 1e300, maxCount: 3).isEmpty)
  }
}
