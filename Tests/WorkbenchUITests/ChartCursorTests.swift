import TerminalGrid
import Testing
import Training
import WorkbenchUI

/// The loss chart's cursor: ←/→ (Train) or ,/. (Replay, whose arrows scrub) and Home/End
/// move it, and the loss pane reads every series' value at its step.
@Suite("Chart cursor")
struct ChartCursorTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

  func press(_ m: inout WorkbenchModel, _ keys: Key...) {
    for k in keys { _ = Workbench.update(&m, .key(k)) }
  }

  @Test func arrowsMoveTheCursorWithinTheRun() {
    var m = Fixtures.training(Size(width: 120, height: 40))
    #expect(m.chartCursor == nil)
    press(&m, .left)
    #expect(m.chartCursor == 198, "a hundredth of 200 steps back from the last")
    press(&m, .right, .right)
    #expect(m.chartCursor == 200, "never past the last step")
    press(&m, .home)
    #expect(m.chartCursor == 1)
    press(&m, .left)
    #expect(m.chartCursor == 1)
    press(&m, .end)
    #expect(m.chartCursor == nil)
  }

  @Test func onReplayTheCursorStaysWithinTheScrubbedStep() {
    var m = Fixtures.model(Size(width: 120, height: 40))
    _ = Workbench.update(&m, .replayLoaded(file: "r.session", config: Fixtures.config, events: Fixtures.events()))
    for _ in 0..<40 { press(&m, .character("[")) }
    press(&m, .character("."), .character("."))
    #expect(m.replay?.cursor == 120 && m.chartCursor == 120, ". moves the chart cursor, never past the replayed step")
    press(&m, .character(","))
    #expect(m.replay?.cursor == 120 && m.chartCursor == 119)
  }

  @Test(arguments: sizes)
  func readoutShowsRawAndSmoothedValues(size: Size) {
    var m = Fixtures.training(size)
    press(&m, .character("s"), .home)
    for _ in 0..<60 { press(&m, .right) }
    #expect(m.chartCursor == 121)
    let grid = Workbench.render(m)
    expectSnapshot(grid, named: "train-cursor-\(size.width)x\(size.height)")
    let text = grid.lines().joined()
    #expect(text.contains("@121  train "))
    #expect(text.range(of: #"train [0-9.e-]+ \([0-9.e-]+\)  val [0-9.e-]+ \([0-9.e-]+\)"#, options: .regularExpression) != nil || size.width < 120)
  }
}
