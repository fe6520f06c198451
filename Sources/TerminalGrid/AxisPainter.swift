/// A tick label at a cell offset along an axis.
struct AxisLabel: Hashable, Sendable {
  /// Cell offset from the start of the axis (row for a vertical axis, column for a
  /// horizontal one).
  var offset: Int
  /// The label text.
  var text: String
}

/// Draws the left and bottom axes shared by the charts.
enum AxisPainter {
  /// The width the left labels need.
  static func labelWidth(_ labels: [AxisLabel]) -> Int {
    max(1, labels.map { $0.text.unicodeScalars.count }.max() ?? 1)
  }

  /// Keeps the first label for each offset inside `0..<length`, in offset order.
  static func distinct(_ labels: [AxisLabel], length: Int) -> [AxisLabel] {
    var seen = Set<Int>()
    var result: [AxisLabel] = []
    for label in labels.sorted(by: { $0.offset < $1.offset })
    where label.offset >= 0 && label.offset < length && !seen.contains(label.offset) {
      seen.insert(label.offset)
      result.append(label)
    }
    return result
  }

  /// A vertical axis line at column `axisX` over rows `top ..< top + height`, a tick at
  /// each labelled row, and the labels right-aligned in the `labelWidth` columns to the
  /// left of the line.
  static func drawLeft(
    _ grid: inout Grid, labels: [AxisLabel], axisX: Int, top: Int, height: Int,
    labelWidth: Int, lineStyle: Style, labelStyle: Style, glyphs: Glyphs, ascii: Bool
  ) {
    for row in 0..<max(0, height) {
      grid.put(axisX, top + row, glyphs.vertical, lineStyle)
    }
    let clip = Rect(x: axisX - labelWidth, y: top, width: labelWidth, height: height)
    for label in labels where label.offset >= 0 && label.offset < height {
      grid.put(axisX, top + label.offset, glyphs.tickLeft, lineStyle)
      let length = label.text.unicodeScalars.count
      grid.write(
        label.text, at: Point(x: axisX - length, y: top + label.offset), style: labelStyle,
        clip: clip, asciiOnly: ascii)
    }
  }

  /// A horizontal axis line on row `axisY` from the corner at `cornerX` over the `width`
  /// columns right of it, a tick at each labelled column, and the labels centred under
  /// their ticks on the next row (clipped to `labelClip`, skipping labels that would
  /// touch the previous one).
  static func drawBottom(
    _ grid: inout Grid, labels: [AxisLabel], cornerX: Int, axisY: Int, width: Int,
    labelClip: Rect, lineStyle: Style, labelStyle: Style, glyphs: Glyphs, ascii: Bool
  ) {
    grid.put(cornerX, axisY, glyphs.bottomLeft, lineStyle)
    for column in 0..<max(0, width) {
      grid.put(cornerX + 1 + column, axisY, glyphs.horizontal, lineStyle)
    }
    var lastEnd = Int.min
    for label in labels where label.offset >= 0 && label.offset < width {
      let x = cornerX + 1 + label.offset
      let length = label.text.unicodeScalars.count
      var start = x - (length - 1) / 2
      start = min(start, labelClip.maxX - length)
      start = max(start, labelClip.x)
      guard start > lastEnd, start + length <= labelClip.maxX else { continue }
      grid.put(x, axisY, glyphs.tickDown, lineStyle)
      grid.write(
        label.text, at: Point(x: start, y: axisY + 1), style: labelStyle, clip: labelClip,
        asciiOnly: ascii)
      lastEnd = start + length
    }
  }
}

extension AxisPainter {
  /// Labels for a range laid over `length` cells: the two ends first (they matter most
  /// on a heatmap), then round ticks between them; a later label whose cell is taken by
  /// an earlier one is dropped. With `integers`, ticks less than 1 apart are left out (only
  /// the ends are labelled), so counts such as steps never get fractional labels.
  static func endpointLabels(_ range: ClosedRange<Double>, length: Int, maxCount: Int, integers: Bool = false)
    -> [AxisLabel]
  {
    guard length > 0 else { return [] }
    let map = LinearMap(domain: range, extent: length, flipped: false)
    var labels = [AxisLabel(offset: 0, text: CompactNumber.format(range.lowerBound))]
    if length > 1 && range.upperBound > range.lowerBound {
      labels.append(AxisLabel(offset: length - 1, text: CompactNumber.format(range.upperBound)))
    }
    var ticks = AxisTicks.linear(range.lowerBound, range.upperBound, maxCount: maxCount)
    if integers && ticks.step < 1 { ticks.values = [] }
    let texts = CompactNumber.tickLabels(ticks.values, step: ticks.step)
    for (value, text) in zip(ticks.values, texts) {
      labels.append(AxisLabel(offset: map.dot(value), text: text))
    }
    var seen = Set<Int>()
    return labels.filter { seen.insert($0.offset).inserted }
  }

  /// Writes labels centred under their offsets on one row, in the given (priority)
  /// order, skipping any that would touch an already placed label or leave `clip`.
  static func placeInRow(
    _ grid: inout Grid, labels: [AxisLabel], start: Int, row: Int, clip: Rect, style: Style,
    ascii: Bool
  ) {
    var placed: [Range<Int>] = []
    for label in labels {
      let length = label.text.unicodeScalars.count
      let x = min(max(start + label.offset - (length - 1) / 2, clip.x), clip.maxX - length)
      let span = (x - 1)..<(x + length + 1)
      guard x >= clip.x, !placed.contains(where: { $0.overlaps(span) }) else { continue }
      placed.append(x..<(x + length))
      grid.write(label.text, at: Point(x: x, y: row), style: style, clip: clip, asciiOnly: ascii)
    }
  }
}
