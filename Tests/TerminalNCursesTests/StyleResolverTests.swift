import Testing

@testable import TerminalGrid
@testable import TerminalNCurses

@Suite struct StyleResolverTests {
  @Test func plainStylesUsePairZeroWithoutAllocating() {
    var resolver = StyleResolver(depth: .ansi256, colors: 256, defaultColors: true, pairCapacity: 8)
    let result = resolver.resolve(.plain)
    #expect(result.style == ResolvedStyle(attributes: [], pair: 0))
    #expect(result.newPair == nil)
    let bold = resolver.resolve(Style(bold: true, underline: true))
    #expect(bold.style == ResolvedStyle(attributes: [.bold, .underline], pair: 0))
  }

  @Test func aNewColourCombinationAllocatesOnceThenIsRemembered() {
    var resolver = StyleResolver(depth: .ansi256, colors: 256, defaultColors: true, pairCapacity: 8)
    let style = Style(fg: .indexed(214), bg: .blue, dim: true)
    let first = resolver.resolve(style)
    #expect(first.style == ResolvedStyle(attributes: [.dim], pair: 1))
    #expect(first.newPair?.0 == 1)
    #expect(first.newPair?.1 == ColorPair(foreground: 214, background: 4))
    let again = resolver.resolve(style)
    #expect(again.style == first.style)
    #expect(again.newPair == nil)
    // A different style with the same colours shares the pair.
    let reversed = resolver.resolve(Style(fg: .indexed(214), bg: .blue, reverse: true))
    #expect(reversed.style == ResolvedStyle(attributes: [.reverse], pair: 1))
    #expect(reversed.newPair == nil)
  }

  @Test func ansi16DowngradesIndexedColoursFirst() {
    var resolver = StyleResolver(depth: .ansi16, colors: 16, defaultColors: true, pairCapacity: 8)
    let result = resolver.resolve(Style(fg: .indexed(196)))
    #expect(result.newPair?.1 == ColorPair(foreground: 9, background: -1))
  }

  @Test func eightColourTerminalsBrightenWithBold() {
    var resolver = StyleResolver(depth: .ansi16, colors: 8, defaultColors: true, pairCapacity: 8)
    let result = resolver.resolve(Style(fg: .brightGreen, bg: .brightBlack))
    #expect(result.style.attributes == [.bold])
    #expect(result.newPair?.1 == ColorPair(foreground: 2, background: 0))
  }

  @Test func monochromeKeepsAttributesAndReversesBackgrounds() {
    var resolver = StyleResolver(
      depth: .monochrome, colors: 256, defaultColors: true, pairCapacity: 100)
    #expect(resolver.pairs.capacity == 0)
    let highlighted = resolver.resolve(Style(fg: .red, bg: .blue, bold: true))
    #expect(highlighted.style == ResolvedStyle(attributes: [.bold, .reverse], pair: 0))
    #expect(highlighted.newPair == nil)
    let colouredText = resolver.resolve(Style(fg: .green, underline: true))
    #expect(colouredText.style == ResolvedStyle(attributes: [.underline], pair: 0))
  }

  @Test func withoutDefaultColoursPairZeroIsWhiteOnBlack() {
    var resolver = StyleResolver(depth: .ansi16, colors: 8, defaultColors: false, pairCapacity: 8)
    #expect(resolver.resolve(Style(fg: .white, bg: .black)).style.pair == 0)
    #expect(resolver.resolve(.plain).style.pair == 0)
    #expect(resolver.resolve(Style(fg: .red)).newPair?.1 == ColorPair(foreground: 1, background: 0))
  }

  @Test func anExhaustedPoolApproximatesWithoutNewPairs() {
    var resolver = StyleResolver(depth: .ansi256, colors: 256, defaultColors: true, pairCapacity: 1)
    #expect(resolver.resolve(Style(fg: .indexed(196))).newPair?.0 == 1)
    let near = resolver.resolve(Style(fg: .indexed(160)))
    #expect(near.newPair == nil)
    #expect(near.style.pair == 1)
  }
}
