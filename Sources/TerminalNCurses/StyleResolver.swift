import TerminalGrid

/// The text attributes a cell is drawn with (ncurses `A_*` bits, before mapping).
struct TextAttributes: OptionSet, Hashable, Sendable {
  let rawValue: UInt8
  /// `A_BOLD`.
  static let bold = TextAttributes(rawValue: 1)
  /// `A_DIM`.
  static let dim = TextAttributes(rawValue: 2)
  /// `A_REVERSE`.
  static let reverse = TextAttributes(rawValue: 4)
  /// `A_UNDERLINE`.
  static let underline = TextAttributes(rawValue: 8)
}

/// A style as the terminal draws it: attributes plus a colour pair number.
struct ResolvedStyle: Hashable, Sendable {
  /// The attributes.
  var attributes: TextAttributes
  /// The colour pair number (0: the terminal's defaults).
  var pair: Int16
}

/// Maps ``Style``s to what the terminal draws: downgrades to the colour depth, maps colours to
/// ncurses numbers (``Capabilities/colorNumber(_:colors:defaultColors:foreground:)``) and
/// pairs (``ColorPairCache``), and remembers the answer per style.
///
/// Pure; the terminal `init_pair`s each pair returned in `newPair`.
struct StyleResolver: Sendable {
  /// The depth every style is downgraded to first.
  let depth: ColorDepth
  /// Colours the terminal has (`COLORS`).
  let colors: Int
  /// Whether -1 means the terminal's default colour (`use_default_colors` succeeded).
  let defaultColors: Bool
  /// The pair pool.
  private(set) var pairs: ColorPairCache
  private var memo: [Style: ResolvedStyle] = [:]

  /// Creates a resolver; `pairCapacity` is the number of allocatable pairs (`COLOR_PAIRS - 1`).
  init(depth: ColorDepth, colors: Int, defaultColors: Bool, pairCapacity: Int) {
    self.depth = depth
    self.colors = colors
    self.defaultColors = defaultColors
    let base =
      defaultColors
      ? ColorPair(foreground: -1, background: -1)
      : ColorPair(
        foreground: 7, background: 0)
    self.pairs = ColorPairCache(capacity: depth == .monochrome ? 0 : pairCapacity, basePair: base)
  }

  /// How to draw `style`, and the pair to `init_pair` first if this call allocated one.
  mutating func resolve(_ style: Style) -> (style: ResolvedStyle, newPair: (Int16, ColorPair)?) {
    if let known = memo[style] { return (known, nil) }
    let shown = depth.downgrade(style)
    var attributes = TextAttributes()
    if shown.bold { attributes.insert(.bold) }
    if shown.dim { attributes.insert(.dim) }
    if shown.reverse { attributes.insert(.reverse) }
    if shown.underline { attributes.insert(.underline) }
    var number: Int16 = 0
    var newPair: (Int16, ColorPair)?
    if depth != .monochrome {
      let fg = Capabilities.colorNumber(
        shown.fg, colors: colors, defaultColors: defaultColors, foreground: true)
      let bg = Capabilities.colorNumber(
        shown.bg, colors: colors, defaultColors: defaultColors, foreground: false)
      if fg.brighten { attributes.insert(.bold) }
      let pair = ColorPair(foreground: fg.number, background: bg.number)
      let resolution = pairs.resolve(pair)
      if case .allocated(let n) = resolution { newPair = (n, pair) }
      number = resolution.pairNumber
    }
    let resolved = ResolvedStyle(attributes: attributes, pair: number)
    memo[style] = resolved
    return (resolved, newPair)
  }
}
