/// One terminal cell: a single Unicode scalar of display width 1 and its style.
///
/// Wide (East Asian wide, emoji), combining and control scalars are never stored:
/// ``Grid`` replaces them with `?` when writing, so every cell is exactly one column.
public struct Cell: Hashable, Sendable {
  /// The glyph.
  public var scalar: Unicode.Scalar
  /// How the glyph looks.
  public var style: Style

  /// Creates a cell; the scalar is used as given (see ``Cell/sanitized(_:)``).
  public init(_ scalar: Unicode.Scalar = " ", style: Style = .plain) {
    self.scalar = scalar
    self.style = style
  }

  /// A blank cell in the default style.
  public static let blank = Cell()

  /// The replacement used for scalars that are not one column wide.
  public static let replacement: Unicode.Scalar = "?"

  /// `scalar` if it occupies exactly one terminal column, `?` otherwise.
  ///
  /// With `asciiOnly`, every scalar at or above U+0080 also becomes `?`.
  public static func sanitized(_ scalar: Unicode.Scalar, asciiOnly: Bool = false) -> Unicode.Scalar
  {
    let v = scalar.value
    if v >= 0x20 && v < 0x7F { return scalar }
    if asciiOnly { return replacement }
    return DisplayWidth.isSingleWidth(scalar) ? scalar : replacement
  }
}

/// Decides whether a scalar occupies exactly one terminal column, without the C library
/// or the locale: control, format and combining scalars are zero-width, East Asian
/// wide/fullwidth and emoji-presentation scalars are two columns, the rest is one.
enum DisplayWidth {
  /// Whether the scalar is printable and exactly one column wide.
  static func isSingleWidth(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return false }
    if v < 0x300 { return v != 0xAD }
    // Box drawing, blocks, shapes, braille: the widgets' own glyphs.
    if v >= 0x2500 && v < 0x2900 { return !isWideSymbol(v) }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark, .format, .control,
      .lineSeparator, .paragraphSeparator, .surrogate, .unassigned:
      return false
    default:
      break
    }
    if scalar.properties.isEmojiPresentation { return false }
    return !isWide(v)
  }

  /// Emoji-presentation symbols inside U+2500…U+28FF (drawn two columns wide).
  private static func isWideSymbol(_ v: UInt32) -> Bool {
    switch v {
    case 0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1,
      0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26D4, 0x26EA,
      0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A, 0x270B, 0x2728,
      0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF:
      return true
    default:
      return false
    }
  }

  /// East Asian Wide and Fullwidth ranges (Unicode 15, abridged to the large blocks).
  private static func isWide(_ v: UInt32) -> Bool {
    switch v {
    case 0x1100...0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
      0x2B1B, 0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
      0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
      0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
      0x16FE0...0x18CFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A,
      0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF,
      0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}
