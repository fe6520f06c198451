import Foundation
import TerminalGrid
import Testing
import WorkbenchRuntime
import WorkbenchUI

/// The Sessions screen: columns that scale, statuses told apart, sorting, filtering, live
/// refresh, and compared runs in distinct colours with a legend of what differs.
@Suite("Sessions screen")
struct SessionsScreenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

  func press(_ m: inout WorkbenchModel, _ keys: Key...) -> [Effect] {
    keys.flatMap { Workbench.update(&m, .key($0)) }
  }

  /// The row of the grid that contains `text`.
  func row(_ grid: Grid, containing text: String) -> Int? {
    grid.lines().firstIndex { $0.contains(text) }
  }

  /// The colours of the legend's line marks, in reading order.
  func legendColors(_ grid: Grid) -> [Color] {
    (0..<grid.height).flatMap { y in (0..<grid.width).filter { grid[$0, y].scalar == "━" }.map { grid[$0, y].style.fg } }
  }

  @Test(arguments: sizes)
  func listAndThreeOverlaidRuns(size: Size) throws {
    let grid = Workbench.render(SessionsFixtures.model(size))
    expectSnapshot(grid, named: "sessions-compare-\(size.width)x\(size.height)")
    let text = grid.lines().joined(separator: "\n")
    for status in ["finished", "diverged", "stopped", "interrupted", "running"] { #expect(text.contains(status)) }
    // The legend names what differs, not the shared start of the file names.
    #expect(text.contains("euler t=1 ε=0.1 adding") && text.contains("rk4 t=2 ε=0.05 sine"))
    // Colour carries meaning: the status colours and one colour per overlaid run.
    let lines = grid.lines()
    let y = try #require(row(grid, containing: "diverged"))
    let x = try #require(lines[y].range(of: "diverged").map { lines[y].distance(from: lines[y].startIndex, to: $0.lowerBound) })
    #expect(grid[x, y].style.fg == .red)
    let legend = legendColors(grid)
    #expect(legend.count == 3 && Set(legend).count == 3)
  }

  @Test func asciiModeDrawsOnlyASCII() {
    var m = SessionsFixtures.model(Size(width: 80, height: 24), mode: .ascii)
    _ = press(&m, .character("/"), .character("r"))
    #expect(Workbench.render(m).lines().allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    #expect(Workbench.render(m).lines().joined().contains("/r_"), "spelled, not replaced by ?")
    _ = press(&m, .enter, .character("d"))
    #expect(Workbench.render(m).lines().allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    #expect(Workbench.render(m).lines().joined().contains("! cell.tableau"))
    var train = Fixtures.training(Size(width: 80, height: 24), mode: .ascii)
    _ = press(&train, .character("s"), .left)
    #expect(Workbench.render(train).lines().allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
  }

  @Test func eightOverlaidRunsGetEightColours() {
    for depth in [ColorDepth.ansi256, .ansi16] {
      var m = Fixtures.model(Size(width: 200, height: 60), depth: depth)
      _ = press(&m, .character("S"))
      let runs = (1...8).map { seed in
        SessionListing(
          file: "run-\(seed).session", cell: "euler t=1", task: "adding", steps: 10, finalLoss: 0.1, status: "finished",
          settings: SessionsFixtures.settings("euler", 1, "0.1", "adding", seed: seed))
      }
      _ = Workbench.update(&m, .sessionsListed(runs))
      for _ in runs { _ = press(&m, .character(" "), .down) }
      let grid = Workbench.render(m)
      let legend = legendColors(grid)
      #expect(legend.count == 8 && Set(legend).count == 8, "\(depth): \(legend)")
      #expect(grid.lines().joined().contains("seed=8"))
    }
  }

  @Test func sortCyclesColumnsAndReverses() {
    var m = SessionsFixtures.model(Size(width: 120, height: 40), overlaid: 0)
    #expect(m.visibleSessions.map(\.file) == SessionsFixtures.listings.map(\.file).sorted())
    _ = press(&m, .character("o"))
    #expect(m.sessionSort == .cell)
    #expect(m.visibleSessions.first?.cell == "euler t=1" && m.visibleSessions.last?.cell == "rk4 t=2")
    _ = press(&m, .character("o"), .character("o"))
    #expect(m.sessionSort == .steps && m.visibleSessions.map(\.steps) == [12, 40, 150, 900, 2000])
    _ = press(&m, .character("O"))
    #expect(m.visibleSessions.map(\.steps) == [2000, 900, 150, 40, 12])
    _ = press(&m, .character("o"), .character("o"))
    #expect(m.sessionSort == .status && m.visibleSessions.map { m.status(of: $0) }.first == "stopped")
  }

  @Test func slashFiltersAsYouType() {
    var m = SessionsFixtures.model(Size(width: 120, height: 40), overlaid: 0)
    _ = press(&m, .character("/"), .character("r"), .character("k"))
    #expect(m.filtering && m.visibleSessions.count == 2)
    _ = press(&m, .character("q"))
    #expect(m.visibleSessions.isEmpty && m.filtering, "q is typed, not quit")
    _ = press(&m, .backspace, .enter)
    #expect(!m.filtering && m.sessionFilter == "rk" && m.visibleSessions.count == 2)
    #expect(Workbench.render(m).lines().joined().contains("(2 of 5)"))
    #expect(press(&m, .enter) == [.loadSession("20261201-071702-rk4-antisymmetric-sine.session")])
    _ = press(&m, .character("/"), .escape, .character("/"), .character("r"), .character("u"), .character("n"))
    #expect(m.visibleSessions.map(\.file) == [SessionsFixtures.live], "the live run's status matches")
    _ = press(&m, .escape)
    #expect(!m.filtering && m.sessionFilter.isEmpty && m.visibleSessions.count == 5)
  }

  @Test func relistsEveryTwoSecondsWhileShown() {
    var m = SessionsFixtures.model(Size(width: 120, height: 40), overlaid: 0)
    #expect(Workbench.update(&m, .tick(1)).isEmpty)
    #expect(Workbench.update(&m, .tick(2.5)) == [.listSessions])
    #expect(Workbench.update(&m, .tick(3)).isEmpty)
    // A listing in which the selected run has grown reads its curve again; others are left alone.
    var grown = SessionsFixtures.listings
    grown[0].steps = 2001
    #expect(Workbench.update(&m, .sessionsListed(grown)) == [.loadCurves([grown[0].file])])
    _ = press(&m, .escape)
    #expect(Workbench.update(&m, .tick(9)).isEmpty, "not listed on other screens")
  }

  @Test func catalogListsFromHeadersAndReadsCurvesOnRequest() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../sessions").standardized.path
    let listings = SessionCatalog.list(folder: folder)
    let sine = try #require(listings.first { $0.file == "rk4-t2-sine.session" })
    #expect(sine.cell == "rk4 t=2" && sine.setting("cell.derivativeOrder") == "2" && sine.setting("task.name") == "sine")
    let curves = SessionCatalog.curves(folder: folder, files: [sine.file])
    #expect(curves.keys.sorted() == [sine.file] && curves[sine.file]?.steps == sine.steps)
    #expect(curves[sine.file]?.loss.points.count == sine.steps)
  }
}

/// `d` on Sessions: the drawn runs' configs side by side, differences marked and highlighted.
@Suite("Sessions: configs side by side")
struct ConfigCompareTests {
  @Test(arguments: SessionsScreenTests.sizes)
  func threeRunsConfigs(size: Size) throws {
    var m = SessionsFixtures.model(size)
    _ = Workbench.update(&m, .key(.character("d")))
    #expect(m.showConfigs)
    let grid = Workbench.render(m)
    expectSnapshot(grid, named: "sessions-configs-\(size.width)x\(size.height)")
    let lines = grid.lines()
    let y = try #require(lines.firstIndex { $0.contains("≠ cell.stepSize") })
    let x = try #require(lines[y].range(of: "0.05").map { lines[y].distance(from: lines[y].startIndex, to: $0.lowerBound) })
    #expect(grid[x, y].style.fg == .yellow && grid[x, y].style.bold, "a differing value is highlighted")
    if let same = lines.firstIndex(where: { $0.contains("cell.hiddenSize") }) {
      #expect(!lines[same].contains("≠"), "equal keys are not marked")
    }
    _ = Workbench.update(&m, .key(.escape))
    #expect(!m.showConfigs && m.screen == .sessions, "Esc closes the view first")
  }
}
