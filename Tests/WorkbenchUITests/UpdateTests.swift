import Tableaux
import TerminalGrid
import Testing
import Training
import WorkbenchUI

/// Every key binding's effect on the model and the effects it asks for.
@Suite("update: key bindings")
struct UpdateTests {
  static let size = Size(width: 100, height: 30)

  func press(_ m: inout WorkbenchModel, _ keys: Key...) -> [Effect] {
    keys.flatMap { Workbench.update(&m, .key($0)) }
  }

  @Test func spaceOnComposeStartsTheDefaultRunAndSwitchesToTrain() {
    var m = Fixtures.model(Self.size)
    let effects = press(&m, .character(" "))
    #expect(m.screen == .train)
    #expect(m.live?.view.status == .starting, "STARTING until the thread reports")
    #expect(effects == [.startTraining(run: 1, ComposeDraft().config)])
    _ = Workbench.update(&m, .trainer(run: 1, .running(true)))
    #expect(m.live?.view.status == .running)
    // DESIGN §1.9: adding T=100, antisymmetric euler, H=64, until stopped.
    let c = ComposeDraft().config
    #expect(c.task == .adding(length: 100) && c.cell.tableau.name == "euler" && c.cell.structure == .antisymmetric)
    #expect(c.cell.hiddenSize == 64 && c.steps == nil)
  }

  /// Pause and resume are requests; the status follows what the thread reports, and a second
  /// press before the report builds on the first (pause, then resume again).
  @Test func spacePausesAndResumesAndNStepsOnlyWhilePaused() {
    var m = Fixtures.training(Self.size)
    let id = m.live?.id ?? 0
    #expect(press(&m, .character("n")) == [])
    #expect(press(&m, .character(" ")) == [.send(.pause)])
    #expect(m.live?.view.status == .running, "still RUNNING until the thread says it paused")
    #expect(press(&m, .character(" ")) == [.send(.resume)], "a quick second press resumes")
    #expect(press(&m, .character(" ")) == [.send(.pause)])
    _ = Workbench.update(&m, .trainer(run: id, .running(false)))
    #expect(m.live?.view.status == .paused)
    #expect(press(&m, .character("n")) == [.send(.singleStep)])
    #expect(press(&m, .character(" ")) == [.send(.resume)])
    _ = Workbench.update(&m, .trainer(run: id, .running(true)))
    #expect(m.live?.view.status == .running)
  }

  @Test func resetRestartsWithTheSameConfig() {
    var m = Fixtures.training(Self.size)
    let config = m.live?.view.config
    let effects = press(&m, .character("r"))
    #expect(effects == [.startTraining(run: 2, config ?? Fixtures.config)], "the runtime stops run 1 first")
    #expect(m.live?.id == 2 && m.live?.view.step == 0 && m.live?.view.status == .starting)
  }

  /// Each press builds on the rate asked for last, not on the one last displayed: `+ + +`
  /// before the trainer answers is ×8.
  @Test func plusAndMinusDoubleAndHalveTheLearningRate() {
    var m = Fixtures.training(Self.size)
    #expect(press(&m, .character("+")) == [.send(.setLearningRate(0.006))])
    #expect(press(&m, .character("+")) == [.send(.setLearningRate(0.012))])
    #expect(press(&m, .character("+")) == [.send(.setLearningRate(0.024))])
    #expect(press(&m, .character("-")) == [.send(.setLearningRate(0.012))])
  }

  @Test func quitStopsTrainingFirstAndSaveCheckpoints() {
    var m = Fixtures.training(Self.size)
    #expect(press(&m, .control("s")) == [.save])
    #expect(press(&m, .character("q")) == [.quit], "the runtime stops the run first")
    var idle = Fixtures.model(Self.size)
    #expect(press(&idle, .character("q")) == [.quit])
    #expect(press(&idle, .control("s")) == [])
  }

  @Test func helpOpensAndEscOrQuestionMarkCloses() {
    var m = Fixtures.training(Self.size)
    _ = press(&m, .character("?"))
    #expect(m.showHelp)
    #expect(press(&m, .character(" ")) == [])  // keys do nothing under help
    _ = press(&m, .escape)
    #expect(!m.showHelp)
    _ = press(&m, .character("?"), .character("?"))
    #expect(!m.showHelp)
  }

  @Test func paneTogglesFocusLogAndSmoothing() {
    var m = Fixtures.training(Self.size)
    _ = press(&m, .character("3"))
    #expect(!m.panes.contains(.heatmap))
    _ = press(&m, .character("3"))
    #expect(m.panes.contains(.heatmap))
    _ = press(&m, .character("1"), .character("2"), .character("3"), .character("4"))
    #expect(m.panes == [.eigen])  // the last pane cannot be hidden
    _ = press(&m, .character("1"))
    #expect(m.focus == .loss)
    _ = press(&m, .tab)
    #expect(m.focus == .eigen)
    let (logY, smooth, map) = (m.logY, m.smoothing, m.showMap)
    _ = press(&m, .character("y"), .character("s"), .character("v"))
    #expect(m.logY != logY && m.smoothing != smooth && m.showMap != map)
    #expect(smooth == 0 && m.smoothing == 0.6, "s cycles off → 0.6 → 0.9 → off")
    _ = press(&m, .character("s"))
    #expect(m.smoothing == 0.9)
    _ = press(&m, .character("s"))
    #expect(m.smoothing == 0)
  }

  @Test func composeFieldsMoveNudgeAndType() {
    var m = Fixtures.model(Self.size)
    _ = press(&m, .down, .down)
    #expect(m.field == ComposeField("cell.hiddenSize"))
    _ = press(&m, .right)
    #expect(m.draft.config.cell.hiddenSize == 128)
    _ = press(&m, .left, .left)
    #expect(m.draft.config.cell.hiddenSize == 32)
    _ = press(&m, .enter, .character("4"), .character("8"), .enter)
    #expect(m.draft.config.cell.hiddenSize == 48 && m.preview.parameterCount > 0)
    _ = press(&m, .enter, .character("0"), .enter)
    #expect(m.draft.config.cell.hiddenSize == 48)
    #expect(m.notice == #""cell.hiddenSize": expected an integer in 1...4096, got 0"#)
    _ = press(&m, .up, .up, .right)
    #expect(m.draft.config.cell.tableau.name == "midpoint" && m.preview.stages == 2)
    _ = press(&m, .enter, .character("x"), .escape)
    #expect(m.typing == nil && m.draft.config.cell.tableau.name == "midpoint")
  }

  /// The tableau field takes a catalog name, or a file that the runtime reads (update does no
  /// I/O): Enter asks for `.loadTableau`, and `.tableauLoaded` puts the tableau in the draft.
  @Test func tableauFieldLoadsAFileThroughTheRuntime() throws {
    var m = Fixtures.model(Self.size)
    #expect(m.field == .tableau)
    _ = press(&m, .enter)
    #expect(m.notice?.contains(".json") == true)
    _ = press(&m, .character("r"), .character("k"), .character("4"))
    #expect(press(&m, .enter).withoutPreviews == [])
    #expect(m.draft.config.cell.tableau.name == "rk4")
    _ = press(&m, .enter)
    let typed = "t.json".unicodeScalars.flatMap { press(&m, .character($0)) } + press(&m, .enter)
    #expect(typed == [.loadTableau("t.json")])
    let heun = try #require(ButcherTableau.named("heun"))
    let custom = try ButcherTableau(name: "mine", a: heun.a, b: heun.b, c: heun.c)
    _ = Workbench.update(&m, .tableauLoaded(custom, file: "t.json"))
    #expect(m.draft.config.cell.tableau.name == "mine" && m.preview.stages == 2)
    #expect(m.notice == "tableau mine loaded from t.json")
  }

  @Test func tableauEditorValidatesLiveAndAppliesOnlyValidTableaux() throws {
    var m = Fixtures.model(Self.size)
    _ = press(&m, .character("e"))
    #expect(m.editor != nil)
    _ = press(&m, .character("+"))  // two stages: a = [[0,0],[0,0]], b = [1, 0]
    #expect(m.editor?.stages == 2)
    // b row: make b = [1/2, 1/2] and a21 = 1, c = [0, 1]: Heun.
    _ = press(&m, .down, .down, .backspace, .character("1"), .character("/"), .character("2"))
    _ = press(&m, .right, .backspace, .character("1"), .character("/"), .character("2"))
    let editor = try #require(m.editor)
    #expect(editor.b == ["1/2", "1/2"])
    _ = press(&m, .up, .left, .backspace, .character("1"))  // a[1][0] = 1
    _ = press(&m, .left, .backspace, .character("1"))  // c[1] = 1
    if case .success(let t) = m.editor?.result { #expect(t.order == 2) } else { Issue.record("Heun did not validate") }
    _ = press(&m, .enter)
    #expect(m.editor == nil && m.draft.config.cell.tableau.order == 2 && m.preview.stages == 2)
    // An invalid tableau is not applied.
    _ = press(&m, .character("e"), .down, .down, .backspace, .backspace, .backspace, .character("9"), .enter)
    #expect(m.editor != nil && m.notice?.contains("sum(b)") == true)
    _ = press(&m, .escape)
    #expect(m.editor == nil && m.draft.config.cell.tableau.order == 2)
  }

  @Test func sessionsBrowseOverlayAndOpen() {
    var m = Fixtures.model(Self.size)
    #expect(press(&m, .character("S")) == [.listSessions])
    let listing = SessionListing(file: "a.session", cell: "euler t=1", task: "adding", steps: 3, finalLoss: 0.1, status: "finished")
    let listed = Workbench.update(&m, .sessionsListed([listing, SessionListing(file: "b.session", cell: "rk4 t=1", task: "sine", steps: 3, finalLoss: 0.2, status: "finished")]))
    #expect(listed == [.loadCurves(["a.session"])], "only the selected run's curve is read")
    #expect(press(&m, .down, .character(" ")) == [.loadCurves(["b.session"]), .loadCurves(["b.session"])])
    #expect(m.overlay == ["b.session"])
    #expect(press(&m, .enter) == [.loadSession("b.session")])
    _ = press(&m, .escape)
    #expect(m.screen == .compose)
  }

  @Test func replayScrubsPlaysAndChangesSpeed() {
    var m = Fixtures.model(Self.size)
    _ = Workbench.update(&m, .replayLoaded(file: "r.session", config: Fixtures.config, events: Fixtures.events()))
    #expect(m.screen == .replay && m.replay?.cursor == 200)
    _ = press(&m, .character("g"))
    #expect(m.replay?.cursor == 0)
    _ = press(&m, .character("]"), .right)
    #expect(m.replay?.cursor == 4)
    _ = press(&m, .character("G"), .character("["))
    #expect(m.replay?.cursor == 198)
    _ = press(&m, .character("+"))
    #expect(m.replay?.speed == 100)
    _ = press(&m, .character("-"), .character("-"))
    #expect(m.replay?.speed == 25)
    _ = press(&m, .character("g"), .character(" "))
    _ = Workbench.update(&m, .tick(m.now + 2))  // 2 s at 25 steps/s
    #expect(m.replay?.cursor == 50)
    _ = Workbench.update(&m, .tick(m.now + 100))
    #expect(m.replay?.cursor == 200 && m.replay?.playing == false)
  }

  @Test func tooSmallAcceptsOnlyQuit() {
    var m = Fixtures.model(Size(width: 79, height: 24))
    #expect(press(&m, .character(" ")) == [] && m.screen == .compose)
    #expect(press(&m, .character("q")) == [.quit])
    _ = Workbench.update(&m, .resize(Size(width: 80, height: 24)))
    #expect(!m.isTooSmall)
  }

  /// Replaying a session's events (`.replayLoaded`, the path a saved session takes) rebuilds
  /// the run the live workbench showed: drawn in the Train layout, its panes (loss, gradients,
  /// heatmap, eigenvalues) equal the live ones cell for cell; only the status line differs.
  @Test func replayingRecordedEventsReproducesTheFinalScreen() {
    let size = Size(width: 120, height: 40)
    let live = Fixtures.training(size)
    func replayed(_ events: [RunEvent]) -> WorkbenchModel {
      var m = Fixtures.model(size)
      _ = Workbench.update(&m, .replayLoaded(file: "run.session", config: Fixtures.config, events: events))
      return m
    }
    var full = replayed(Fixtures.events())
    #expect(full.screen == .replay && full.replay?.cursor == 200)
    #expect(Workbench.render(full).lines().joined().contains("step 200/200"))
    /// The replayed run drawn on the Train screen, as if it were live.
    func onTrain(_ m: WorkbenchModel) -> WorkbenchModel {
      var m = m
      var run = LiveRun(id: 1, config: Fixtures.config)
      run.view = m.replay?.view ?? run.view
      m.live = run
      m.screen = .train
      return m
    }
    full = onTrain(full)
    let panes = { (m: WorkbenchModel) in Array(Workbench.render(m).lines()[0..<(size.height - 2)]) }
    #expect(panes(full) == panes(live))
    // A session cut short gives other panes: the comparison is not vacuous.
    let cut = onTrain(replayed(Array(Fixtures.events().dropLast(20))))
    #expect(panes(cut) != panes(live))
  }
}
