import RealModule

/// One named, coloured series of a ``LineChart``.
public struct LineSeries: Sendable {
  /// The legend name.
  public var name: String
  /// The points, in increasing x (training steps, usually); non-finite points are skipped.
  public var points: [(x: Double, y: Double)]
  /// The line colour.
  public var color: Color
  /// A glyph stamped along the line every ``LineChart/markerSpacing`` columns, in the line's
  /// colour (nil: none): tells apart series that share a colour.
  public var marker: Unicode.Scalar?

  /// Creates a series.
  public init(name: String, points: [(x: Double, y: Double)], color: Color = .default, marker: Unicode.Scalar? = nil) {
    self.name = name
    self.points = points
    self.color = color
    self.marker = marker
  }

  /// Creates a series from y values at x = 0, 1, 2 and so on.
  public init(name: String, values: [Double], color: Color = .default) {
    self.init(
      name: name, points: values.enumerated().map { (Double($0.offset), $0.element) }, color: color)
  }
}

/// A multi-series line chart drawn with braille dots (or `' . :` in ASCII mode), with a
/// title, a legend, tick-labelled axes, optional log-y and optional TensorBoard-style
/// smoothing.
///
/// Layout inside the area: a title row (title left, legend right) when the area is at
/// least 4 rows tall; axes when at least 5 rows remain below it and the area is at least
/// 12 columns wide (the y labels left of a `│` line, an `└───` line with x labels under
/// it); the plot fills the rest. Areas smaller than 2×2 draw nothing.
///
/// Data handling:
/// - non-finite points (and, with `logY`, points ≤ 0) are skipped, the line joining
///   their neighbours;
/// - each series is aggregated per dot column keeping first, last, lowest and highest
///   value (``Bucketing``), so spikes stay visible however many points there are;
/// - with `smoothing` w > 0, each series is drawn twice: the raw values dim, then the
///   debiased EMA (``Smoothing/ema(_:weight:)``) in full colour on top;
/// - an all-equal range is widened by 10 % of the value (±1 around 0; ± one decade with
///   `logY`) so the flat line sits in the middle; a single x is widened the same way;
/// - no finite point at all draws `emptyMessage` centred in the plot area.
public struct LineChart: Widget {
  /// The series, drawn in order (later series win a shared cell's colour).
  public var series: [LineSeries]
  /// The title, top left; empty for none.
  public var title: String
  /// Log-scale y: values ≤ 0 skipped, ticks at powers of ten, the range widened to
  /// whole decades.
  public var logY: Bool
  /// The EMA smoothing weight in [0, 1); 0 turns smoothing off (TensorBoard uses 0.6).
  public var smoothing: Double
  /// Glyphs: braille and box drawing, or ASCII.
  public var mode: RenderMode
  /// A fixed x range instead of the data's.
  public var xRange: ClosedRange<Double>?
  /// A fixed y range (in data units, also with `logY`) instead of the data's.
  public var yRange: ClosedRange<Double>?
  /// Whether to show the legend in the title row.
  public var showLegend: Bool
  /// Style of the axis lines.
  public var axisStyle: Style
  /// Style of the tick labels.
  public var labelStyle: Style
  /// Style of the title.
  public var titleStyle: Style
  /// What to say when there is nothing to draw.
  public var emptyMessage: String

  /// Creates a chart.
  public init(
    series: [LineSeries], title: String = "", logY: Bool = false, smoothing: Double = 0,
    mode: RenderMode = .unicode, xRange: ClosedRange<Double>? = nil,
    yRange: ClosedRange<Double>? = nil, showLegend: Bool = true,
    axisStyle: Style = Style(dim: true), labelStyle: Style = .plain,
    titleStyle: Style = Style(bold: true), emptyMessage: String = "no data yet"
  ) {
    self.series = series
    self.title = title
    self.logY = logY
    self.smoothing = smoothing
    self.mode = mode
    self.xRange = xRange
    self.yRange = yRange
    self.showLegend = showLegend
    self.axisStyle = axisStyle
    self.labelStyle = labelStyle
    self.titleStyle = titleStyle
    self.emptyMessage = emptyMessage
  }

  /// One drawn line: its plottable points in data units and a style.
  struct Layer {
    var points: [(x: Double, y: Double)]
    var style: Style
    var marker: Unicode.Scalar? = nil
  }

  /// Columns between two markers of a series.
  public static let markerSpacing = 6

  /// The lines to draw, raw (dim) before smoothed, keeping only finite points (and,
  /// with `logY`, positive y).
  func layers() -> [Layer] {
    var result: [Layer] = []
    for item in series {
      let ys = item.points.map(\.y)
      let base = Style(fg: item.color)
      if smoothing > 0 {
        result.append(Layer(points: plotted(item.points, ys), style: base.dimmed))
        result.append(
          Layer(points: plotted(item.points, Smoothing.ema(ys, weight: smoothing)), style: base, marker: item.marker))
      } else {
        result.append(Layer(points: plotted(item.points, ys), style: base, marker: item.marker))
      }
    }
    return result
  }

  /// `y` in plotted space: log10 with `logY`.
  func transform(_ y: Double) -> Double {
    logY ? Double.log10(y) : y
  }

  private func plotted(_ points: [(x: Double, y: Double)], _ ys: [Double]) -> [(
    x: Double, y: Double
  )] {
    var out: [(x: Double, y: Double)] = []
    out.reserveCapacity(points.count)
    for (point, y) in zip(points, ys) where point.x.isFinite && y.isFinite && (!logY || y > 0) {
      out.append((point.x, y))
    }
    return out
  }
}
