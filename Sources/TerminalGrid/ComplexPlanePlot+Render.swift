import ComplexModule
import RealModule

extension ComplexPlanePlot {
  /// Draws the plot; see the type's documentation.
  public func render(in area: Rect, into grid: inout Grid) {
    let area = area.intersection(grid.bounds)
    guard area.width >= 2, area.height >= 2 else { return }
    let glyphs = mode.glyphs
    let ascii = mode.isASCII
    if area.height >= 4 {
      drawTitleRow(area.row(0), glyphs: glyphs, into: &grid)
    }
    let (plot, viewport, imLabels, showAxes) = geometry(area)
    guard !plot.isEmpty else { return }
    let perColumn = ascii ? 1 : 2
    let perRow = ascii ? 2 : 4
    var canvas = BrailleCanvas(width: plot.width, height: plot.height, mode: mode)
    var boundaryCells = [Bool](repeating: false, count: plot.area)
    var inside: [Bool] = []
    if let region {
      inside = membership(
        region, viewport: viewport, dotWidth: canvas.dotWidth, dotHeight: canvas.dotHeight)
      shadeRegion(inside, plot: plot, canvas: canvas, into: &grid)
    }
    drawZeroAxes(viewport: viewport, plot: plot, glyphs: glyphs, into: &grid)
    if showUnitCircle {
      drawUnitCircle(viewport: viewport, canvas: &canvas, perColumn: perColumn, perRow: perRow)
    }
    if region != nil {
      traceBoundary(inside, canvas: &canvas, boundaryCells: &boundaryCells)
    }
    if ascii {
      for row in 0..<plot.height {
        for column in 0..<plot.width where canvas.hasDots(column: column, row: row) {
          let isBoundary = boundaryCells[row * plot.width + column]
          putKeepingBackground(
            &grid, plot.x + column, plot.y + row, isBoundary ? "#" : "*",
            isBoundary ? palette.boundary : palette.unitCircle)
        }
      }
    } else {
      canvas.render(into: &grid, at: plot.origin)
    }
    drawMarkers(viewport: viewport, plot: plot, glyphs: glyphs, into: &grid)
    if showAxes {
      AxisPainter.drawLeft(
        &grid, labels: imLabels, axisX: plot.x - 1, top: plot.y, height: plot.height,
        labelWidth: plot.x - 1 - area.x, lineStyle: palette.axis, labelStyle: palette.label,
        glyphs: glyphs, ascii: ascii)
      AxisPainter.drawBottom(
        &grid, labels: reLabels(viewport), cornerX: plot.x - 1, axisY: plot.maxY, width: plot.width,
        labelClip: Rect(x: area.x, y: plot.maxY + 1, width: area.width, height: 1),
        lineStyle: palette.axis, labelStyle: palette.label, glyphs: glyphs, ascii: ascii)
    }
  }

  /// Where the plot goes inside `area` and which part of the plane it shows: the plot rectangle
  /// (inside the title row and axes) and its equal-scale viewport.
  ///
  /// Callers can use it to map cells back to complex numbers (e.g. for a cursor).
  public func plotGeometry(in area: Rect) -> (plot: Rect, viewport: ComplexViewport) {
    let (plot, viewport, _, _) = geometry(area)
    return (plot, viewport)
  }

  /// The plot rectangle, viewport, im tick labels and whether axes are drawn.
  func geometry(_ area: Rect) -> (Rect, ComplexViewport, [AxisLabel], Bool) {
    let body = area.height >= 4 ? area.inset(top: 1) : area
    let showAxes = body.height >= 5 && area.width >= 12
    var (plot, viewport, imLabels) = layout(body, axes: showAxes, labelWidth: 4)
    if showAxes {
      let width = min(AxisPainter.labelWidth(imLabels), area.width / 3)
      if width != 4 {
        (plot, viewport, imLabels) = layout(body, axes: true, labelWidth: width)
      }
    }
    return (plot, viewport, imLabels, showAxes)
  }

  /// The plot rectangle, its viewport and the im tick labels for a label width.
  func layout(_ body: Rect, axes: Bool, labelWidth: Int) -> (Rect, ComplexViewport, [AxisLabel]) {
    let plot =
      axes
      ? Rect(
        x: body.x + labelWidth + 1, y: body.y, width: body.width - labelWidth - 1,
        height: body.height - 2)
      : body
    let viewport = ComplexViewport.fitting(
      re: re, im: im, columns: plot.width, rows: plot.height, cellAspect: cellAspect)
    guard axes else { return (plot, viewport, []) }
    let ticks = AxisTicks.linear(
      viewport.im.lowerBound, viewport.im.upperBound, maxCount: max(2, (plot.height + 1) / 3))
    let texts = CompactNumber.tickLabels(ticks.values, step: ticks.step)
    let labels = zip(ticks.values, texts).compactMap { value, text -> AxisLabel? in
      guard let cell = viewport.cell(of: Complex(0, value)) else { return nil }
      return AxisLabel(offset: min(cell.y, plot.height - 1), text: text)
    }
    return (plot, viewport, AxisPainter.distinct(labels, length: plot.height))
  }

  /// Tick labels along the real axis.
  func reLabels(_ viewport: ComplexViewport) -> [AxisLabel] {
    let ticks = AxisTicks.linear(
      viewport.re.lowerBound, viewport.re.upperBound, maxCount: max(2, viewport.columns / 8))
    let texts = CompactNumber.tickLabels(ticks.values, step: ticks.step)
    let labels = zip(ticks.values, texts).compactMap { value, text -> AxisLabel? in
      guard let cell = viewport.cell(of: Complex(value, 0)) else { return nil }
      return AxisLabel(offset: min(cell.x, viewport.columns - 1), text: text)
    }
    return AxisPainter.distinct(labels, length: viewport.columns)
  }

  /// Title left, legend right when both fit.
  func drawTitleRow(_ row: Rect, glyphs: Glyphs, into grid: inout Grid) {
    let spans = legend(glyphs: glyphs)
    let legendWidth = spans.reduce(0) { $0 + $1.width }
    let titleWidth = title.unicodeScalars.count
    if legendWidth > 0 && titleWidth + 2 + legendWidth <= row.width {
      grid.write(
        spans, at: Point(x: row.maxX - legendWidth, y: row.y), clip: row, asciiOnly: mode.isASCII)
    }
    let text = TextFit.truncate(title, to: row.width, ellipsis: glyphs.ellipsis)
    grid.write(text, at: row.origin, style: palette.title, clip: row, asciiOnly: mode.isASCII)
  }

  /// Writes a glyph, keeping the background already in the grid when `style` has none.
  func putKeepingBackground(
    _ grid: inout Grid, _ x: Int, _ y: Int, _ scalar: Unicode.Scalar, _ style: Style
  ) {
    var style = style
    if style.bg == .default {
      style.bg = grid[x, y].style.bg
    }
    grid.put(x, y, scalar, style)
  }
}
