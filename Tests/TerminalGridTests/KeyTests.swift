import Testing

@testable import TerminalGrid

@Suite struct KeyTests {
  @Test(arguments: [
    (Key.character(" "), "space"), (.control("s"), "ctrl-s"), (.escape, "Esc"), (.enter, "Enter"),
    (.up, "\u{2191}"), (.down, "\u{2193}"), (.left, "\u{2190}"), (.right, "\u{2192}"),
    (.function(1), "F1"), (.function(12), "F12"), (.character("?"), "?"), (.character("q"), "q"),
    (.character("Q"), "Q"), (.tab, "tab"), (.backTab, "shift-tab"), (.backspace, "Backspace"),
    (.delete, "Del"), (.insert, "Ins"), (.home, "Home"), (.end, "End"), (.pageUp, "PgUp"),
    (.pageDown, "PgDn"), (.resize, "resize"), (.character("\u{E9}"), "\u{E9}"),
  ])
  func helpScreenNames(key: Key, expected: String) {
    #expect(key.description == expected)
    #expect("\(key)" == expected)
  }

  @Test(arguments: [
    (Key.up, "up"), (.down, "down"), (.left, "left"), (.right, "right"), (.character(" "), "space"),
    (.control("c"), "ctrl-c"), (.escape, "Esc"), (.backTab, "shift-tab"), (.function(5), "F5"),
    (.character("\u{E9}"), "U+00E9"), (.character("\u{2588}"), "U+2588"),
  ])
  func asciiNames(key: Key, expected: String) {
    #expect(key.asciiDescription == expected)
    #expect(key.description(in: .ascii) == expected)
    #expect(key.asciiDescription.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test func wideAndControlScalarsAreNamedByCodePoint() {
    #expect(Key.character("\u{4E00}").description == "U+4E00")
    #expect(Key.character("\u{7}").description == "U+0007")
    #expect(Key.character("\u{1F600}").description == "U+1F600")
  }

  @Test func unicodeAndAsciiAgreeOnAsciiKeys() {
    let keys: [Key] = [
      .character("a"), .character("/"), .control("z"), .enter, .tab, .escape, .home, .function(10),
    ]
    for key in keys {
      #expect(key.description == key.asciiDescription)
    }
  }

  @Test func keysAreDistinctHashableValues() {
    let keys: Set<Key> = [
      .tab, .control("i"), .enter, .control("m"), .escape, .character("\u{1B}"),
    ]
    #expect(keys.count == 6)
    #expect(Key.function(1) != Key.function(2))
  }
}
