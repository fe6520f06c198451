import TerminalGrid
import Testing
import Training
import WorkbenchUI

/// Every screen rendered as text at 80×24 and 160×50 and compared with its snapshot.
@Suite("Screens as text")
struct ScreenSnapshotTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 50)]

  @Test(arguments: sizes)
  func compose(size: Size) {
    expectSnapshot(Workbench.render(Fixtures.model(size)), named: "compose-\(size.width)x\(size.height)")
  }

  @Test(arguments: sizes)
  func train(size: Size) {
    expectSnapshot(Workbench.render(Fixtures.training(size)), named: "train-\(size.width)x\(size.height)")
  }

  @Test(arguments: sizes)
  func sessions(size: Size) {
    var m = Fixtures.model(size)
    _ = Workbench.update(&m, .key(.character("S")))
    var loss = MetricsHistory()
    for s in 1...50 { loss.append(step: s, value: 1 / Double(s)) }
    _ = Workbench.update(
      &m,
      .sessionsListed([
        SessionListing(file: "20261122-040011-euler-adding.session", cell: "euler t=1", task: "adding", steps: 50, finalLoss: 0.02, status: "finished"),
        SessionListing(file: "20261122-041500-rk4-sine.session", cell: "rk4 t=2", task: "sine", steps: 50, finalLoss: 0.1, status: "interrupted"),
      ]))
    _ = Workbench.update(&m, .curvesLoaded(["20261122-040011-euler-adding.session": SessionCurve(steps: 50, loss: loss)]))
    _ = Workbench.update(&m, .key(.character(" ")))
    expectSnapshot(Workbench.render(m), named: "sessions-\(size.width)x\(size.height)")
  }

  @Test(arguments: sizes)
  func replayAtAChosenStep(size: Size) {
    var m = Fixtures.model(size)
    _ = Workbench.update(&m, .replayLoaded(file: "run.session", config: Fixtures.config, events: Fixtures.events()))
    for _ in 0..<40 { _ = Workbench.update(&m, .key(.character("["))) }
    #expect(m.replay?.cursor == 120)
    expectSnapshot(Workbench.render(m), named: "replay-step120-\(size.width)x\(size.height)")
  }

  @Test func helpOverlay() {
    var m = Fixtures.training(Size(width: 80, height: 24))
    _ = Workbench.update(&m, .key(.character("?")))
    expectSnapshot(Workbench.render(m), named: "help-80x24")
  }

  @Test func tooSmall() {
    let grid = Workbench.render(Fixtures.model(Size(width: 60, height: 20)))
    expectSnapshot(grid, named: "too-small-60x20")
    #expect(grid.lines().joined().contains("terminal too small: have 60×20, need 80×24"))
  }

  @Test func asciiFallback() {
    let grid = Workbench.render(Fixtures.training(Size(width: 80, height: 24), mode: .ascii))
    expectSnapshot(grid, named: "train-ascii-80x24")
    #expect(grid.lines().allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    let compose = Workbench.render(Fixtures.model(Size(width: 80, height: 24), mode: .ascii))
    #expect(compose.lines().allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
  }
}
