import ComplexModule
import RealModule

/// The complex plane at equal scale with a shaded region (an integrator's stability
/// region {z : |R(z)| ≤ 1}, given as a predicate), its boundary, the axes, an optional
/// unit circle, and points (eigenvalues hλ) marked by whether the predicate holds there.
///
/// Drawing, back to front:
/// 1. region: cells where at least half the dots satisfy `region` get a dim background
///    (``Palette/regionBackground256`` / ``Palette/regionBackground16``), or the pattern
///    `░` (`.` in ASCII) in monochrome or ASCII mode;
/// 2. the real and imaginary axes through 0 (`─ │ ┼`) where they are in view;
/// 3. the unit circle, then the region's boundary, as braille dots (`*` and `#` cells in
///    ASCII mode). The predicate is evaluated once per dot (2×4 per cell; 1×2 in ASCII);
///    a boundary dot satisfies it while a 4-neighbour does not;
/// 4. point markers: `●` (`o`) where `region` holds, `×` (`X`) where it does not
///    (without a region every point counts as inside); a point outside the viewport is
///    drawn on the nearest edge cell as an arrow pointing its way (`← → ↑ ↓ ↖ ↗ ↙ ↘`,
///    `< > ^ v \ /` in ASCII). Outside markers win a shared cell.
/// Around the plot: a title row with a legend (areas ≥ 4 rows) and, when at least 5
/// rows remain and the area is at least 12 wide, a left `im` axis and a bottom `re` axis
/// with tick labels. The viewport is ``ComplexViewport/fitting(re:im:columns:rows:cellAspect:)``
/// of the window over the plot cells.
public struct ComplexPlanePlot: Widget {
  /// A set of the plane given by membership.
  public typealias Predicate = @Sendable (Complex<Double>) -> Bool

  /// Colours and styles of the plot's parts.
  public struct Palette: Sendable {
    /// Background of region cells in 256-colour mode.
    public var regionBackground256: Color = .indexed(236)
    /// Background of region cells in 16-colour mode.
    public var regionBackground16: Color = .blue
    /// The region's boundary dots.
    public var boundary: Style = Style(fg: .cyan)
    /// The unit circle.
    public var unitCircle: Style = Style(fg: .yellow, dim: true)
    /// The axes through 0 and the frame.
    public var axis: Style = Style(dim: true)
    /// Markers of points inside the region.
    public var inside: Style = Style(fg: .brightGreen, bold: true)
    /// Markers of points outside the region.
    public var outside: Style = Style(fg: .brightRed, bold: true)
    /// Tick labels and legend text.
    public var label: Style = .plain
    /// The title.
    public var title: Style = Style(bold: true)

    /// The default palette.
    public init() {}
  }

  /// The window that must be visible: real range.
  public var re: ClosedRange<Double>
  /// The window that must be visible: imaginary range.
  public var im: ClosedRange<Double>
  /// The region to shade and to classify points by; `nil` for none.
  public var region: Predicate?
  /// The points to mark.
  public var points: [Complex<Double>]
  /// Whether to draw |z| = 1.
  public var showUnitCircle: Bool
  /// Title, top left.
  public var title: String
  /// Legend text for points inside the region.
  public var insideLabel: String
  /// Legend text for points outside the region.
  public var outsideLabel: String
  /// Glyphs.
  public var mode: RenderMode
  /// Colours available (decides between background shading and a pattern).
  public var depth: ColorDepth
  /// Height of a terminal cell divided by its width (2 for most fonts).
  public var cellAspect: Double
  /// Colours and styles.
  public var palette: Palette

  /// Creates a plot.
  ///
  /// The default window is DiffEqDevTools' stability-plot window, Re −6…1 × Im −5…5.
  public init(
    re: ClosedRange<Double> = -6...1, im: ClosedRange<Double> = -5...5,
    region: Predicate? = nil, points: [Complex<Double>] = [], showUnitCircle: Bool = false,
    title: String = "", insideLabel: String = "stable", outsideLabel: String = "unstable",
    mode: RenderMode = .unicode, depth: ColorDepth = .ansi256, cellAspect: Double = 2,
    palette: Palette = Palette()
  ) {
    self.re = re
    self.im = im
    self.region = region
    self.points = points
    self.showUnitCircle = showUnitCircle
    self.title = title
    self.insideLabel = insideLabel
    self.outsideLabel = outsideLabel
    self.mode = mode
    self.depth = depth
    self.cellAspect = cellAspect
    self.palette = palette
  }

  /// Whether a point counts as inside (true without a region).
  public func isInside(_ z: Complex<Double>) -> Bool {
    region?(z) ?? true
  }

  /// Whether the region is drawn as a glyph pattern rather than a background colour.
  var usesPattern: Bool { mode == .ascii || depth == .monochrome }

  /// The region background colour for this depth.
  var regionBackground: Color {
    depth == .ansi256 ? palette.regionBackground256 : palette.regionBackground16
  }

  /// The arrow for a point clamped in direction (`dx`, `dy`), each −1, 0 or 1.
  static func arrow(dx: Int, dy: Int, glyphs: Glyphs) -> Unicode.Scalar {
    switch (dx, dy) {
    case (-1, 0): return glyphs.arrows[0]
    case (1, 0): return glyphs.arrows[1]
    case (0, -1): return glyphs.arrows[2]
    case (0, 1): return glyphs.arrows[3]
    case (-1, -1): return glyphs.arrows[4]
    case (1, -1): return glyphs.arrows[5]
    case (-1, 1): return glyphs.arrows[6]
    default: return glyphs.arrows[7]
    }
  }

  /// The legend spans: an inside and an outside marker with their labels.
  func legend(glyphs: Glyphs) -> [Span] {
    guard region != nil || !points.isEmpty else { return [] }
    var spans = [
      Span(String(glyphs.markerInside), style: palette.inside),
      Span(" " + insideLabel, style: palette.label),
    ]
    if region != nil {
      spans += [
        Span("  "), Span(String(glyphs.markerOutside), style: palette.outside),
        Span(" " + outsideLabel, style: palette.label),
      ]
    }
    return spans
  }
}
