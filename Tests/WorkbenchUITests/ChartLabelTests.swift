import Foundation
import TerminalGrid
import Testing
import WorkbenchUI

/// The heatmap's training-step labels are whole steps, also with a single diagnostics row.
@Suite("Heatmap labels")
struct HeatmapLabelTests {
  @Test(arguments: [25, 200])
  func stepLabelsAreIntegers(steps: Int) {
    var m = Fixtures.model(Size(width: 120, height: 40))
    _ = Workbench.update(&m, .replayLoaded(file: "r.session", config: Fixtures.config, events: Fixtures.events(steps: steps)))
    let text = Workbench.render(m).lines().joined(separator: "\n")
    #expect(text.contains("25") && text.range(of: #"\b25\.\d"#, options: .regularExpression) == nil)
  }
}

/// The loss pane's title says how it is drawn: the y axis mode and the smoothing weight.
@Suite("Loss pane title")
struct LossTitleTests {
  @Test func titleShowsAxisModeAndSmoothing() {
    var m = Fixtures.training(Size(width: 120, height: 40))
    #expect(Workbench.render(m).lines().joined().contains("· log-y "))
    _ = Workbench.update(&m, .key(.character("s")))
    _ = Workbench.update(&m, .key(.character("y")))
    #expect(Workbench.render(m).lines().joined().contains("· linear y · smooth 0.6"))
  }
}
