/// A mouse press, release or wheel turn at a cell, as terminals report it with xterm's SGR
/// mouse mode (DECSET 1000 + 1006): `ESC [ < b ; x ; y M` for a press, `… m` for a release,
/// where `x` and `y` are 1-based columns and rows and `b` is the button code
/// (0 left, 1 middle, 2 right, 64 wheel up, 65 wheel down; +4 shift, +8 meta, +16 ctrl,
/// +32 motion).
public struct MouseEvent: Hashable, Sendable {
  /// What happened.
  public enum Kind: Hashable, Sendable {
    /// A button went down: 0 left, 1 middle, 2 right.
    case press(button: Int)
    /// A button came up.
    case release
    /// The wheel turned away from the user (scroll up).
    case wheelUp
    /// The wheel turned towards the user (scroll down).
    case wheelDown
  }

  /// What happened.
  public var kind: Kind
  /// The cell, 0-based: `Point(x: 0, y: 0)` is the top-left corner.
  public var at: Point

  /// An event.
  public init(_ kind: Kind, at: Point) {
    self.kind = kind
    self.at = at
  }

  /// A left click.
  public static func click(x: Int, y: Int) -> MouseEvent { MouseEvent(.press(button: 0), at: Point(x: x, y: y)) }

  /// The event of an SGR report's parameters `b;x;y` and its final byte (`M` press, `m`
  /// release); nil for motion reports, unknown buttons and malformed text.
  public static func sgr(parameters: String, final: Unicode.Scalar) -> MouseEvent? {
    let fields = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
    guard fields.count == 3, let b = fields[0], let x = fields[1], let y = fields[2], x >= 1, y >= 1,
      final == "M" || final == "m"
    else { return nil }
    let at = Point(x: x - 1, y: y - 1)
    let code = b & ~(4 | 8 | 16)  // modifiers do not change what the event means here
    if code & 32 != 0 { return nil }  // motion
    if final == "m" { return MouseEvent(.release, at: at) }
    switch code {
    case 0, 1, 2: return MouseEvent(.press(button: code), at: at)
    case 64: return MouseEvent(.wheelUp, at: at)
    case 65: return MouseEvent(.wheelDown, at: at)
    default: return nil
    }
  }

  /// The bytes a terminal sends for this event in SGR mode (for tests and tmux scripts).
  public var sgrSequence: String {
    let (b, final): (Int, String) =
      switch kind {
      case .press(let button): (button, "M")
      case .release: (0, "m")
      case .wheelUp: (64, "M")
      case .wheelDown: (65, "M")
      }
    return "\u{1b}[<\(b);\(at.x + 1);\(at.y + 1)\(final)"
  }

  /// The escape sequences that turn SGR mouse reporting on (press/release and wheel) and off.
  public static let enableSequence = "\u{1b}[?1000h\u{1b}[?1006h"
  /// See ``enableSequence``.
  public static let disableSequence = "\u{1b}[?1006l\u{1b}[?1000l"
}
