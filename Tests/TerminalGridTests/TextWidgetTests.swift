import Testing

@testable import TerminalGrid

@Suite struct TextWidgetTests {
  static let hints = KeyHelpBar(pairs: [
    ("space", "start"), ("n", "step"), ("?", "help"), ("q", "quit"),
  ])

  @Test func keyHelpBarShowsEveryHintThatFits() {
    expectLines(render(Self.hints, width: 36, height: 1), ["space start  n step  ? help  q quit·"])
    let grid = render(Self.hints, width: 36, height: 1)
    #expect(grid[0, 0].style.bold && !grid[6, 0].style.bold)
  }

  @Test func keyHelpBarDropsTheLeastImportantFirst() {
    expectLines(render(Self.hints, width: 28, height: 1), ["space start  n step  ? help·"])
    expectLines(render(Self.hints, width: 26, height: 1), ["space start  n step·······"])
    expectLines(render(Self.hints, width: 20, height: 1), ["space start  n step·"])
    expectLines(render(Self.hints, width: 6, height: 1), ["space…"])
    var ascii = Self.hints
    ascii.mode = .ascii
    expectLines(render(ascii, width: 6, height: 1), ["space~"])
  }

  @Test func statusLineSegments() {
    let line = StatusLine(
      left: [Span("odernn"), Span(" rk4", style: Style(dim: true))], center: [Span("step 120")],
      right: [Span("RUNNING", style: Style(fg: .green, bold: true))])
    expectLines(render(line, width: 40, height: 1), ["odernn rk4······step 120·········RUNNING"])
    let grid = render(line, width: 40, height: 1)
    #expect(grid[33, 0].style.fg == .green)
    #expect(grid[7, 0].style.dim)
  }

  @Test func statusLineTruncatesCentreThenRightThenLeft() {
    let line = StatusLine(
      left: [Span("session-name")], center: [Span("step 120")], right: [Span("PAUSED")])
    expectLines(render(line, width: 24, height: 1), ["session-name·ste…·PAUSED"])
    expectLines(render(line, width: 16, height: 1), ["session-name·PA…"])
    expectLines(render(line, width: 8, height: 1), ["session…"])
    var ascii = line
    ascii.mode = .ascii
    expectLines(render(ascii, width: 8, height: 1), ["session~"])
  }

  @Test func statusLineFillPaintsTheRow() {
    let line = StatusLine(left: [Span("a")], fill: Style(bg: .blue))
    let grid = render(line, width: 4, height: 2)
    expectLines(grid, ["a   ", "····"])
    #expect(grid[3, 0].style.bg == .blue)
  }

  @Test func paragraphAlignsAndTruncates() {
    let paragraph = Paragraph(["left", "a much longer line"], alignment: .right)
    expectLines(
      render(paragraph, width: 10, height: 3), ["······left", "a much lo…", "··········"])
    let centred = Paragraph(["ab"], alignment: .center, mode: .ascii)
    expectLines(render(centred, width: 7, height: 1), ["··ab···"])
  }

  @Test func paragraphWrapsWords() {
    let lines = Paragraph.wrapped("the quick brown fox\njumps", width: 9)
    #expect(lines.map { $0.map(\.text).joined() } == ["the quick", "brown fox", "jumps"])
    let hard = Paragraph.wrapped("abcdefghij", width: 4)
    #expect(hard.map { $0.map(\.text).joined() } == ["abcd", "efgh", "ij"])
  }
}
