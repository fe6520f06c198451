import RealModule

extension Heatmap {
  /// Draws the heatmap; see the type's documentation for looks and layout.
  public func render(in area: Rect, into grid: inout Grid) {
    let area = area.intersection(grid.bounds)
    guard area.width >= 2, area.height >= 2 else { return }
    let glyphs = mode.glyphs
    let ascii = mode.isASCII
    var body = area
    if area.height >= 4 && !title.isEmpty {
      let text = TextFit.truncate(title, to: area.width, ellipsis: glyphs.ellipsis)
      grid.write(
        text, at: area.origin, style: labelStyle.bolded, clip: area.row(0), asciiOnly: ascii)
      body = body.inset(top: 1)
    }
    let scaleRows = showScale && area.height >= 6 ? 1 : 0
    let xLabelRows = xRange != nil && body.height - scaleRows >= 3 ? 1 : 0
    let mapHeight = body.height - scaleRows - xLabelRows
    var yLabels: [AxisLabel] = []
    var labelWidth = 0
    if let yRange, mapHeight >= 1 {
      yLabels = AxisPainter.endpointLabels(
        yRange, length: mapHeight, maxCount: max(2, mapHeight / 3), integers: integerLabels)
      labelWidth = AxisPainter.labelWidth(yLabels) + 1
      if body.width - labelWidth < 4 {
        labelWidth = 0
        yLabels = []
      }
    }
    let map = Rect(
      x: body.x + labelWidth, y: body.y, width: body.width - labelWidth, height: mapHeight)
    guard !map.isEmpty else { return }
    let range = valueRange()
    let missingCount = drawMap(in: map, range: range, into: &grid, glyphs: glyphs)
    for label in yLabels {
      let length = label.text.unicodeScalars.count
      grid.write(
        label.text, at: Point(x: map.x - 1 - length, y: map.y + label.offset), style: labelStyle,
        clip: Rect(x: body.x, y: map.y, width: labelWidth, height: map.height), asciiOnly: ascii)
    }
    if let xRange, xLabelRows == 1 {
      let labels = AxisPainter.endpointLabels(
        xRange, length: map.width, maxCount: max(2, map.width / 8), integers: integerLabels)
      AxisPainter.placeInRow(
        &grid, labels: labels, start: map.x, row: map.maxY, clip: area.row(map.maxY - area.y),
        style: labelStyle, ascii: ascii)
    }
    if scaleRows == 1 {
      drawScale(
        in: Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1), range: range,
        missing: missingCount > 0, glyphs: glyphs, into: &grid)
    }
  }

  /// Whether this mode and depth draw two pixels per cell with `▀`.
  var usesHalfBlocks: Bool { mode == .unicode && depth == .ansi256 }

  /// The number of levels of the ramp in use.
  var levelCount: Int {
    if usesHalfBlocks { return ColorRamp.viridis256.count }
    return mode == .ascii ? Glyphs.asciiRamp.count - 1 : 4
  }

  /// The glyph and colour of a ramp level in one-pixel-per-cell modes.
  func cellLook(level: Int) -> (Unicode.Scalar, Color) {
    let glyph = mode == .ascii ? Glyphs.asciiRamp[level + 1] : Glyphs.unicode.shades[level + 1]
    switch depth {
    case .monochrome: return (glyph, .default)
    case .ansi16: return (glyph, ColorRamp.ansi16[level * 4 / levelCount])
    case .ansi256:
      return (glyph, ColorRamp.viridis256[level * ColorRamp.viridis256.count / levelCount])
    }
  }

  /// The ramp level of a scaled value (NaN → `nil`).
  func level(_ value: Double, range: (low: Double, high: Double)?) -> Int? {
    guard !value.isNaN else { return nil }
    guard let range, range.high > range.low else { return levelCount / 2 }
    if value == -.infinity { return 0 }
    return ColorRamp.index((value - range.low) / (range.high - range.low), count: levelCount)
  }

  /// Paints the map; returns how many pixels were missing.
  func drawMap(
    in map: Rect, range: (low: Double, high: Double)?, into grid: inout Grid, glyphs: Glyphs
  ) -> Int {
    let perCell = usesHalfBlocks ? 2 : 1
    let pixels = self.pixels(width: map.width, height: map.height * perCell)
    guard !pixels.isEmpty else { return 0 }
    var missing = 0
    for row in 0..<map.height {
      for column in 0..<map.width {
        let x = map.x + column
        let y = map.y + row
        if usesHalfBlocks {
          let top = level(pixels[(2 * row) * map.width + column], range: range)
          let bottom = level(pixels[(2 * row + 1) * map.width + column], range: range)
          missing += (top == nil ? 1 : 0) + (bottom == nil ? 1 : 0)
          let fg = top.map { ColorRamp.viridis256[$0] } ?? ColorRamp.missing
          let bg = bottom.map { ColorRamp.viridis256[$0] } ?? ColorRamp.missing
          grid.put(x, y, glyphs.upperHalf, Style(fg: fg, bg: bg))
        } else if let value = level(pixels[row * map.width + column], range: range) {
          let (glyph, color) = cellLook(level: value)
          grid.put(x, y, glyph, Style(fg: color))
        } else {
          missing += 1
          let color: Color = depth == .monochrome ? .default : ColorRamp.missing
          grid.put(x, y, glyphs.missing, Style(fg: color, bold: true))
        }
      }
    }
    return missing
  }

  /// `min ramp max` (and `× nan` when values are missing), left-aligned.
  ///
  /// The ramp shrinks (sampling levels evenly) to fit; the `nan` note goes first, then the ramp.
  func drawScale(
    in row: Rect, range: (low: Double, high: Double)?, missing: Bool, glyphs: Glyphs,
    into grid: inout Grid
  ) {
    let ascii = mode.isASCII
    let format = { (value: Double) -> String in
      CompactNumber.format(self.logScale ? Double.pow(10, value) : value)
    }
    let low = range.map { format($0.low) + " " } ?? ""
    let high = range.map { " " + format($0.high) } ?? ""
    var note = missing ? (range == nil ? 5 : 7) : 0
    var swatches = min(levelCount, row.width - low.count - high.count - note)
    if swatches < 2 && note > 0 {
      note = 0
      swatches = min(levelCount, row.width - low.count - high.count)
    }
    var x = row.x
    if range != nil {
      x = grid.write(low, at: Point(x: x, y: row.y), style: labelStyle, clip: row, asciiOnly: ascii)
      for i in 0..<max(0, swatches) {
        let level = swatches > 1 ? i * (levelCount - 1) / (swatches - 1) : 0
        if usesHalfBlocks {
          grid.put(x, row.y, "\u{2588}", Style(fg: ColorRamp.viridis256[level]))
        } else {
          let (glyph, color) = cellLook(level: level)
          grid.put(x, row.y, glyph, Style(fg: color))
        }
        x += 1
      }
      x = grid.write(
        high, at: Point(x: x, y: row.y), style: labelStyle, clip: row, asciiOnly: ascii)
    }
    if note > 0 {
      let color: Color = depth == .monochrome ? .default : ColorRamp.missing
      x += range == nil ? 0 : 2
      grid.put(x, row.y, glyphs.missing, Style(fg: color, bold: true))
      grid.write(
        " nan", at: Point(x: x + 1, y: row.y), style: labelStyle, clip: row, asciiOnly: ascii)
    }
  }
}
