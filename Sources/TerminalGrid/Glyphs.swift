/// Which characters widgets may use: `.unicode` needs a UTF-8 locale and a font with
/// box drawing, block elements and braille; `.ascii` is the fallback for other locales
/// (htop's rule: check `nl_langinfo(CODESET)`), where every widget emits bytes < 0x80 only.
public enum RenderMode: Hashable, Sendable {
  /// Box drawing, block elements, shades and braille.
  case unicode
  /// Printable ASCII only.
  case ascii

  /// The glyph table for this mode.
  public var glyphs: Glyphs { self == .ascii ? .ascii : .unicode }

  /// Whether text written in this mode must be reduced to ASCII.
  public var isASCII: Bool { self == .ascii }
}

/// The characters every widget draws with, one table per ``RenderMode``.
public struct Glyphs: Sendable {
  /// Horizontal line: `─` or `-`.
  public let horizontal: Unicode.Scalar
  /// Vertical line: `│` or `|`.
  public let vertical: Unicode.Scalar
  /// Top-left corner: `┌` or `+`.
  public let topLeft: Unicode.Scalar
  /// Top-right corner: `┐` or `+`.
  public let topRight: Unicode.Scalar
  /// Bottom-left corner: `└` or `+`.
  public let bottomLeft: Unicode.Scalar
  /// Bottom-right corner: `┘` or `+`.
  public let bottomRight: Unicode.Scalar
  /// A tick on a vertical axis, pointing left: `┤` or `+`.
  public let tickLeft: Unicode.Scalar
  /// A tick on a horizontal axis, pointing down: `┬` or `+`.
  public let tickDown: Unicode.Scalar
  /// Two axes crossing: `┼` or `+`.
  public let cross: Unicode.Scalar
  /// The mark at the end of truncated text: `…` or `~`.
  public let ellipsis: Unicode.Scalar
  /// Sparkline levels, lowest first: `▁▂▃▄▅▆▇█` or `.:-=+*#%@`.
  public let bars: [Unicode.Scalar]
  /// Shades, lightest first, starting with blank: ` ░▒▓█` or ` .:=#`.
  public let shades: [Unicode.Scalar]
  /// The light pattern used to mark a region without colour: `░` or `.`.
  public let regionShade: Unicode.Scalar
  /// Upper half block `▀` (the heatmap's two-pixels-per-cell glyph), or `#`.
  public let upperHalf: Unicode.Scalar
  /// A marker for a point inside a set: `●` or `o`.
  public let markerInside: Unicode.Scalar
  /// A marker for a point outside a set: `×` or `X`.
  public let markerOutside: Unicode.Scalar
  /// A marker for a non-finite value: `×` or `x`.
  public let missing: Unicode.Scalar
  /// Arrows for clamped points: left, right, up, down, up-left, up-right, down-left,
  /// down-right.
  public let arrows: [Unicode.Scalar]
  /// The legend swatch for a line series: `─` or `-`.
  public let legendLine: Unicode.Scalar

  /// The Unicode table.
  public static let unicode = Glyphs(
    horizontal: "\u{2500}", vertical: "\u{2502}", topLeft: "\u{250C}", topRight: "\u{2510}",
    bottomLeft: "\u{2514}", bottomRight: "\u{2518}", tickLeft: "\u{2524}",
    tickDown: "\u{252C}", cross: "\u{253C}", ellipsis: "\u{2026}",
    bars: [
      "\u{2581}", "\u{2582}", "\u{2583}", "\u{2584}", "\u{2585}", "\u{2586}", "\u{2587}",
      "\u{2588}",
    ],
    shades: [" ", "\u{2591}", "\u{2592}", "\u{2593}", "\u{2588}"],
    regionShade: "\u{2591}", upperHalf: "\u{2580}", markerInside: "\u{25CF}",
    markerOutside: "\u{00D7}", missing: "\u{00D7}",
    arrows: [
      "\u{2190}", "\u{2192}", "\u{2191}", "\u{2193}", "\u{2196}", "\u{2197}",
      "\u{2199}", "\u{2198}",
    ],
    legendLine: "\u{2500}")

  /// The ASCII table.
  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
    bottomRight: "+", tickLeft: "+", tickDown: "+", cross: "+", ellipsis: "~",
    bars: [".", ":", "-", "=", "+", "*", "#", "%", "@"],
    shades: [" ", ".", ":", "=", "#"],
    regionShade: ".", upperHalf: "#", markerInside: "o", markerOutside: "X", missing: "x",
    arrows: ["<", ">", "^", "v", "\\", "/", "/", "\\"],
    legendLine: "-")

  /// The heatmap's ASCII intensity ramp, lowest first.
  public static let asciiRamp: [Unicode.Scalar] = [
    " ", ".", ":", "-", "=", "+", "*", "#", "%", "@",
  ]
}
