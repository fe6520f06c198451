import RealModule

extension LineChart {
  /// Draws the chart; see the type's documentation for the layout.
  public func render(in area: Rect, into grid: inout Grid) {
    let area = area.intersection(grid.bounds)
    guard area.width >= 2, area.height >= 2 else { return }
    let glyphs = mode.glyphs
    let ascii = mode.isASCII
    let drawn = layers()
    let titleRows = area.height >= 4 && (!title.isEmpty || (showLegend && !series.isEmpty)) ? 1 : 0
    if titleRows == 1 {
      drawTitleRow(area.row(0), into: &grid, glyphs: glyphs)
    }
    let body = area.inset(top: titleRows)
    guard let (xDomain, yDomain) = domains(drawn) else {
      drawMessage(emptyMessage, in: body, into: &grid, glyphs: glyphs)
      return
    }
    let showAxes = body.height >= 5 && area.width >= 12
    var plot = body
    var yLabels: [AxisLabel] = []
    var labelWidth = 0
    let dotsX = ascii ? 1 : 2
    let dotsY = ascii ? 2 : 4
    if showAxes {
      let plotHeight = body.height - 2
      yLabels = self.yLabels(
        yDomain, dotHeight: plotHeight * dotsY, dotsPerCell: dotsY, rows: plotHeight)
      labelWidth = min(AxisPainter.labelWidth(yLabels), max(1, area.width / 3))
      plot = Rect(
        x: body.x + labelWidth + 1, y: body.y, width: body.width - labelWidth - 1,
        height: plotHeight)
    }
    var canvas = BrailleCanvas(width: plot.width, height: plot.height, mode: mode)
    let xMap = LinearMap(domain: xDomain, extent: canvas.dotWidth, flipped: false)
    let yMap = LinearMap(domain: yDomain, extent: canvas.dotHeight, flipped: true)
    for layer in drawn {
      var dots: [(column: Int, value: Double)] = []
      dots.reserveCapacity(layer.points.count)
      for point in layer.points where xDomain.contains(point.x) {
        dots.append((xMap.dot(point.x), point.y))
      }
      let buckets = Bucketing.m4(dots, columns: canvas.dotWidth)
      Bucketing.draw(buckets, on: &canvas, style: layer.style) { yMap.dot(transform($0)) }
    }
    if showAxes {
      AxisPainter.drawLeft(
        &grid, labels: yLabels, axisX: plot.x - 1, top: plot.y, height: plot.height,
        labelWidth: labelWidth, lineStyle: axisStyle, labelStyle: labelStyle, glyphs: glyphs,
        ascii: ascii)
      let xLabels = self.xLabels(xDomain, map: xMap, dotsPerCell: dotsX, columns: plot.width)
      let clip = Rect(x: area.x, y: plot.maxY + 1, width: area.width, height: 1)
      AxisPainter.drawBottom(
        &grid, labels: xLabels, cornerX: plot.x - 1, axisY: plot.maxY, width: plot.width,
        labelClip: clip, lineStyle: axisStyle, labelStyle: labelStyle, glyphs: glyphs, ascii: ascii)
    }
    canvas.render(into: &grid, at: plot.origin)
    drawMarkers(drawn, in: plot, xMap: xMap, yMap: yMap, dots: (dotsX, dotsY), into: &grid)
  }

  /// Stamps each marked layer's glyph on the cell of its first point in every
  /// `markerSpacing`-th column (offset by the layer's index, so markers of different series
  /// do not all land in the same columns).
  func drawMarkers(
    _ layers: [Layer], in plot: Rect, xMap: LinearMap, yMap: LinearMap, dots: (x: Int, y: Int), into grid: inout Grid
  ) {
    for (index, layer) in layers.enumerated() {
      guard let marker = layer.marker else { continue }
      let glyph = mode.isASCII && !marker.isASCII ? "*" : marker
      var lastColumn = Int.min
      for point in layer.points {
        let column = xMap.dot(point.x) / dots.x
        guard column != lastColumn, (column + index) % LineChart.markerSpacing == 0 else { continue }
        lastColumn = column
        let row = yMap.dot(transform(point.y)) / dots.y
        let at = Point(x: plot.x + column, y: plot.y + row)
        guard plot.contains(at) else { continue }
        grid.write(String(Character(glyph)), at: at, style: layer.style.bolded, clip: plot)
      }
    }
  }

  /// The x and y ranges to plot (y in log10 space with `logY`), or `nil` without data.
  ///
  /// Extremes are found in data units and transformed once (log10 is monotonic).
  func domains(_ layers: [Layer]) -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
    var xLow = Double.infinity
    var xHigh = -Double.infinity
    var yLow = Double.infinity
    var yHigh = -Double.infinity
    for layer in layers {
      for point in layer.points {
        xLow = min(xLow, point.x)
        xHigh = max(xHigh, point.x)
        yLow = min(yLow, point.y)
        yHigh = max(yHigh, point.y)
      }
    }
    guard xLow <= xHigh else { return nil }
    yLow = transform(yLow)
    yHigh = transform(yHigh)
    if let xRange, xRange.lowerBound.isFinite, xRange.upperBound.isFinite {
      xLow = xRange.lowerBound
      xHigh = xRange.upperBound
    }
    let fixedY = yRange.flatMap { range -> ClosedRange<Double>? in
      guard range.lowerBound.isFinite, range.upperBound.isFinite else { return nil }
      guard logY else { return range }
      return range.lowerBound > 0
        ? Double.log10(range.lowerBound)...Double.log10(range.upperBound) : nil
    }
    if let fixedY {
      yLow = fixedY.lowerBound
      yHigh = fixedY.upperBound
    } else if logY && !LineChart.isDegenerate(yLow, yHigh) {
      yLow = yLow.rounded(.down)
      yHigh = yHigh.rounded(.up)
    }
    return (LineChart.widened(xLow, xHigh, log: false), LineChart.widened(yLow, yHigh, log: logY))
  }

  /// Whether a range is too narrow to draw.
  static func isDegenerate(_ low: Double, _ high: Double) -> Bool {
    high - low <= 1e-12 * max(1, abs(low), abs(high))
  }

  /// A drawable range: degenerate ones widened around their middle.
  static func widened(_ low: Double, _ high: Double, log: Bool) -> ClosedRange<Double> {
    guard isDegenerate(low, high) else { return low...high }
    let middle = (low + high) / 2
    let pad = log ? 1 : (middle == 0 ? 1 : abs(middle) * 0.1)
    return (middle - pad)...(middle + pad)
  }

  func yLabels(_ domain: ClosedRange<Double>, dotHeight: Int, dotsPerCell: Int, rows: Int)
    -> [AxisLabel]
  {
    let map = LinearMap(domain: domain, extent: dotHeight, flipped: true)
    let maxCount = max(2, (rows + 1) / 2)
    var labels: [AxisLabel] = []
    if logY {
      for exponent in AxisTicks.decades(domain.lowerBound, domain.upperBound, maxCount: maxCount) {
        let text = CompactNumber.format(CompactNumber.power10(exponent))
        labels.append(AxisLabel(offset: map.dot(Double(exponent)) / dotsPerCell, text: text))
      }
    } else {
      let ticks = AxisTicks.linear(domain.lowerBound, domain.upperBound, maxCount: maxCount)
      let texts = CompactNumber.tickLabels(ticks.values, step: ticks.step)
      for (value, text) in zip(ticks.values, texts) {
        labels.append(AxisLabel(offset: map.dot(value) / dotsPerCell, text: text))
      }
    }
    return AxisPainter.distinct(labels, length: rows)
  }

  func xLabels(_ domain: ClosedRange<Double>, map: LinearMap, dotsPerCell: Int, columns: Int)
    -> [AxisLabel]
  {
    let ticks = AxisTicks.linear(
      domain.lowerBound, domain.upperBound, maxCount: max(2, columns / 8))
    let texts = CompactNumber.tickLabels(ticks.values, step: ticks.step)
    let labels = zip(ticks.values, texts).map {
      AxisLabel(offset: map.dot($0) / dotsPerCell, text: $1)
    }
    return AxisPainter.distinct(labels, length: columns)
  }

  /// The title on the left and, when it fits beside it, the legend on the right.
  func drawTitleRow(_ row: Rect, into grid: inout Grid, glyphs: Glyphs) {
    let ascii = mode.isASCII
    var legend: [Span] = []
    if showLegend {
      for (i, item) in series.enumerated() {
        if i > 0 { legend.append(Span("  ")) }
        legend.append(Span(String(glyphs.legendLine), style: Style(fg: item.color, bold: true)))
        legend.append(Span(" " + item.name, style: labelStyle))
      }
    }
    let legendWidth = legend.reduce(0) { $0 + $1.width }
    let titleWidth = title.unicodeScalars.count
    if legendWidth > 0 && titleWidth + 2 + legendWidth <= row.width {
      grid.write(
        legend, at: Point(x: row.maxX - legendWidth, y: row.y), clip: row, asciiOnly: ascii)
    }
    let text = TextFit.truncate(title, to: row.width, ellipsis: glyphs.ellipsis)
    grid.write(text, at: row.origin, style: titleStyle, clip: row, asciiOnly: ascii)
  }

  /// `message` centred in `area` (truncated to its width).
  func drawMessage(_ message: String, in area: Rect, into grid: inout Grid, glyphs: Glyphs) {
    guard !area.isEmpty else { return }
    let text = TextFit.truncate(message, to: area.width, ellipsis: glyphs.ellipsis)
    let x =
      area.x + TextFit.offset(of: text.unicodeScalars.count, in: area.width, alignment: .center)
    let y = area.y + (area.height - 1) / 2
    grid.write(
      text, at: Point(x: x, y: y), style: Style(dim: true), clip: area, asciiOnly: mode.isASCII)
  }
}

/// Maps a value range onto dots `0 ..< extent`, the ends of the range landing on the first and last
/// dot (the last dot on top when `flipped`).
///
/// Values far outside are clamped to a few canvases away so the result always fits an `Int`.
struct LinearMap: Sendable {
  /// The value range.
  var domain: ClosedRange<Double>
  /// Number of dots.
  var extent: Int
  /// Whether larger values map to smaller dot indices (screen rows).
  var flipped: Bool

  /// The dot index of a value (rounded to the nearest dot).
  func dot(_ value: Double) -> Int {
    let span = domain.upperBound - domain.lowerBound
    guard span > 0, extent > 1 else { return 0 }
    var t = (value - domain.lowerBound) / span
    if flipped { t = 1 - t }
    let position = t * Double(extent - 1)
    let limit = Double(extent) * 4
    guard position.isFinite else { return position > 0 ? Int(limit) : -Int(limit) }
    return Int(min(max(position, -limit), limit).rounded())
  }

  /// The value at the centre of a dot.
  func value(_ dot: Int) -> Double {
    let span = domain.upperBound - domain.lowerBound
    guard extent > 1 else { return (domain.lowerBound + domain.upperBound) / 2 }
    var t = Double(dot) / Double(extent - 1)
    if flipped { t = 1 - t }
    return domain.lowerBound + t * span
  }
}
