import TerminalGrid
import Testing
import Training
import WorkbenchUI

/// The lifecycle as `update` sees it: runs have ids, the live run and a replay are kept apart,
/// and the status is what the run's own thread reported.
@Suite("update: run lifecycle")
struct LifecycleUpdateTests {
  static let size = Size(width: 100, height: 30)

  func press(_ m: inout WorkbenchModel, _ keys: Key...) -> [Effect] {
    keys.flatMap { Workbench.update(&m, .key($0)) }
  }

  /// The bug this replaces: after `r`, the old thread's final `.stopped` arrived while the new
  /// run was already shown and turned it STOPPED, so space said "the run has ended".
  @Test func theStoppedRunsLastEventsDoNotTouchTheNewRun() {
    var m = Fixtures.training(Self.size)
    let old = m.live?.id ?? 0
    _ = press(&m, .character("r"))
    let new = m.live?.id ?? 0
    #expect(new != old)
    _ = Workbench.update(&m, .trainer(run: old, .run(.metrics([StepMetrics(step: 999, loss: 1, gradNorm: 1, lr: 1)]))))
    _ = Workbench.update(&m, .trainer(run: old, .stopped(failure: nil)))
    #expect(m.live?.view.status == .starting && m.live?.view.step == 0)
    _ = Workbench.update(&m, .trainer(run: new, .running(true)))
    #expect(m.live?.view.status == .running)
    #expect(press(&m, .character(" ")) == [.send(.pause)], "the new run can be paused")
  }

  @Test func replayingKeepsTheLiveRunAndTReturnsToIt() {
    var m = Fixtures.training(Self.size)
    let id = m.live?.id ?? 0
    let before = m.live?.view.step ?? 0
    _ = Workbench.update(&m, .replayLoaded(file: "old.session", config: Fixtures.config, events: Fixtures.events(steps: 30)))
    #expect(m.screen == .replay && m.replay?.lastStep == 30)
    // The live run's events keep arriving and are folded into the live run, not the replay.
    _ = Workbench.update(&m, .trainer(run: id, .run(.metrics([StepMetrics(step: before + 1, loss: 0.1, gradNorm: 1, lr: 0.003)]))))
    #expect(m.live?.view.step == before + 1 && m.replay?.view.step == 30)
    #expect(Workbench.render(m).lines().joined().contains("live run (t)"))
    _ = press(&m, .character("t"))
    #expect(m.screen == .train && m.live?.view.status == .running)
    #expect(m.shownRun?.step == before + 1)
    #expect(press(&m, .character(" ")) == [.send(.pause)])
  }

  @Test func aStartFailureIsShownAsFailed() {
    var m = Fixtures.model(Self.size)
    _ = press(&m, .character(" "))
    _ = Workbench.update(&m, .runFailed(run: 1, "\"task.images\": cannot read /x.idx"))
    #expect(m.live?.view.status == .failed && !m.hasLiveRun)
    let screen = Workbench.render(m).lines().joined()
    #expect(screen.contains("FAILED") && screen.contains("cannot start: \"task.images\": cannot read /x.idx"))
    #expect(!screen.contains("RUNNING"))
    #expect(press(&m, .character(" ")) == [])
    #expect(press(&m, .character("q")) == [.quit], "nothing to stop")
  }

  @Test func finishedAndDivergedRunsAreNotLive() {
    var m = Fixtures.training(Self.size)
    let id = m.live?.id ?? 0
    _ = Workbench.update(&m, .trainer(run: id, .run(.finished(step: 200))))
    _ = Workbench.update(&m, .trainer(run: id, .running(false)))
    #expect(m.live?.view.status == .finished && !m.hasLiveRun)
    #expect(press(&m, .character("+")) == [])
    #expect(press(&m, .character("r")) == [.startTraining(run: id + 1, Fixtures.config)])
  }

  @Test func tWithoutARunSaysSo() {
    var m = Fixtures.model(Self.size)
    _ = press(&m, .character("t"))
    #expect(m.screen == .compose && m.notice?.contains("no run yet") == true)
  }
}

extension LifecycleUpdateTests {
  /// A draft that cannot train is refused on Compose with the schema's message, and the live
  /// run is left running; a valid one starts normalised (keys that do not apply at defaults).
  @Test func anInvalidDraftDoesNotStopTheLiveRun() {
    var m = Fixtures.training(Self.size)
    let id = m.live?.id
    m.screen = .compose
    m.draft.config.task = .idx(IDXTaskSpec(images: "", labels: ""))
    #expect(press(&m, .character(" ")).withoutPreviews == [])
    #expect(m.screen == .compose && m.live?.id == id && m.live?.view.status == .running)
    #expect(m.notice?.hasPrefix("cannot train: \"task.images\"") == true, "\(m.notice ?? "")")
    m.draft = ComposeDraft()
    m.draft.config.cell.structure = .dense  // gamma 0.01 no longer applies
    let effects = press(&m, .character(" "))
    #expect(effects.withoutPreviews == [.startTraining(run: (id ?? 0) + 1, m.draft.config.normalized)])
    #expect(m.live?.view.config.cell.gamma == 0)
  }
}

extension LifecycleUpdateTests {
  /// `odernn tui --sessions DIR`: the Sessions screen with every listed run overlaid.
  @Test func overlayAllOverlaysEveryListedRun() {
    var m = Fixtures.model(Self.size)
    let files = ["000-a.session", "001-b.session", "002-c.session"]
    _ = Workbench.update(&m, .sessionsListed(files.map { SessionListing(file: $0, cell: "euler t=1", task: "adding", steps: 1, finalLoss: 0.1, status: "finished") }))
    _ = Workbench.update(&m, .overlayAll)
    #expect(m.overlay == files)
  }
}
