/// How a cell looks: foreground and background colours plus text attributes.
public struct Style: Hashable, Sendable {
  /// The foreground (glyph) colour.
  public var fg: Color
  /// The background colour.
  public var bg: Color
  /// Bold (bright) text.
  public var bold: Bool
  /// Dim (faint) text.
  public var dim: Bool
  /// Swapped foreground and background.
  public var reverse: Bool
  /// Underlined text.
  public var underline: Bool

  /// Creates a style; every part defaults to the terminal's plain look.
  public init(
    fg: Color = .default, bg: Color = .default, bold: Bool = false,
    dim: Bool = false, reverse: Bool = false, underline: Bool = false
  ) {
    self.fg = fg
    self.bg = bg
    self.bold = bold
    self.dim = dim
    self.reverse = reverse
    self.underline = underline
  }

  /// The terminal's default look: default colours, no attributes.
  public static let plain = Style()

  /// This style with another foreground colour.
  public func foreground(_ color: Color) -> Style {
    var copy = self
    copy.fg = color
    return copy
  }

  /// This style with another background colour.
  public func background(_ color: Color) -> Style {
    var copy = self
    copy.bg = color
    return copy
  }

  /// This style made bold.
  public var bolded: Style {
    var copy = self
    copy.bold = true
    return copy
  }

  /// This style made dim.
  public var dimmed: Style {
    var copy = self
    copy.dim = true
    return copy
  }

  /// This style with foreground and background swapped.
  public var reversed: Style {
    var copy = self
    copy.reverse = true
    return copy
  }
}
