import TerminalGrid
import Testing
import WorkbenchUI

/// The key-help bar keeps `? help` and `q quit` at 80 columns on every screen, dropping
/// other hints first.
@Suite("Key bar")
struct KeyBarTests {
  @Test(arguments: [Screen.compose, .train, .sessions, .replay])
  func helpAndQuitAlwaysFit(screen: Screen) {
    var m = Fixtures.training(Size(width: 80, height: 24))
    _ = Workbench.update(&m, .replayLoaded(file: "r.session", config: Fixtures.config, events: Fixtures.events()))
    m.screen = screen
    let bar = Workbench.render(m).lines().last ?? ""
    #expect(bar.contains("? help") && bar.contains("q quit"), "\(screen): \(bar)")
  }
}
