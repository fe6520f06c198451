import Testing

@testable import TerminalGrid

@Suite struct HeadlessTerminalTests {
  /// A frame with text, a box, colours and the bottom-right corner set.
  func sampleFrame(width: Int, height: Int, title: String, fill: Color) -> Grid {
    var grid = Grid(width: width, height: height)
    grid.box(grid.bounds, title: title, style: Style(fg: .cyan))
    grid.write("loss 0.123", at: Point(x: 2, y: 1), style: Style(fg: fill, bold: true))
    grid.fill(Rect(x: 2, y: 2, width: 5, height: 2), with: Cell("\u{2588}", style: Style(fg: fill)))
    grid.set("\u{28FF}", at: Point(x: width - 1, y: height - 1), style: Style(bg: .indexed(17)))
    return grid
  }

  @Test func applyingChangesReproducesTheTargetFrame() {
    let terminal = HeadlessTerminal(size: Size(width: 30, height: 8))
    let first = sampleFrame(width: 30, height: 8, title: "one", fill: .red)
    terminal.draw(first.changes(from: Grid(width: 0, height: 0)))
    terminal.present()
    #expect(terminal.screen == first)

    let second = sampleFrame(width: 30, height: 8, title: "two", fill: .indexed(208))
    let changes = second.changes(from: first)
    #expect(!changes.isEmpty)
    #expect(changes.reduce(0) { $0 + $1.cells.count } < 30 * 8)
    terminal.draw(changes)
    terminal.present()
    #expect(terminal.screen == second)
    #expect(terminal.screen.lines() == second.lines())
    #expect(terminal.presentCount == 2)
  }

  @Test func identicalFramesChangeNothing() {
    let terminal = HeadlessTerminal(size: Size(width: 12, height: 4))
    let frame = sampleFrame(width: 12, height: 4, title: "x", fill: .green)
    terminal.draw(frame.changes(from: Grid(width: 12, height: 4)))
    #expect(frame.changes(from: frame).isEmpty)
    terminal.draw(frame.changes(from: frame))
    #expect(terminal.screen == frame)
  }

  @Test func drawingClipsRunsOutsideTheScreen() {
    let terminal = HeadlessTerminal(size: Size(width: 4, height: 2))
    let cells = [Cell]("abcdef".unicodeScalars.map { Cell($0) })
    terminal.draw([
      CellChange(y: 0, x: 2, cells: cells), CellChange(y: 1, x: -3, cells: cells),
      CellChange(y: 5, x: 0, cells: cells),
    ])
    #expect(terminal.screen.lines() == ["  ab", "def "])
  }

  @Test func scriptedKeysComeBackInOrderThenNil() {
    let terminal = HeadlessTerminal(size: Size(width: 1, height: 1), keys: [.character("a"), .up])
    terminal.enqueue(.escape)
    #expect(terminal.readKey(timeoutMilliseconds: 0) == .character("a"))
    #expect(terminal.readKey(timeoutMilliseconds: 100) == .up)
    #expect(terminal.readKey(timeoutMilliseconds: -1) == .escape)
    #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
  }

  @Test func resizeBlanksTheScreenAndQueuesAResizeKey() {
    let terminal = HeadlessTerminal(size: Size(width: 10, height: 3))
    let frame = sampleFrame(width: 10, height: 3, title: "t", fill: .blue)
    terminal.draw(frame.changes(from: Grid(width: 0, height: 0)))
    terminal.resize(to: Size(width: 6, height: 2))
    #expect(terminal.size == Size(width: 6, height: 2))
    #expect(terminal.screen == Grid(width: 6, height: 2))
    #expect(terminal.readKey(timeoutMilliseconds: 0) == .resize)
    let smaller = sampleFrame(width: 6, height: 2, title: "t", fill: .blue)
    terminal.draw(smaller.changes(from: frame))
    #expect(terminal.screen == smaller)
  }

  @Test func restoreIsIdempotentAndStopsEverything() {
    let terminal = HeadlessTerminal(
      size: Size(width: 3, height: 1), colorDepth: .monochrome, renderMode: .ascii,
      keys: [.character("q")])
    #expect(terminal.colorDepth == .monochrome)
    #expect(terminal.renderMode == .ascii)
    terminal.restore()
    terminal.restore()
    #expect(terminal.isRestored)
    #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
    terminal.draw([CellChange(y: 0, x: 0, cells: [Cell("z")])])
    terminal.present()
    #expect(terminal.screen == Grid(width: 3, height: 1))
    #expect(terminal.presentCount == 0)
  }

  @Test func worksThroughTheProtocol() {
    let backend: any TerminalBackend = HeadlessTerminal(size: Size(width: 5, height: 1))
    var grid = Grid(width: 5, height: 1)
    grid.write("hello", at: Point(x: 0, y: 0))
    backend.draw(grid.changes(from: Grid(width: 5, height: 1)))
    backend.present()
    #expect((backend as? HeadlessTerminal)?.screen.lines() == ["hello"])
    #expect(backend.size == Size(width: 5, height: 1))
  }
}
