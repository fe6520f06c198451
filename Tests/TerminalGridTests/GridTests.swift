import Testing

@testable import TerminalGrid

@Suite struct GridTests {
  @Test func writeClipsAtTheGridEdgesWithoutTrapping() {
    let grid = render(width: 6, height: 2) { grid in
      grid.write("abcdef", at: Point(x: -2, y: 0))
      grid.write("xyz", at: Point(x: 4, y: 1))
      grid.write("never", at: Point(x: 0, y: 5))
      grid.write("never", at: Point(x: Int.min / 2, y: Int.max / 2))
      grid.write("never", at: Point(x: Int.max, y: 0))
      grid.write([Span("a"), Span("b")], at: Point(x: Int.max, y: 1))
      grid.write("never", at: Point(x: Int.min, y: 0))
      grid.fill(Rect(x: Int.max, y: Int.min, width: Int.max, height: Int.max), with: Cell("!"))
      grid.box(Rect(x: Int.min, y: Int.min, width: Int.max, height: Int.max))
      grid.render(Paragraph(["never"]), in: Rect(x: Int.max - 1, y: 0, width: Int.max, height: 1))
    }
    expectLines(grid, ["cdef··", "····xy"])
  }

  @Test func writeClipsToTheGivenRect() {
    let grid = render(width: 8, height: 2) { grid in
      let end = grid.write(
        "hello world", at: Point(x: 1, y: 0), clip: Rect(x: 2, y: 0, width: 3, height: 2))
      #expect(end == 6)
      grid.write("outside", at: Point(x: 0, y: 1), clip: Rect(x: 0, y: 0, width: 8, height: 1))
    }
    expectLines(grid, ["··ell···", "········"])
  }

  @Test func wideCombiningAndControlScalarsBecomeQuestionMarks() {
    let grid = render(width: 10, height: 1) { grid in
      grid.write("a\u{4E2D}e\u{301}\t\u{1F600}\u{200B}│⣿", at: Point(x: 0, y: 0))
    }
    expectLines(grid, ["a?e???\u{3F}│⣿·"])
  }

  @Test func asciiOnlyReplacesEveryNonASCIIScalar() {
    let grid = render(width: 6, height: 1) { grid in
      grid.write("λ=0.5…", at: Point(x: 0, y: 0), asciiOnly: true)
    }
    expectLines(grid, ["?=0.5?"])
  }

  @Test func subscriptIgnoresOutOfRangeAndSanitizes() {
    var grid = Grid(width: 2, height: 2)
    grid[5, 5] = Cell("x")
    grid[-1, 0] = Cell("x")
    grid[1, 1] = Cell("\u{4E2D}")
    #expect(grid[9, 9] == .blank)
    #expect(grid[1, 1].scalar == "?")
    #expect(grid.lines() == ["  ", " ?"])
  }

  @Test func fillAndStyleAreClipped() {
    var grid = Grid(width: 4, height: 3, fill: Cell("."))
    grid.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: Cell("#", style: Style(fg: .red)))
    #expect(grid.lines() == ["....", "..##", "..##"])
    #expect(grid[3, 2].style.fg == .red)
    grid.setStyle(Style(bold: true), in: Rect(x: -5, y: 0, width: 6, height: 1))
    #expect(grid[0, 0].style.bold)
    #expect(!grid[1, 0].style.bold)
  }

  @Test func linesKeepTrailingSpaces() {
    var grid = Grid(width: 5, height: 2)
    grid.write("ab", at: Point(x: 0, y: 0))
    #expect(grid.lines() == ["ab   ", "     "])
  }

  @Test func degenerateGridsAreEmptyAndSafe() {
    var grid = Grid(width: -3, height: 0)
    grid.write("x", at: Point(x: 0, y: 0))
    grid.box(Rect(x: 0, y: 0, width: 5, height: 5))
    #expect(grid.lines().isEmpty)
    #expect(grid.cells.isEmpty)
  }

  @Test func identicalGridsHaveNoChanges() {
    var grid = Grid(width: 10, height: 3)
    grid.write("same", at: Point(x: 1, y: 1))
    #expect(grid.changes(from: grid).isEmpty)
  }

  @Test func changesAreRowRunsOfDifferingCells() {
    let before = Grid(width: 10, height: 3)
    var after = before
    after.write("ab", at: Point(x: 1, y: 0))
    after.write("d", at: Point(x: 4, y: 0))
    after.set("z", at: Point(x: 9, y: 2), style: Style(fg: .green))
    after.setStyle(Style(bold: true), in: Rect(x: 0, y: 1, width: 1, height: 1))
    let changes = after.changes(from: before)
    #expect(
      changes.map { [$0.y, $0.x, $0.cells.count] } == [
        [0, 1, 2], [0, 4, 1], [1, 0, 1], [2, 9, 1],
      ])
    #expect(changes[0].cells.map(\.scalar) == ["a", "b"])
    #expect(changes[3].cells[0].style.fg == .green)
    #expect(changes[2].cells[0].scalar == " ")
  }

  @Test func aResizedGridIsAFullRepaint() {
    let changes = Grid(width: 4, height: 2).changes(from: Grid(width: 3, height: 2))
    #expect(changes.map(\.y) == [0, 1])
    #expect(changes.allSatisfy { $0.x == 0 && $0.cells.count == 4 })
  }

  @Test func downgradedGridMapsEveryStyle() {
    var grid = Grid(width: 2, height: 1)
    grid.set("a", at: Point(x: 0, y: 0), style: Style(fg: .indexed(196), bg: .indexed(21)))
    let mono = grid.downgraded(to: .monochrome)
    #expect(mono[0, 0].style == Style(reverse: true))
    #expect(grid.downgraded(to: .ansi16)[0, 0].style == Style(fg: .brightRed, bg: .blue))
    #expect(grid.downgraded(to: .ansi256) == grid)
  }
}
