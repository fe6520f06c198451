import Testing

@testable import TerminalGrid

@Suite struct BoxTests {
  @Test func unicodeBoxWithTitle() {
    let grid = render(width: 12, height: 4) { grid in
      let inner = grid.box(Rect(x: 0, y: 0, width: 11, height: 4), title: "loss")
      #expect(inner == Rect(x: 1, y: 1, width: 9, height: 2))
    }
    expectLines(
      grid,
      [
        "┌ loss ───┐·",
        "│·········│·",
        "│·········│·",
        "└─────────┘·",
      ])
  }

  @Test func asciiBoxTruncatesTitleAndStaysASCII() {
    let grid = render(width: 10, height: 3, fill: " ") { grid in
      grid.box(grid.bounds, title: "spectrum λ", ascii: true)
    }
    expectLines(
      grid,
      [
        "+ spect~ +",
        "|        |",
        "+--------+",
      ])
    #expect(allScalars(grid).allSatisfy { $0.isASCII })
  }

  @Test func boxIsClippedAndTinyBoxesDrawNothing() {
    let grid = render(width: 6, height: 3) { grid in
      grid.box(Rect(x: 3, y: 1, width: 10, height: 10), title: "t")
      grid.box(Rect(x: 0, y: 0, width: 1, height: 3))
    }
    expectLines(
      grid,
      [
        "······",
        "···┌ t",
        "···│··",
      ])
  }
}
