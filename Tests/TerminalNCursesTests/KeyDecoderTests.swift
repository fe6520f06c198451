import CNCurses
import Testing

@testable import TerminalGrid
@testable import TerminalNCurses

@Suite struct KeyDecoderTests {
  /// Key codes with their octal values from `<curses.h>` as an independent oracle.
  @Test(arguments: [
    (Int32(0o403), Key.up), (0o402, .down), (0o404, .left), (0o405, .right), (0o406, .home),
    (0o550, .end), (0o523, .pageUp), (0o522, .pageDown), (0o513, .insert), (0o512, .delete),
    (0o407, .backspace), (0o527, .enter), (0o541, .backTab), (0o632, .resize),
    (0o411, .function(1)), (0o424, .function(12)), (0o507, .function(63)),
  ])
  func keyCodes(code: Int32, expected: Key) {
    #expect(KeyDecoder.decode(.keyCode(code)) == expected)
  }

  @Test func headerConstantsAgreeWithTheOracle() {
    #expect(KEY_UP == 0o403)
    #expect(KEY_BTAB == 0o541)
    #expect(KEY_F0 == 0o410)
    #expect(KEY_RESIZE == Int32(cn_key_resize()))
    #expect(KeyDecoder.decode(.keyCode(KEY_F0 + 7)) == .function(7))
  }

  @Test(arguments: [Int32(0o410), 0o510, 0o631, 0o777, 0, -1])
  func unusedKeyCodesAreIgnored(code: Int32) {
    #expect(KeyDecoder.decode(.keyCode(code)) == nil)
  }

  @Test(arguments: [
    (UInt32(127), Key.backspace), (8, .backspace), (10, .enter), (13, .enter), (27, .escape),
    (9, .tab), (1, .control("a")), (19, .control("s")), (26, .control("z")),
    (3, .control("c")), (12, .control("l")), (32, .character(" ")), (113, .character("q")),
    (63, .character("?")), (0xE9, .character("\u{E9}")), (0x28FF, .character("\u{28FF}")),
    (0x1F600, .character("\u{1F600}")),
  ])
  func characters(code: UInt32, expected: Key) {
    #expect(KeyDecoder.decode(.character(code)) == expected)
  }

  @Test(arguments: [UInt32(0), 28, 29, 30, 31, 0x80, 0x9B, 0xD800, 0x110000])
  func meaninglessCharactersAreIgnored(code: UInt32) {
    #expect(KeyDecoder.decode(.character(code)) == nil)
  }

  @Test func everyControlLetterExceptTheNamedOnesIsAControlKey() {
    let named: [UInt32: Key] = [8: .backspace, 9: .tab, 10: .enter, 13: .enter]
    for code in UInt32(1)...26 {
      let expected = named[code] ?? .control(Unicode.Scalar(UInt8(code + 0x60)))
      #expect(KeyDecoder.decode(.character(code)) == expected, "code \(code)")
    }
  }
}
