/// One key press, as a terminal backend reports it.
///
/// Keys that have their own case never arrive as `.control` or `.character`: tab (ctrl-i) is
/// `.tab`, Enter (ctrl-m, ctrl-j) is `.enter`, ctrl-h and DEL are `.backspace`, and Esc is
/// `.escape`.
public enum Key: Hashable, Sendable {
  /// A printable character, such as `q`, `?` or a space.
  case character(Unicode.Scalar)
  /// A control chord, ctrl-a … ctrl-z, named by its lowercase letter (`.control("s")`).
  case control(Unicode.Scalar)
  /// Arrow up.
  case up
  /// Arrow down.
  case down
  /// Arrow left.
  case left
  /// Arrow right.
  case right
  /// Home.
  case home
  /// End.
  case end
  /// Page up.
  case pageUp
  /// Page down.
  case pageDown
  /// Insert.
  case insert
  /// Delete (forward delete).
  case delete
  /// Backspace (DEL, ctrl-h).
  case backspace
  /// Enter / Return.
  case enter
  /// Esc on its own.
  case escape
  /// Tab.
  case tab
  /// Shift-tab.
  case backTab
  /// A function key, `F1` is `.function(1)`.
  case function(Int)
  /// The terminal changed size; the app should read the new size and redraw everything.
  case resize
  /// A mouse event (the ncurses backend decodes SGR 1006 reports into these).
  case mouse(MouseEvent)
}

extension Key: CustomStringConvertible {
  /// The key as a help screen shows it: `space`, `ctrl-s`, `Esc`, `Enter`, `↑`, `F1`, `?`,
  /// `tab`, `shift-tab`.
  public var description: String { description(in: .unicode) }

  /// The key as an ASCII-only help screen shows it: arrows become `up`, `down`, `left`,
  /// `right` and non-ASCII characters become `U+XXXX`.
  public var asciiDescription: String { description(in: .ascii) }

  /// The key as a help screen in `mode` shows it (see ``description`` and
  /// ``asciiDescription``).
  public func description(in mode: RenderMode) -> String {
    let ascii = mode.isASCII
    switch self {
    case .character(let scalar):
      return Key.name(of: scalar, asciiOnly: ascii)
    case .control(let scalar):
      return "ctrl-" + Key.name(of: scalar, asciiOnly: ascii)
    case .up: return ascii ? "up" : "\u{2191}"
    case .down: return ascii ? "down" : "\u{2193}"
    case .left: return ascii ? "left" : "\u{2190}"
    case .right: return ascii ? "right" : "\u{2192}"
    case .home: return "Home"
    case .end: return "End"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .insert: return "Ins"
    case .delete: return "Del"
    case .backspace: return "Backspace"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .tab: return "tab"
    case .backTab: return "shift-tab"
    case .function(let number): return "F\(number)"
    case .resize: return "resize"
    case .mouse: return "mouse"
    }
  }

  /// A printable name for a scalar: `space` for U+0020, the scalar itself when it is one
  /// column wide (and ASCII when `asciiOnly`), `U+XXXX` otherwise.
  private static func name(of scalar: Unicode.Scalar, asciiOnly: Bool) -> String {
    if scalar == " " { return "space" }
    if Cell.sanitized(scalar, asciiOnly: asciiOnly) == scalar {
      return String(Character(scalar))
    }
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
