/// A key press, decoded by the terminal backend.
public enum Key: Hashable, Sendable {
  /// A printable character.
  case character(Unicode.Scalar)
  /// ctrl plus a letter, as the lowercase letter.
  case control(Unicode.Scalar)
  case up, down, left, right, home, end, pageUp, pageDown, insert, delete, backspace, enter
  case escape, tab, backTab
  /// F1…F12.
  case function(Int)
  /// The terminal changed size.
  case resize
}
