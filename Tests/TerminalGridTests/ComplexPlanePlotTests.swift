import ComplexModule
import Testing

@testable import TerminalGrid

@Suite struct ComplexPlanePlotTests {
  /// Forward Euler's stability region |1 + z| ≤ 1: the disc of radius 1 around −1.
  static let euler: ComplexPlanePlot.Predicate = { z in (1 + z).length <= 1 }

  static func plot(
    _ mode: RenderMode = .unicode, _ depth: ColorDepth = .ansi256, points: [Complex<Double>] = []
  ) -> ComplexPlanePlot {
    ComplexPlanePlot(
      re: -3...1, im: -2...2, region: euler, points: points, title: "euler", mode: mode,
      depth: depth)
  }

  /// The grid cell showing `z`.
  func cell(of z: Complex<Double>, _ plot: ComplexPlanePlot, area: Rect) -> Point? {
    let (rect, viewport) = plot.plotGeometry(in: area)
    return viewport.cell(of: z).map { Point(x: $0.x + rect.x, y: $0.y + rect.y) }
  }

  @Test func equalAxisViewportMath() {
    let viewport = ComplexViewport.fitting(re: -3...1, im: -2...2, columns: 40, rows: 10)
    // 4 wide over 40 columns = 0.1, 4 tall over 10 rows × 2 = 0.2 per column: Re widens.
    #expect(viewport.re == -5.0...3.0)
    #expect(viewport.im == -2.0...2.0)
    #expect(abs(viewport.reUnitsPerColumn / 2 - viewport.imUnitsPerRow / 4) < 1e-12)
    let tall = ComplexViewport.fitting(re: -3...1, im: -1...1, columns: 10, rows: 40)
    #expect(tall.re == -3.0...1.0)
    #expect(tall.im == -16.0...16.0)
    let square = ComplexViewport.fitting(
      re: -1...1, im: -1...1, columns: 10, rows: 10, cellAspect: 1)
    #expect(square.reUnitsPerColumn == square.imUnitsPerRow)
    let degenerate = ComplexViewport.fitting(re: 2...2, im: -.infinity...0, columns: 4, rows: 2)
    #expect(degenerate.re == 1.0...3.0)
    #expect(degenerate.cell(of: Complex(2, 0)) == Point(x: 2, y: 1))
    #expect(degenerate.cell(of: Complex(.nan, 0)) == nil)
  }

  @Test func eulerDiscIsShadedWithABoundaryNearMinusTwo() {
    let plot = Self.plot()
    let area = Rect(x: 0, y: 0, width: 48, height: 20)
    let grid = render(plot, width: 48, height: 20)
    let shade = Style(bg: plot.palette.regionBackground256)
    guard let centre = cell(of: Complex(-1, 0), plot, area: area),
      let unstable = cell(of: Complex(0.5, 0), plot, area: area),
      let edge = cell(of: Complex(-2, 0), plot, area: area)
    else {
      Issue.record("points not in view")
      return
    }
    #expect(plot.isInside(Complex(-1, 0)) && !plot.isInside(Complex(0.5, 0)))
    #expect(grid[centre.x, centre.y].style.bg == shade.bg)
    #expect(grid[centre.x, centre.y - 1].style == shade)
    #expect(grid[unstable.x, unstable.y].style.bg == .default)
    let nearEdge = (edge.x - 1...edge.x + 1).map { grid[$0, edge.y] }
    #expect(
      nearEdge.contains {
        $0.scalar.value > 0x2800 && $0.scalar.value <= 0x28FF && $0.style.fg == .cyan
      })
    let farLeft = cell(of: Complex(-2.6, 0), plot, area: area).map { grid[$0.x, $0.y] }
    #expect(farLeft?.scalar == "─")
  }

  @Test func pointsAreMarkedByTheRegionAndClampedOutsideTheView() {
    let points = [
      Complex(-1.0, 0.5), Complex(0.5, 0.5), Complex(40.0, 0), Complex(-1.0, 30), Complex(40.0, 30),
    ]
    let plot = Self.plot(points: points)
    let area = Rect(x: 0, y: 0, width: 48, height: 20)
    let grid = render(plot, width: 48, height: 20)
    guard let stable = cell(of: points[0], plot, area: area),
      let unstable = cell(of: points[1], plot, area: area)
    else {
      Issue.record("points not in view")
      return
    }
    #expect(grid[stable.x, stable.y].scalar == "●")
    #expect(grid[stable.x, stable.y].style.fg == .brightGreen)
    #expect(grid[unstable.x, unstable.y].scalar == "×")
    #expect(grid[unstable.x, unstable.y].style.fg == .brightRed)
    let (rect, _) = plot.plotGeometry(in: area)
    let right = (rect.y..<rect.maxY).map { grid[rect.maxX - 1, $0].scalar }
    #expect(right.contains("→"))
    #expect((rect.x..<rect.maxX).map { grid[$0, rect.y].scalar }.contains("↑"))
    #expect(grid[rect.maxX - 1, rect.y].scalar == "↗")
  }

  @Test func unicodeSnapshot() {
    let plot = ComplexPlanePlot(
      re: -2.5...0.5, im: -1.5...1.5, region: Self.euler,
      points: [Complex(-1, 0.5), Complex(0.5, 0.5), Complex(4, 0)], title: "euler")
    expectLines(
      render(plot, width: 32, height: 12),
      [
        "euler·······● stable  × unstable",
        "··│····················│········",
        "·1┤···········⢀⣀⠤⠤⠤⣀⡀··│········",
        "··│·········⢀⠔⠁     ⠈⠢⡀│········",
        "··│········⢀⠇    ●    ⠸⡀··×·····",
        "·0┤────────⢸───────────⡇───────→",
        "··│········⠈⡆         ⢰⠁········",
        "··│·········⠈⠢⡀     ⢀⠔⠁│········",
        "-1┤···········⠈⠉⠒⠒⠒⠉⠁··│········",
        "··│····················│········",
        "··└────────┬───────────┬────────",
        "···········-2··········0········",
      ])
  }

  @Test func asciiMonochromeSnapshotUsesAPattern() {
    let plot = ComplexPlanePlot(
      re: -2.5...0.5, im: -1.5...1.5, region: Self.euler,
      points: [Complex(-1, 0.5), Complex(0.5, 0.5), Complex(4, 0)], title: "euler λ", mode: .ascii,
      depth: .monochrome)
    let grid = render(plot, width: 32, height: 12, fill: " ")
    expectLines(
      grid,
      [
        "euler ?     o stable  X unstable",
        "  |                    |        ",
        " 1+            #####   |        ",
        "  |          ##.....## |        ",
        "  |         #....o....#|  X     ",
        " 0+---------#---------#+------->",
        "  |         #.........#|        ",
        "  |          ##.....## |        ",
        "-1+            #####   |        ",
        "  |                    |        ",
        "  +--------+-----------+--------",
        "           -2          0        ",
      ])
    #expect(allScalars(grid).allSatisfy { $0.isASCII })
  }

  @Test func unitCircleIsDrawnAndEveryMarkerSurvivesTinyAreas() {
    let plot = ComplexPlanePlot(
      re: -1.5...1.5, im: -1.5...1.5, points: [Complex(0, 0)], showUnitCircle: true)
    let grid = render(plot, width: 40, height: 16)
    #expect(grid.cells.contains { $0.style == plot.palette.unitCircle && $0.scalar.value > 0x2800 })
    for (width, height) in [(1, 1), (2, 2), (3, 5), (12, 4)] {
      let small = render(Self.plot(points: [Complex(0, 0)]), width: width, height: height)
      #expect(small.width == max(0, width))
    }
    #expect(render(plot, width: 1, height: 1).cells == [Cell(untouched)])
  }
}
