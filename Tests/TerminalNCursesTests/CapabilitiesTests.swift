import Testing

@testable import TerminalGrid
@testable import TerminalNCurses

@Suite struct CapabilitiesTests {
  @Test(arguments: [
    (String?.none, true, 256, ColorDepth.ansi256), (nil, true, 88, .ansi16),
    (nil, true, 16, .ansi16),
    (nil, true, 8, .ansi16), (nil, true, 2, .monochrome), (nil, false, 256, .monochrome),
    ("1", true, 256, .monochrome), ("0", true, 256, .monochrome), ("yes", true, 8, .monochrome),
    ("", true, 256, .ansi256), (nil, true, 16_777_216, .ansi256),
  ])
  func colourDepth(noColor: String?, hasColors: Bool, colors: Int, expected: ColorDepth) {
    #expect(
      Capabilities.colorDepth(noColor: noColor, hasColors: hasColors, colors: colors) == expected)
  }

  @Test(arguments: [
    (String?.none, false, RenderMode.ascii), ("UTF-8", false, .unicode), ("utf8", false, .unicode),
    ("UTF8", false, .unicode), ("ANSI_X3.4-1968", false, .ascii), ("ISO-8859-1", false, .ascii),
    ("UTF-8", true, .ascii), ("", false, .ascii),
  ])
  func renderMode(codeset: String?, forceASCII: Bool, expected: RenderMode) {
    #expect(Capabilities.renderMode(codeset: codeset, forceASCII: forceASCII) == expected)
  }

  @Test func defaultColourIsMinusOneOnlyWithDefaultColours() {
    let withDefaults = Capabilities.colorNumber(
      .default, colors: 256, defaultColors: true, foreground: true)
    #expect(withDefaults.number == -1 && !withDefaults.brighten)
    #expect(
      Capabilities.colorNumber(.default, colors: 256, defaultColors: false, foreground: true).number
        == 7)
    #expect(
      Capabilities.colorNumber(.default, colors: 256, defaultColors: false, foreground: false)
        .number == 0)
  }

  @Test func paletteColoursPassThroughWhenTheTerminalHasThem() {
    for index in [UInt8(0), 7, 8, 15, 16, 196, 255] {
      let mapped = Capabilities.colorNumber(
        .indexed(index), colors: 256, defaultColors: true, foreground: true)
      #expect(mapped.number == Int16(index) && !mapped.brighten)
    }
    #expect(
      Capabilities.colorNumber(.brightCyan, colors: 16, defaultColors: true, foreground: true)
        .number == 14)
  }

  @Test func brightColoursOnEightColourTerminalsBecomeBoldDarkTwins() {
    let fg = Capabilities.colorNumber(.brightRed, colors: 8, defaultColors: true, foreground: true)
    #expect(fg.number == 1 && fg.brighten)
    let bg = Capabilities.colorNumber(.brightRed, colors: 8, defaultColors: true, foreground: false)
    #expect(bg.number == 1 && !bg.brighten)
    let cube = Capabilities.colorNumber(
      .indexed(196), colors: 8, defaultColors: true, foreground: true)
    #expect(cube.number == 1 && cube.brighten)
    let dark = Capabilities.colorNumber(
      .indexed(17), colors: 8, defaultColors: true, foreground: true)
    #expect(dark.number == 0 && !dark.brighten)
  }

  @Test func noPaletteMeansDefaultColours() {
    let mapped = Capabilities.colorNumber(.red, colors: 0, defaultColors: true, foreground: true)
    #expect(mapped.number == -1)
  }
}
