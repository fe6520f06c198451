/// A one-row bar sparkline (`▁▂▃▄▅▆▇█`, or `.:-=+*#%@` in ASCII mode) of the most
/// recent values that fit, newest on the right, optionally framed by its min and max
/// labels (`0.3 ▁▂▅█ 2.4`).
///
/// Each value maps linearly from [min, max] of the shown finite values onto the levels;
/// an all-equal series sits on the middle level; non-finite values leave their cell
/// untouched (a gap).
public struct Sparkline: Widget {
  /// The values, oldest first.
  public var values: [Double]
  /// Bar style.
  public var style: Style
  /// Glyphs.
  public var mode: RenderMode
  /// Whether to show the min label on the left and the max label on the right (dropped
  /// when fewer than 4 bars would remain).
  public var showRange: Bool
  /// A fixed value range instead of the shown values' min and max.
  public var range: ClosedRange<Double>?
  /// Style of the range labels.
  public var labelStyle: Style

  /// Creates a sparkline.
  public init(
    values: [Double], style: Style = .plain, mode: RenderMode = .unicode,
    showRange: Bool = false, range: ClosedRange<Double>? = nil, labelStyle: Style = Style(dim: true)
  ) {
    self.values = values
    self.style = style
    self.mode = mode
    self.showRange = showRange
    self.range = range
    self.labelStyle = labelStyle
  }

  /// The level (0 = lowest bar) of each value, `nil` for non-finite ones.
  public static func levels(_ values: [Double], count: Int, range: ClosedRange<Double>?) -> [Int?] {
    let finite = values.filter(\.isFinite)
    guard count > 0, let low = range?.lowerBound ?? finite.min(),
      let high = range?.upperBound ?? finite.max()
    else { return values.map { _ in nil } }
    return values.map { value -> Int? in
      guard value.isFinite else { return nil }
      guard high > low else { return (count - 1) / 2 }
      let ratio = (value - low) / (high - low)
      let t = ratio.isFinite ? min(max(ratio, 0), 1) : (value > low ? 1 : 0)
      return Int((t * Double(count - 1)).rounded())
    }
  }

  /// Draws on the first row of `area`.
  public func render(in area: Rect, into grid: inout Grid) {
    let area = area.intersection(grid.bounds)
    guard !area.isEmpty else { return }
    let bars = mode.glyphs.bars
    var left = ""
    var right = ""
    var barArea = area.row(0)
    if showRange {
      let shown = Array(values.suffix(max(1, area.width)))
      let finite = shown.filter(\.isFinite)
      if let low = range?.lowerBound ?? finite.min(), let high = range?.upperBound ?? finite.max() {
        left = CompactNumber.format(low) + " "
        right = " " + CompactNumber.format(high)
      }
      let remaining = area.width - left.count - right.count
      if remaining >= 4 {
        barArea = Rect(x: area.x + left.count, y: area.y, width: remaining, height: 1)
      } else {
        left = ""
        right = ""
      }
    }
    let shown = Array(values.suffix(barArea.width))
    let levels = Sparkline.levels(shown, count: bars.count, range: range)
    for (i, level) in levels.enumerated() {
      guard let level else { continue }
      grid.put(barArea.x + i, barArea.y, bars[level], style)
    }
    if !left.isEmpty {
      grid.write(left, at: area.origin, style: labelStyle, clip: area, asciiOnly: mode.isASCII)
      grid.write(
        right, at: Point(x: barArea.x + shown.count, y: area.y), style: labelStyle,
        clip: area, asciiOnly: mode.isASCII)
    }
  }
}
