/// A terminal colour: the terminal's default, one of the 16 named ANSI colours,
/// or an index into the xterm 256-colour palette.
///
/// Indices 0–15 of the 256-colour palette are the named colours, 16–231 the 6×6×6
/// colour cube (`16 + 36·r + 6·g + b`, each of r, g, b in 0…5) and 232–255 a grey ramp.
public enum Color: Hashable, Sendable {
  /// The terminal's own foreground or background colour.
  case `default`
  /// ANSI colour 0.
  case black
  /// ANSI colour 1.
  case red
  /// ANSI colour 2.
  case green
  /// ANSI colour 3.
  case yellow
  /// ANSI colour 4.
  case blue
  /// ANSI colour 5.
  case magenta
  /// ANSI colour 6.
  case cyan
  /// ANSI colour 7.
  case white
  /// ANSI colour 8.
  case brightBlack
  /// ANSI colour 9.
  case brightRed
  /// ANSI colour 10.
  case brightGreen
  /// ANSI colour 11.
  case brightYellow
  /// ANSI colour 12.
  case brightBlue
  /// ANSI colour 13.
  case brightMagenta
  /// ANSI colour 14.
  case brightCyan
  /// ANSI colour 15.
  case brightWhite
  /// A 256-colour palette index.
  case indexed(UInt8)

  /// The 16 named colours in ANSI order (index 0 is `.black`, 15 is `.brightWhite`).
  public static let named: [Color] = [
    .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white,
    .brightBlack, .brightRed, .brightGreen, .brightYellow,
    .brightBlue, .brightMagenta, .brightCyan, .brightWhite,
  ]

  /// The palette index of this colour: 0–15 for named colours, the index itself for
  /// `.indexed`, and `nil` for `.default`.
  public var paletteIndex: UInt8? {
    switch self {
    case .default: return nil
    case .black: return 0
    case .red: return 1
    case .green: return 2
    case .yellow: return 3
    case .blue: return 4
    case .magenta: return 5
    case .cyan: return 6
    case .white: return 7
    case .brightBlack: return 8
    case .brightRed: return 9
    case .brightGreen: return 10
    case .brightYellow: return 11
    case .brightBlue: return 12
    case .brightMagenta: return 13
    case .brightCyan: return 14
    case .brightWhite: return 15
    case .indexed(let index): return index
    }
  }

  /// The colour at a 6×6×6 cube position (each component clamped to 0…5).
  public static func cube(red: Int, green: Int, blue: Int) -> Color {
    let r = min(max(red, 0), 5)
    let g = min(max(green, 0), 5)
    let b = min(max(blue, 0), 5)
    return .indexed(UInt8(16 + 36 * r + 6 * g + b))
  }

  /// The approximate RGB value (xterm defaults) of a palette index.
  public static func rgb(ofIndex index: UInt8) -> (red: Int, green: Int, blue: Int) {
    let i = Int(index)
    if i < 16 {
      return namedRGB[i]
    }
    if i < 232 {
      let n = i - 16
      return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
    }
    let grey = 8 + 10 * (i - 232)
    return (grey, grey, grey)
  }

  /// The intensity of each of the six cube steps.
  static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

  /// xterm's default RGB values for the 16 named colours.
  static let namedRGB: [(red: Int, green: Int, blue: Int)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
    (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
    (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
  ]
}
