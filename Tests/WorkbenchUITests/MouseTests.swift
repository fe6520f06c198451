import TerminalGrid
import Testing
import WorkbenchUI

/// The mouse: SGR reports decoded, and clicks and wheel turns at what the screen shows there
/// (positions found in the rendered text, not from the layout code).
@Suite("Mouse")
struct MouseTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

  @Test func sgrReportsDecode() {
    #expect(MouseEvent.sgr(parameters: "0;31;1", final: "M") == MouseEvent(.press(button: 0), at: Point(x: 30, y: 0)))
    #expect(MouseEvent.sgr(parameters: "2;1;1", final: "M") == MouseEvent(.press(button: 2), at: Point(x: 0, y: 0)))
    #expect(MouseEvent.sgr(parameters: "0;31;1", final: "m") == MouseEvent(.release, at: Point(x: 30, y: 0)))
    #expect(MouseEvent.sgr(parameters: "64;5;7", final: "M") == MouseEvent(.wheelUp, at: Point(x: 4, y: 6)))
    #expect(MouseEvent.sgr(parameters: "81;5;7", final: "M") == MouseEvent(.wheelDown, at: Point(x: 4, y: 6)), "ctrl + wheel")
    #expect(MouseEvent.sgr(parameters: "32;5;7", final: "M") == nil, "motion")
    #expect(MouseEvent.sgr(parameters: "0;0;7", final: "M") == nil, "columns are 1-based")
    #expect(MouseEvent.sgr(parameters: "0;5", final: "M") == nil)
    #expect(MouseEvent.sgr(parameters: "0;5;7", final: "x") == nil)
    let click = MouseEvent.click(x: 12, y: 3)
    #expect(click.sgrSequence == "\u{1b}[<0;13;4M")
  }

  /// Where `text` is drawn: its first cell, searched from the top.
  func find(_ text: String, in grid: Grid, below: Int = 0) -> Point? {
    for (y, line) in grid.lines().enumerated() where y >= below {
      if let r = line.range(of: text) { return Point(x: line.distance(from: line.startIndex, to: r.lowerBound), y: y) }
    }
    return nil
  }

  func click(_ m: inout WorkbenchModel, _ at: Point) -> [Effect] { Workbench.update(&m, .mouse(.click(x: at.x, y: at.y))) }

  @Test(arguments: sizes)
  func clickingATabOpensItsScreen(size: Size) throws {
    var m = Fixtures.model(size)
    let sessions = try #require(find(" Sessions ", in: Workbench.render(m)))
    #expect(click(&m, Point(x: sessions.x + 3, y: 0)) == [.listSessions] && m.screen == .sessions)
    // Every cell of a tab opens it, and no cell of its neighbours does.
    for x in sessions.x..<(sessions.x + " Sessions ".count) {
      var fresh = Fixtures.model(size)
      _ = click(&fresh, Point(x: x, y: 0))
      #expect(fresh.screen == .sessions, "x = \(x)")
    }
    for x in [sessions.x - 1, sessions.x + " Sessions ".count] {
      var fresh = Fixtures.model(size)
      _ = click(&fresh, Point(x: x, y: 0))
      #expect(fresh.screen == .compose, "x = \(x)")
    }
    let compose = try #require(find(" Compose ", in: Workbench.render(m)))
    _ = click(&m, Point(x: compose.x + 1, y: 0))
    #expect(m.screen == .compose)
    let train = try #require(find(" Train ", in: Workbench.render(m)))
    _ = click(&m, Point(x: train.x + 2, y: 0))
    #expect(m.screen == .compose && m.notice?.contains("no run yet") == true)
    var t = Fixtures.training(size)
    let tabCompose = try #require(find(" Compose ", in: Workbench.render(t)))
    _ = click(&t, tabCompose)
    #expect(t.screen == .compose)
    _ = click(&t, try #require(find(" Train ", in: Workbench.render(t))))
    #expect(t.screen == .train)
    // A click beside the tabs does nothing.
    _ = click(&t, Point(x: size.width - 1, y: 0))
    #expect(t.screen == .train)
  }

  @Test(arguments: sizes)
  func clickFocusesAPaneAndTheWheelMovesTheCursor(size: Size) throws {
    var m = Fixtures.training(size)
    #expect(m.focus == .loss)
    let title = try #require(find("Gradient norms", in: Workbench.render(m)))
    _ = click(&m, Point(x: title.x, y: title.y + 2))
    #expect(m.focus == .gradients)
    let focused = Workbench.render(m)
    // (At 80×24 the panes collapse to the focused one and the next, so it may have moved.)
    let moved = try #require(find("Gradient norms", in: focused))
    #expect(focused[moved.x - 3, moved.y].style.fg == .cyan, "the focused pane's border is coloured")
    _ = Workbench.update(&m, .mouse(MouseEvent(.wheelUp, at: Point(x: moved.x + 4, y: moved.y + 3))))
    #expect(m.chartCursor == 198, "the wheel moves the cursor back by a hundredth of 200 steps")
    _ = Workbench.update(&m, .mouse(MouseEvent(.wheelDown, at: Point(x: moved.x + 4, y: moved.y + 3))))
    #expect(m.chartCursor == 200)
  }

  @Test(arguments: sizes)
  func clickSelectsASessionRowAndTheWheelScrolls(size: Size) throws {
    var m = SessionsFixtures.model(size, overlaid: 0)
    let target = SessionsFixtures.listings[3]
    let row = try #require(find(String(target.name.prefix(16)), in: Workbench.render(m), below: 2))
    _ = click(&m, Point(x: row.x + 2, y: row.y))
    #expect(m.selectedSession?.file == target.file)
    let index = m.sessionIndex
    _ = Workbench.update(&m, .mouse(MouseEvent(.wheelDown, at: Point(x: row.x, y: row.y))))
    #expect(m.sessionIndex == index + 1)
    _ = Workbench.update(&m, .mouse(MouseEvent(.wheelUp, at: Point(x: row.x, y: row.y))))
    _ = Workbench.update(&m, .mouse(MouseEvent(.wheelUp, at: Point(x: row.x, y: row.y))))
    #expect(m.sessionIndex == index - 1)
    // The column header is not a row.
    let header = try #require(find("status", in: Workbench.render(m), below: 1))
    _ = click(&m, header)
    #expect(m.sessionIndex == index - 1)
  }

  @Test(arguments: sizes)
  func clickSelectsAComposeFieldAndTheWheelMovesBetweenFields(size: Size) throws {
    var m = Fixtures.model(size)
    let row = try #require(find("hidden size H", in: Workbench.render(m)))
    _ = click(&m, Point(x: row.x + 30, y: row.y))
    #expect(m.field == ComposeField("cell.hiddenSize"))
    let section = try #require(find("Task", in: Workbench.render(m), below: 2))
    _ = click(&m, section)
    #expect(m.field == ComposeField("cell.hiddenSize"), "a section title is not a field")
    _ = Workbench.update(&m, .mouse(MouseEvent(.wheelDown, at: row)))
    #expect(m.field == ComposeField("cell.stepSize"))
  }

  @Test func helpClosesOnAClickAndTypingIgnoresTheMouse() throws {
    var m = Fixtures.training(Size(width: 120, height: 40))
    _ = Workbench.update(&m, .key(.character("?")))
    _ = click(&m, try #require(find(" Compose ", in: Workbench.render(m))))
    #expect(!m.showHelp && m.screen == .train, "the click closes help and does nothing else")
    var c = Fixtures.model(Size(width: 120, height: 40))
    _ = Workbench.update(&c, .key(.enter))
    _ = click(&c, try #require(find(" Sessions ", in: Workbench.render(c))))
    #expect(c.screen == .compose && c.typing != nil)
  }
}
