/// How many colours a terminal can show.
///
/// Widgets that pick their look by colour depth (heatmap, complex-plane shading) take one; a
/// backend calls ``downgrade(_:)`` on every style before drawing so that any grid can be shown on
/// any terminal.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
  /// No colours at all (`NO_COLOR`, `has_colors()` false): attributes only.
  case monochrome = 0
  /// The 16 named ANSI colours.
  case ansi16 = 16
  /// The xterm 256-colour palette.
  case ansi256 = 256

  /// Orders depths from fewest to most colours.
  public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  /// Maps a style to what this depth can show.
  ///
  /// - `.ansi256` returns the style unchanged.
  /// - `.ansi16` replaces every `.indexed` colour by the nearest named colour
  ///   (indices 0–15 map to their names; others by RGB distance to xterm's defaults).
  /// - `.monochrome` drops both colours and keeps the attributes; a style that had a
  ///   non-default background turns on `reverse`, so highlight bars and selections stay
  ///   visible without colour.
  public func downgrade(_ style: Style) -> Style {
    switch self {
    case .ansi256:
      return style
    case .ansi16:
      var result = style
      result.fg = ColorDepth.nearestNamed(style.fg)
      result.bg = ColorDepth.nearestNamed(style.bg)
      return result
    case .monochrome:
      var result = style
      if style.bg != .default {
        result.reverse = true
      }
      result.fg = .default
      result.bg = .default
      return result
    }
  }

  /// Maps a colour to the nearest of the 16 named colours (or `.default`).
  public static func nearestNamed(_ color: Color) -> Color {
    guard case .indexed(let index) = color else { return color }
    if index < 16 {
      return Color.named[Int(index)]
    }
    let target = Color.rgb(ofIndex: index)
    var best = 0
    var bestDistance = Int.max
    for (i, candidate) in Color.namedRGB.enumerated() {
      let dr = target.red - candidate.red
      let dg = target.green - candidate.green
      let db = target.blue - candidate.blue
      let distance = dr * dr + dg * dg + db * db
      if distance < bestDistance {
        bestDistance = distance
        best = i
      }
    }
    return Color.named[best]
  }
}
