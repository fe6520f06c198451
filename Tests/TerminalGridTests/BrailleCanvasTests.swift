import Testing

@testable import TerminalGrid

@Suite struct BrailleCanvasTests {
  @Test(arguments: [
    (0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (1, 0, 0x08), (1, 1, 0x10), (1, 2, 0x20),
    (0, 3, 0x40), (1, 3, 0x80),
  ])
  func eachDotHasItsBrailleBit(x: Int, y: Int, bit: UInt32) {
    var canvas = BrailleCanvas(width: 1, height: 1)
    canvas.set(x: x, y: y)
    #expect(canvas.glyph(column: 0, row: 0) == Unicode.Scalar(0x2800 + bit))
    #expect(canvas.isSet(x: x, y: y))
  }

  @Test func allDotsMakeAFullCellAndEmptyCellsHaveNoGlyph() {
    var canvas = BrailleCanvas(width: 2, height: 1)
    for x in 0..<2 {
      for y in 0..<4 { canvas.set(x: x, y: y) }
    }
    #expect(canvas.glyph(column: 0, row: 0) == "⣿")
    #expect(canvas.glyph(column: 1, row: 0) == nil)
    #expect(canvas.dotWidth == 4 && canvas.dotHeight == 4)
  }

  @Test func bresenhamDiagonalAndClippedFarEnds() {
    var canvas = BrailleCanvas(width: 2, height: 1)
    canvas.line(from: (0, 0), to: (3, 3))
    #expect((0..<4).allSatisfy { canvas.isSet(x: $0, y: $0) })
    #expect(!canvas.isSet(x: 1, y: 0))
    var far = BrailleCanvas(width: 3, height: 2)
    far.line(from: (-1_000_000, 3), to: (1_000_000, 3))
    #expect((0..<far.dotWidth).allSatisfy { far.isSet(x: $0, y: 3) })
    far.line(from: (-50, -50), to: (-10, 500))
    #expect(
      (0..<far.dotHeight).allSatisfy { y in
        (0..<far.dotWidth).filter { far.isSet(x: $0, y: y) }.count <= far.dotWidth
      })
  }

  @Test func lastWriterDecidesTheCellStyle() {
    var canvas = BrailleCanvas(width: 1, height: 1)
    canvas.set(x: 0, y: 0, style: Style(fg: .red))
    canvas.set(x: 1, y: 3, style: Style(fg: .blue))
    #expect(canvas.style(column: 0, row: 0).fg == .blue)
    #expect(canvas.glyph(column: 0, row: 0) == Unicode.Scalar(0x2800 + 0x81))
  }

  @Test func asciiCanvasUsesQuoteDotAndColon() {
    var canvas = BrailleCanvas(width: 4, height: 1, mode: .ascii)
    #expect(canvas.dotWidth == 4 && canvas.dotHeight == 2)
    canvas.set(x: 0, y: 0)
    canvas.set(x: 1, y: 1)
    canvas.set(x: 2, y: 0)
    canvas.set(x: 2, y: 1)
    let grid = render(width: 4, height: 1) { canvas.render(into: &$0, at: Point(x: 0, y: 0)) }
    expectLines(grid, ["'.:·"])
  }

  @Test func renderLeavesEmptyCellsAndKeepsBackground() {
    var canvas = BrailleCanvas(width: 3, height: 1)
    canvas.line(from: (0, 0), to: (1, 0), style: Style(fg: .cyan))
    let grid = render(width: 4, height: 2) { grid in
      grid.fill(Rect(x: 1, y: 1, width: 1, height: 1), with: Cell(" ", style: Style(bg: .blue)))
      canvas.render(into: &grid, at: Point(x: 1, y: 1))
    }
    expectLines(grid, ["····", "·⠉··"])
    #expect(grid[1, 1].style == Style(fg: .cyan, bg: .blue))
  }
}
