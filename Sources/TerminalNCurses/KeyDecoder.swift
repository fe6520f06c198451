import CNCurses
import TerminalGrid

/// What one `wget_wch` call produced: a character, or a key code (`KEY_CODE_YES`).
enum RawInput: Hashable, Sendable {
  /// A character code (the `wint_t` of an `OK` result).
  case character(UInt32)
  /// An ncurses key code such as `KEY_UP` (the `wint_t` of a `KEY_CODE_YES` result).
  case keyCode(Int32)
}

/// Turns `wget_wch` results into ``Key``s; pure, so it is tested without a terminal.
enum KeyDecoder {
  /// The highest function key number ncurses reserves codes for (`KEY_F(63)`).
  static let maxFunctionKey: Int32 = 63

  /// The key for an input, or `nil` for codes the app has no use for (mouse, unknown
  /// function codes, NUL, C1 controls, lone control codes without a meaning).
  static func decode(_ input: RawInput) -> Key? {
    switch input {
    case .character(let code): return decodeCharacter(code)
    case .keyCode(let code): return decodeKeyCode(code)
    }
  }

  /// Characters: control codes first, then printable scalars.
  static func decodeCharacter(_ code: UInt32) -> Key? {
    switch code {
    case 8, 127: return .backspace
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 1...26:
      guard let letter = Unicode.Scalar(code + 0x60) else { return nil }
      return .control(letter)
    case 0..<32, 0x80..<0xA0: return nil
    default:
      guard let scalar = Unicode.Scalar(code) else { return nil }
      return .character(scalar)
    }
  }

  /// Key codes (`KEY_*` from `<curses.h>`).
  static func decodeKeyCode(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_IC: return .insert
    case KEY_DC: return .delete
    case KEY_BACKSPACE: return .backspace
    case KEY_ENTER: return .enter
    case KEY_BTAB: return .backTab
    case KEY_RESIZE: return .resize
    case (KEY_F0 + 1)...(KEY_F0 + maxFunctionKey): return .function(Int(code - KEY_F0))
    default: return nil
    }
  }
}
