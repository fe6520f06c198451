import Testing

@testable import TerminalGrid

@Suite struct ColorDepthTests {
  @Test(arguments: [
    (UInt8(196), Color.brightRed), (46, .brightGreen), (21, .blue), (231, .brightWhite),
    (16, .black), (236, .black), (250, .white), (244, .brightBlack), (2, .green),
    (13, .brightMagenta),
    (226, .brightYellow), (51, .brightCyan),
  ])
  func indexedColoursMapToTheNearestNamedOne(index: UInt8, expected: Color) {
    #expect(ColorDepth.nearestNamed(.indexed(index)) == expected)
    #expect(ColorDepth.ansi16.downgrade(Style(fg: .indexed(index))).fg == expected)
  }

  @Test func namedAndDefaultColoursPassThroughAnsi16() {
    for color in Color.named + [.default] {
      #expect(ColorDepth.nearestNamed(color) == color)
    }
    // Plain RGB distance: navy (0,0,95) is nearer black, (0,0,175) nearer blue.
    #expect(ColorDepth.nearestNamed(.indexed(17)) == .black)
    let style = Style(fg: .red, bg: .indexed(19), bold: true, underline: true)
    #expect(
      ColorDepth.ansi16.downgrade(style) == Style(fg: .red, bg: .blue, bold: true, underline: true))
  }

  @Test func ansi256KeepsEverything() {
    let style = Style(fg: .indexed(99), bg: .indexed(236), dim: true)
    #expect(ColorDepth.ansi256.downgrade(style) == style)
  }

  @Test func monochromeKeepsAttributesAndTurnsBackgroundsIntoReverse() {
    #expect(ColorDepth.monochrome.downgrade(Style(fg: .red, bold: true)) == Style(bold: true))
    #expect(ColorDepth.monochrome.downgrade(Style(fg: .white, bg: .blue)) == Style(reverse: true))
    #expect(
      ColorDepth.monochrome.downgrade(Style(dim: true, underline: true))
        == Style(dim: true, underline: true))
  }

  @Test func paletteRGBAndCube() {
    #expect(Color.cube(red: 5, green: 0, blue: 0) == .indexed(196))
    #expect(Color.cube(red: 9, green: -1, blue: 0) == .indexed(196))
    #expect(Color.rgb(ofIndex: 196) == (255, 0, 0))
    #expect(Color.rgb(ofIndex: 232) == (8, 8, 8))
    #expect(Color.brightWhite.paletteIndex == 15)
    #expect(Color.default.paletteIndex == nil)
  }

  @Test func viridisRampHasIncreasingLuminance() {
    let luminance = ColorRamp.viridis256.map { color -> Double in
      guard case .indexed(let i) = color else { return -1 }
      let (r, g, b) = Color.rgb(ofIndex: i)
      return 0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)
    }
    #expect(zip(luminance, luminance.dropFirst()).allSatisfy { $0 < $1 })
  }
}
