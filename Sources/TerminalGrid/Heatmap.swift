import RealModule

/// A matrix of values drawn as colours.
///
/// For example ‖∂L/∂h_k‖ with time step k along x (columns) and training step along y
/// (rows; row 0 at the top).
///
/// Looks, by mode and depth:
/// - `.unicode` + `.ansi256`: two matrix pixels per cell with `▀` (top pixel in the
///   foreground, bottom pixel in the background), coloured with ``ColorRamp/viridis256``;
/// - `.unicode` + `.ansi16` / `.monochrome`: one pixel per cell as a shade `░▒▓█`,
///   coloured with ``ColorRamp/ansi16`` in 16 colours;
/// - `.ascii`: one pixel per cell from `.:-=+*#%@`, coloured by depth.
/// Non-finite values are distinct: ``ColorRamp/missing`` (red) as a colour, `×` (`x`) as
/// a glyph. When the matrix has more rows or columns than pixels, each pixel shows the
/// largest finite value it covers (so spikes stay visible); when fewer, values repeat.
///
/// Layout: a title row (areas ≥ 4 rows), y labels on the left when `yRange` is set,
/// x labels under the map when `xRange` is set, and a colour-scale row
/// (`min ▁ramp█ max`, plus `× nan` when values are missing) when `showScale` is set and
/// the area is at least 6 rows tall.
public struct Heatmap: Widget {
  /// The values: `values[row][column]`; short rows are padded with NaN.
  public var values: [[Double]]
  /// Title, top left.
  public var title: String
  /// Colour by log10 of the value (values ≤ 0 take the lowest colour).
  public var logScale: Bool
  /// Glyphs.
  public var mode: RenderMode
  /// Colours available.
  public var depth: ColorDepth
  /// The x value of the first and last column, for x tick labels; `nil` for none.
  public var xRange: ClosedRange<Double>?
  /// The y value of the first (top) and last row, for y tick labels; `nil` for none.
  public var yRange: ClosedRange<Double>?
  /// The ranges count whole things (steps): no tick labels between integers.
  public var integerLabels: Bool
  /// Whether to draw the colour-scale row.
  public var showScale: Bool
  /// Style of titles and labels.
  public var labelStyle: Style

  /// Creates a heatmap.
  public init(
    values: [[Double]], title: String = "", logScale: Bool = false, mode: RenderMode = .unicode,
    depth: ColorDepth = .ansi256, xRange: ClosedRange<Double>? = nil,
    yRange: ClosedRange<Double>? = nil, showScale: Bool = true, labelStyle: Style = .plain,
    integerLabels: Bool = false
  ) {
    self.values = values
    self.title = title
    self.logScale = logScale
    self.mode = mode
    self.depth = depth
    self.xRange = xRange
    self.yRange = yRange
    self.integerLabels = integerLabels
    self.showScale = showScale
    self.labelStyle = labelStyle
  }

  /// Number of rows and columns of the matrix.
  var shape: (rows: Int, columns: Int) {
    (values.count, values.map(\.count).max() ?? 0)
  }

  /// The value used for colouring (log10 with `logScale`; −∞ for values ≤ 0 there).
  func scaled(_ value: Double) -> Double {
    guard logScale, value.isFinite else { return value }
    return value > 0 ? Double.log10(value) : -.infinity
  }

  /// The smallest and largest finite scaled value (values ≤ 0 ignored with `logScale`).
  ///
  /// Extremes are found in data units and scaled once (log10 is monotonic).
  func valueRange() -> (low: Double, high: Double)? {
    var low = Double.infinity
    var high = -Double.infinity
    for row in values {
      for value in row where value.isFinite && (!logScale || value > 0) {
        low = min(low, value)
        high = max(high, value)
      }
    }
    return low <= high ? (scaled(low), scaled(high)) : nil
  }

  /// Resamples the matrix to `width × height` pixels, each the scaled largest finite
  /// value it covers, or NaN when it covers none (missing).
  func pixels(width: Int, height: Int) -> [Double] {
    let (rows, columns) = shape
    guard width > 0, height > 0, rows > 0, columns > 0 else { return [] }
    var result = [Double](repeating: .nan, count: width * height)
    let columnBins = Heatmap.bins(columns, into: width)
    let rowBins = Heatmap.bins(rows, into: height)
    var rowMaxima = [Double](repeating: .nan, count: width)
    for py in 0..<height {
      for px in 0..<width {
        rowMaxima[px] = -.infinity
      }
      for r in rowBins[py] {
        let row = values[r]
        for px in 0..<width {
          var best = rowMaxima[px]
          for c in columnBins[px] where c < row.count && row[c].isFinite {
            best = max(best, row[c])
          }
          rowMaxima[px] = best
        }
      }
      for px in 0..<width {
        let best = rowMaxima[px]
        result[py * width + px] = best == -.infinity ? .nan : scaled(best)
      }
    }
    return result
  }

  /// For each of `pixels` bins, the range of source indices it covers: contiguous,
  /// non-empty, together covering `0..<count` when count ≥ pixels.
  static func bins(_ count: Int, into pixels: Int) -> [Range<Int>] {
    (0..<pixels).map { p in
      let start = p * count / pixels
      let end = max(start + 1, (p + 1) * count / pixels)
      return start..<min(end, count)
    }
  }
}
