import TerminalGrid

/// Drawing helpers shared by the screens: mode-aware text (ASCII transliteration), boxes,
/// the palette.
struct Painter {
  let mode: RenderMode
  let depth: ColorDepth

  var ascii: Bool { mode == .ascii }

  /// The text as this mode can show it: in ASCII mode, spelled out (`ASCIISpelling`).
  func text(_ s: String) -> String { ascii ? ASCIISpelling.spell(s) : s }

  /// `s` as this mode shows it, in at most `width` characters: shortened in the middle with
  /// `…` (`...` in ASCII mode, counted as the three characters it is).
  func middle(_ s: String, _ width: Int) -> String {
    SessionColumns.middle(text(s), width, ellipsis: ascii ? "..." : "…")
  }

  /// Writes text clipped to `clip`.
  @discardableResult
  func write(_ grid: inout Grid, _ s: String, _ x: Int, _ y: Int, _ style: Style = .plain, clip: Rect) -> Int {
    grid.write(text(s), at: Point(x: x, y: y), style: style, clip: clip, asciiOnly: ascii)
  }

  /// A titled box; returns its inside. A focused box has a bold, coloured border.
  func box(_ grid: inout Grid, _ rect: Rect, _ title: String, focused: Bool = false) -> Rect {
    let style = focused ? Style(fg: .cyan, bold: true) : Style(dim: true)
    let inner = grid.box(rect, title: nil, style: style, ascii: ascii)
    if rect.width > 4 {
      write(&grid, " \(title) ", rect.x + 2, rect.y, Style(bold: true), clip: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1))
    }
    return inner
  }

  /// Series colours, stable by index.
  static let palette: [Color] = [.cyan, .yellow, .magenta, .green, .blue, .red, .brightCyan, .brightYellow]

  /// Colours of compared runs, in selection order: ten well-separated xterm-256 colours
  /// (Okabe–Ito-like), or eight named ones on 16-colour terminals.
  var runColors: [Color] {
    depth >= .ansi256
      ? [39, 214, 171, 77, 203, 227, 33, 250, 37, 130].map { .indexed($0) }
      : [.cyan, .yellow, .magenta, .green, .red, .blue, .white, .brightRed]
  }

  /// The colour of the `index`th compared run: the palette's, cycling.
  func runColor(_ index: Int) -> Color { runColors[index % runColors.count] }

  /// The marker of the `index`th compared run: none while the palette has a colour of its
  /// own for it; past the palette, runs reuse colours and are told apart by a marker
  /// (`+`, `x`, `o`, `#`, `%`, by round of the palette).
  func runMarker(_ index: Int) -> Unicode.Scalar? {
    let round = index / runColors.count
    guard round > 0 else { return nil }
    return Self.markers[(round - 1) % Self.markers.count]
  }

  static let markers: [Unicode.Scalar] = ["+", "x", "o", "#", "%"]
}
