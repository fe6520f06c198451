import ODECells
import TerminalGrid
import Testing
import Training
import WorkbenchUI

/// Nothing essential is cut at 80×24: help shows every key, Train's panes collapse to two
/// full-height ones (tab brings the others), fact lines break between facts; and LSTM/GRU
/// previews show their gates and state rather than an order.
@Suite("80×24 and baseline previews")
struct SmallTerminalTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

  @Test(arguments: Screen.allCases)
  func helpShowsEveryBindingAt80x24(screen: Screen) {
    var m = Fixtures.training(Size(width: 80, height: 24))
    if screen == .replay {
      _ = Workbench.update(&m, .replayLoaded(file: "r.session", config: Fixtures.config, events: Fixtures.events()))
    }
    m.screen = screen
    _ = Workbench.update(&m, .key(.character("?")))
    let lines = Workbench.render(m).lines()
    for b in Keymap.bindings(for: screen) {
      #expect(lines.contains { $0.contains(b.keyLabel + String(repeating: " ", count: max(1, 10 - b.keyLabel.count)) + b.label) }, "\(screen): \(b.keyLabel) \(b.label)")
    }
    #expect(lines.joined().contains("? or Esc closes"))
  }

  /// The pane titles drawn.
  func titles(_ m: WorkbenchModel) -> [String] {
    let text = Workbench.render(m).lines().joined(separator: "\n")
    return ["Loss", "Gradient norms", "‖∂L/∂h_k‖", "ε·λ(∂F/∂S)"].filter { text.contains("─ \($0)") }
  }

  @Test func panesCollapseAt80x24AndTabBringsTheOthers() {
    var m = Fixtures.training(Size(width: 80, height: 24))
    #expect(titles(m) == ["Loss", "Gradient norms"])
    let text = Workbench.render(m).lines().joined(separator: "\n")
    #expect(text.contains("+2 panes (3,4): tab"))
    _ = Workbench.update(&m, .key(.tab))
    #expect(titles(m) == ["Gradient norms", "‖∂L/∂h_k‖"])
    _ = Workbench.update(&m, .key(.tab))
    #expect(titles(m) == ["‖∂L/∂h_k‖", "ε·λ(∂F/∂S)"])
    _ = Workbench.update(&m, .key(.tab))
    #expect(titles(m) == ["Loss", "ε·λ(∂F/∂S)"] && m.focus == .eigen)
    // Each drawn pane has the body's full height: its plot is not squeezed to a few rows.
    let lines = Workbench.render(m).lines()
    #expect(lines[1].hasPrefix("┌") && lines[21].hasPrefix("└"), "\(lines[1])\n\(lines[21])")
    // With two panes or fewer there is nothing to collapse.
    _ = Workbench.update(&m, .key(.character("3")))
    _ = Workbench.update(&m, .key(.character("4")))
    #expect(titles(m) == ["Loss", "Gradient norms"] && !Workbench.render(m).lines().joined().contains("panes ("))
  }

  @Test(arguments: [Size(width: 120, height: 40), Size(width: 200, height: 60)])
  func tallTerminalsShowEveryPane(size: Size) {
    let m = Fixtures.training(size)
    #expect(titles(m).count == 4)
    #expect(!Workbench.render(m).lines().joined().contains("panes ("))
  }

  @Test(arguments: sizes)
  func baselinePreviewsShowGatesAndState(size: Size) {
    // Parameters g·H·(I + H + 2) + O·H + O, with I = 2, O = 1 (adding), H = 64, g = 4 or 3.
    for (kind, gates, params) in [
      (CellKind.lstm, "4 gates (input, forget, cell, output)", "17,473"), (.gru, "3 gates (reset, update, new)", "13,121"),
    ] {
      var m = Fixtures.model(size)
      m.field = ComposeField("cell.kind")
      while m.draft.config.cell.kind != kind { _ = Workbench.update(&m, .key(.right)) }
      let text = Workbench.render(m).lines().joined(separator: "\n")
      #expect(text.contains(gates), "\(size) \(kind):\n\(text)")
      #expect(text.contains(kind == .lstm ? "state h and c, H = 64 each" : "state h, H = 64 each"))
      #expect(!text.contains("order 1") && !text.contains("f-evals/step"), "\(size) \(kind)")
      #expect(text.contains("params \(params)"), "\(size) \(kind)")
      // The header names the cell and its width, no derivative order (a baseline has none).
      let header = Workbench.render(m).lines()[0]
      #expect(header.hasSuffix("  H=64 ") && !header.contains("t=1"), "\(size): \(header)")
    }
  }

  /// The facts line breaks between facts at 80×24 instead of losing its end.
  @Test func factLinesBreakBetweenFacts() {
    let text = Workbench.render(Fixtures.model(Size(width: 80, height: 24))).lines().joined(separator: "\n")
    #expect(text.contains("(1,1) euler   order 1") && text.contains("f-evals/step 1   params 4,353"))
  }
}
