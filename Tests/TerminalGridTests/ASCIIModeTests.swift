import ComplexModule
import Testing

@testable import TerminalGrid

/// In `.ascii` mode every widget must emit only bytes below 0x80, even when handed
/// non-ASCII titles and labels.
@Suite struct ASCIIModeTests {
  static let widgets: [any Widget] = [
    LineChart(
      series: [
        LineSeries(name: "trâin", values: (0..<300).map { 1 / Double($0 + 1) }, color: .cyan),
        LineSeries(name: "vål", values: [3, .nan, 0.2], color: .yellow),
      ], title: "‖loss‖ λ", logY: true, smoothing: 0.6, mode: .ascii),
    LineChart(series: [], title: "empty…", mode: .ascii),
    Sparkline(values: [1, 5, 2, .nan, 8], mode: .ascii, showRange: true),
    Heatmap(
      values: [[1, .nan], [3, 4]], title: "∂L/∂h", logScale: true, mode: .ascii, depth: .ansi256,
      xRange: 1...2, yRange: 0...1),
    Heatmap(values: [[1, .nan], [3, 4]], mode: .ascii, depth: .ansi16),
    ComplexPlanePlot(
      re: -3...1, im: -2...2, region: { z in (1 + z).length <= 1 },
      points: [Complex(-1, 0), Complex(0.5, 0), Complex(9, 9), Complex(-9, -9), Complex(0, -9)],
      showUnitCircle: true, title: "hλ — euler", insideLabel: "stäble", mode: .ascii,
      depth: .ansi256),
    KeyHelpBar(pairs: [("␣", "stårt"), ("q", "quit")], mode: .ascii),
    StatusLine(
      left: [Span("séssion")], center: [Span("step 1")], right: [Span("RUNNING…")], mode: .ascii),
    Paragraph(["naïve – text"], mode: .ascii),
  ]

  @Test(arguments: [(60, 20), (30, 8), (12, 5), (3, 2)])
  func everyWidgetEmitsOnlyASCII(width: Int, height: Int) {
    for widget in Self.widgets {
      let grid = render(widget, width: width, height: height, fill: " ")
      let bad = allScalars(grid).filter { !$0.isASCII }
      #expect(bad.isEmpty, "\(type(of: widget)) emitted \(bad)")
    }
  }

  @Test func boxInASCIIModeIsASCII() {
    let grid = render(width: 10, height: 4, fill: " ") {
      $0.box($0.bounds, title: "ŝpectrum", ascii: true)
    }
    #expect(allScalars(grid).allSatisfy { $0.isASCII })
  }

  @Test func unicodeModeActuallyUsesUnicode() {
    let chart = LineChart(series: [LineSeries(name: "l", values: [1, 2, 3])])
    #expect(allScalars(render(chart, width: 30, height: 8, fill: " ")).contains { !$0.isASCII })
  }
}
