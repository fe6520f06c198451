import Experiments
import Foundation
import JSON
import Synchronization
import TerminalGrid
import Testing
import WorkbenchRuntime
import WorkbenchUI

/// The Experiments screen: the catalog with verdicts, a run's progress per training run, its
/// table, charts and overlaid sessions, at 80×24, 120×40 and 200×60, with the colours that
/// carry meaning (holds green, does not hold red, running cyan); keys and the runtime's
/// answers through `update`; and a real loop whose experiment blocks while keys go on.
@Suite("Experiments screen")
struct ExperimentsScreenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]
  static let catalog = [
    ExperimentInfo(name: "rotation", claim: "the measured growth equals |R(iεω)| to 1e-10"),
    ExperimentInfo(name: "stability", claim: "the truncation gap decays geometrically"),
  ]

  static func report(holds: Bool) -> ExperimentReport {
    var r = ExperimentReport(
      experiment: "stability", claim: "the truncation gap decays geometrically", holds: holds,
      columns: ["model", "k", "gap"], rows: (0..<6).map { k in [.string("ρ = 0.9"), .number(Double(1 << k)), .number(pow(0.5, Double(k)))] },
      sessions: ["s/e/01-a.session", "s/e/02-b.session"], findings: ["ρ = 0.9: fitted rate 0.5"],
      charts: [
        ExperimentChart(
          title: "gap against log₂ k", xLabel: "log₂ k", logY: true,
          series: [
            .init(name: "unconstrained", points: (0..<6).map { .init(Double($0), 1) }),
            .init(name: "ρ = 0.9", points: (0..<6).map { .init(Double($0), pow(0.5, Double($0))) }),
          ])
      ])
    r.quick = true
    return r
  }

  /// A model on the Experiments screen with the catalog listed and stability's report saved.
  static func model(_ size: Size, holds: Bool = true) -> WorkbenchModel {
    var m = WorkbenchModel(size: size, mode: .unicode, depth: .ansi256)
    _ = Workbench.update(&m, .key(.character("X")))
    _ = Workbench.update(
      &m, .experiment(.listed(catalog, saved: ["stability": SavedExperiment(report: report(holds: holds), folder: "sessions/experiments/stability-1")])))
    _ = Workbench.update(&m, .key(.down))
    return m
  }

  static func text(_ m: WorkbenchModel) -> String { Workbench.render(m).lines().joined(separator: "\n") }

  /// The style of the first cell of `needle` on screen.
  static func style(_ m: WorkbenchModel, of needle: String) throws -> Style {
    let grid = Workbench.render(m)
    let lines = grid.lines()
    let row = try #require(lines.firstIndex { $0.contains(needle) }, "\(needle) not on screen")
    let x = lines[row].distance(from: lines[row].startIndex, to: lines[row].range(of: needle)!.lowerBound)
    return grid[x, row].style
  }

  @Test(arguments: sizes)
  func theTableTheVerdictAndTheListShowAtEverySize(size: Size) throws {
    let m = Self.model(size)
    let screen = Self.text(m)
    #expect(m.screen == .experiments)
    #expect(screen.contains(" Experiments "), "the tab")
    #expect(screen.contains("stability · quick · table"), "\(screen)")
    #expect(screen.contains("claim: the truncation gap decays"))
    #expect(screen.contains("the claim holds"))
    #expect(screen.contains("model") && screen.contains("ρ = 0.9"))
    #expect(screen.contains("- ρ = 0.9: fitted rate 0.5"))
    #expect(try Self.style(m, of: "the claim holds").fg == .green)
    #expect(screen.contains(size.width < 120 ? "·│" : "not run│"), "rotation has no report")
    #expect(screen.contains("? help") && screen.contains("q quit"))
    let failing = Self.model(size, holds: false)
    #expect(Self.text(failing).contains("the claim does not hold"))
    #expect(try Self.style(failing, of: "the claim does not hold").fg == .red)
    // The list's verdict: the word, or below 120 columns one glyph.
    #expect(try Self.style(failing, of: size.width < 120 ? "✗│" : "not held│").fg == .red)
    #expect(try Self.style(m, of: size.width < 120 ? "✓│" : "holds│").fg == .green)
  }

  @Test(arguments: sizes)
  func theChartsViewDrawsEverySeriesInItsOwnColour(size: Size) throws {
    var m = Self.model(size)
    #expect(Workbench.update(&m, .key(.character("v"))).isEmpty)
    #expect(m.experiments.view == .charts)
    let screen = Self.text(m)
    #expect(screen.contains("gap against log₂ k · log-y"), "\(screen)")
    #expect(screen.contains("unconstrained") && screen.contains("x: log₂ k"))
    let grid = Workbench.render(m)
    let keyColors = Set(
      grid.lines().enumerated().flatMap { y, line in
        line.enumerated().compactMap { x, ch in ch == "━" ? grid[x, y].style.fg : nil }
      })
    #expect(keyColors.count == 2, "one legend colour per series: \(keyColors)")
  }

  @Test func theCurvesViewAsksForTheSessionsAndDrawsThemOnceRead() throws {
    var m = Self.model(Size(width: 120, height: 40))
    _ = Workbench.update(&m, .key(.character("v")))
    let effects = Workbench.update(&m, .key(.character("v")))
    #expect(m.experiments.view == .curves)
    #expect(effects == [.loadExperimentCurves(["s/e/01-a.session", "s/e/02-b.session"])])
    #expect(Self.text(m).contains("0 of 2 sessions read"))
    var loss = MetricsHistory(capacity: 16)
    for s in 1...8 { loss.append(step: s, value: 1 / Double(s)) }
    _ = Workbench.update(&m, .curvesLoaded(["s/e/01-a.session": SessionCurve(steps: 8, loss: loss), "s/e/02-b.session": SessionCurve(steps: 8, loss: loss)]))
    let screen = Self.text(m)
    #expect(screen.contains("training loss of its 2 sessions") && screen.contains("01-a") && screen.contains("02-b"), "\(screen)")
  }

  @Test(arguments: sizes)
  func aRunShowsEachTrainingRunsProgressAndOnlyOneRunsAtATime(size: Size) throws {
    var m = Self.model(size)
    #expect(Workbench.update(&m, .key(.enter)) == [.runExperiment(name: "stability", quick: true)])
    #expect(Workbench.update(&m, .key(.enter)).isEmpty, "one at a time")
    #expect(m.notice == "stability is running; x stops it")
    let progress = ExperimentProgress(
      activity: "training 3 runs into sessions/experiments/stability-2",
      runs: [
        .init(label: "01-unconstrained", status: "finished", steps: 300, loss: 0.17),
        .init(label: "02-rho0.9", status: "running", steps: 120, loss: 0.2),
        .init(label: "003-cell_--tableau---euler---derivativeOrder--1--hiddenSize--64--structure", status: "waiting"),
      ])
    _ = Workbench.update(&m, .experiment(.progress(name: "stability", progress)))
    let screen = Self.text(m)
    #expect(screen.contains("stability · running, quick"))
    #expect(screen.contains("training 3 runs into"))
    #expect(screen.contains("1 of 3 runs done"))
    #expect(screen.contains("02-rho0.9") && screen.contains("waiting"), "\(screen)")
    #expect(try Self.style(m, of: "02-rho0.9").fg == .cyan)
    // A long label is cut at the right, never the status, steps or loss before it.
    let waiting = try #require(screen.split(separator: "\n").first { $0.contains("003-cell_") })
    #expect(waiting.contains("waiting") && waiting.contains("0"), "\(waiting)")
    #expect(try Self.style(m, of: size.width < 120 ? "●│" : "running│").fg == .cyan, "the list's verdict")
    // x asks first; any key but y lets it run.
    #expect(Workbench.update(&m, .key(.character("x"))).isEmpty)
    #expect(Self.text(m).contains("stop stability? y stops it"))
    #expect(Workbench.update(&m, .key(.character("n"))).isEmpty)
    #expect(m.notice == "still running" && m.experiments.running?.stopping == false)
    _ = Workbench.update(&m, .key(.character("x")))
    #expect(Workbench.update(&m, .key(.character("y"))) == [.stopExperiment])
    #expect(Self.text(m).contains("stopping"))
    _ = Workbench.update(&m, .experiment(.ended(name: "stability", .stopped("its finished runs stay in x"))))
    #expect(m.experiments.running == nil)
    #expect(Self.text(m).contains("last run: stopped; its finished runs stay in x"))
    #expect(Self.text(m).contains("stability · stopped"))
    #expect(try Self.style(m, of: size.width < 120 ? "○│" : "stopped│").fg == .yellow)
    #expect(Workbench.update(&m, .key(.character("x"))).isEmpty, "nothing to stop")
    // A failure is red and says why.
    _ = Workbench.update(&m, .experiment(.ended(name: "stability", .failed("point 1: odernn train exited 2"))))
    #expect(try Self.style(m, of: "last run: point 1").fg == .red)
  }

  @Test func fTogglesTheFullVersionAndAFinishedRunReplacesTheReport() {
    var m = Self.model(Size(width: 120, height: 40))
    _ = Workbench.update(&m, .key(.character("f")))
    #expect(Workbench.update(&m, .key(.enter)) == [.runExperiment(name: "stability", quick: false)])
    var full = Self.report(holds: false)
    full.quick = false
    _ = Workbench.update(&m, .experiment(.ended(name: "stability", .report(SavedExperiment(report: full, folder: "f")))))
    #expect(m.notice == "stability: the claim does not hold (f)")
    #expect(Self.text(m).contains("stability · full · table"))
  }

  @Test func aClickPicksAnExperimentAndTheTabOpensTheScreen() throws {
    var m = Self.model(Size(width: 120, height: 40))
    m.screen = .compose
    let header = Workbench.render(m).lines()[0]
    let tab = try #require(header.range(of: " Experiments "))
    let effects = Workbench.update(&m, .mouse(.click(x: header.distance(from: header.startIndex, to: tab.lowerBound) + 2, y: 0)))
    #expect(m.screen == .experiments && effects.first == Effect.listExperiments)
    // The list's first row is the body's second row (under the box's top border).
    _ = Workbench.update(&m, .mouse(.click(x: 3, y: 2)))
    #expect(m.experiments.selected?.name == "rotation")
  }

  /// Through the real loop: the experiment runs on the worker's thread and blocks until
  /// released; keys are handled meanwhile; its progress and report reach the screen.
  @Test func theLoopRunsAnExperimentOffTheMainThreadAndShowsItsReport() throws {
    let gate = Latch()
    let service = ExperimentService(
      catalog: Self.catalog, folder: { name, _, root in ("\(root)/\(name)-test", false) },
      run: { name, quick, folder, progress, _ in
        progress(ExperimentProgress(activity: "computing the table", runs: []))
        gate.wait()
        var r = ExperimentReport(experiment: name, claim: "c", holds: true, columns: ["a"], rows: [[.number(1)]])
        r.quick = quick
        return .success(r)
      })
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-exp-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let terminal = HeadlessTerminal(size: Size(width: 120, height: 36))
    terminal.whenNoKey = { usleep(UInt32($0) * 1000) }
    let loop = AppLoop(backend: terminal, folder: folder, version: "test", experiments: service)
    func press(_ k: Key) {
      terminal.enqueue(k)
      loop.iterate(timeoutMilliseconds: 0)
    }
    func until(_ what: String, _ condition: () -> Bool) {
      let deadline = Date(timeIntervalSinceNow: 300)  // a hang guard, nothing is timed
      while Date() < deadline && !condition() { loop.iterate(timeoutMilliseconds: 10) }
      #expect(condition(), "never happened: \(what)")
    }
    var screen: String { terminal.screen.lines().joined(separator: "\n") }
    press(.character("X"))
    until("listed") { loop.state.experiments.catalog.count == 2 }
    press(.enter)
    until("its progress") { screen.contains("computing the table") }
    // The experiment is blocked in its thread; the workbench still takes keys.
    press(.down)
    #expect(loop.state.experiments.selected?.name == "stability")
    press(.up)
    gate.open()
    until("its report") { screen.contains("the claim holds") }
    #expect(loop.state.experiments.saved["rotation"]?.folder == "\(folder)/experiments/rotation-test")
    press(.character("q"))
    #expect(loop.hasQuit)
  }

  /// A stopped run (it began, `experiment.json`, and left no report) of the same version is
  /// resumed; a finished one, another version's, or an older folder is not.
  @Test func theNewestUnfinishedRunOfTheSameVersionIsResumed() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-resume-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    func make(_ folder: String, quick: Bool, finished: Bool) throws {
      try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
      try #"{"experiment":"stability","quick":\#(quick)}"#.write(toFile: "\(root)/\(folder)/experiment.json", atomically: true, encoding: .utf8)
      if finished { try "{}".write(toFile: "\(root)/\(folder)/report.json", atomically: true, encoding: .utf8) }
    }
    #expect(ExperimentService.resumableFolder("stability", quick: true, under: root) == nil, "no folder")
    try make("stability-20261201T100000", quick: true, finished: false)
    #expect(ExperimentService.resumableFolder("stability", quick: true, under: root) == "\(root)/stability-20261201T100000")
    #expect(ExperimentService.resumableFolder("stability", quick: false, under: root) == nil, "the full version does not resume a quick run")
    #expect(ExperimentService.resumableFolder("width", quick: true, under: root) == nil)
    try make("stability-20261201T110000", quick: true, finished: true)
    #expect(ExperimentService.resumableFolder("stability", quick: true, under: root) == nil, "the newest run finished")
  }

  @Test func savedReportsAreTheNewestReadableFolderOfEach() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-reports-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    func write(_ folder: String, _ text: String) throws {
      try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
      try text.write(toFile: "\(root)/\(folder)/report.json", atomically: true, encoding: .utf8)
    }
    let older = Self.report(holds: false), newer = Self.report(holds: true)
    try write("stability-20261201T100000", older.json.serialized())
    try write("stability-20261201T110000", newer.json.serialized())
    try write("stability-20261201T120000", "{not json")
    try write("rotation-20261201T090000", #"{"experiment": "rotation"}"#)
    let saved = ExperimentService.savedReports(root: root, names: ["stability", "rotation", "width"])
    #expect(saved["stability"]?.report == newer)
    #expect(saved["stability"]?.folder == "\(root)/stability-20261201T110000")
    #expect(saved["rotation"] == nil && saved["width"] == nil)
  }
}

/// A latch: `wait` blocks until `open` (a hang guard of 300 s keeps a broken test from hanging).
final class Latch: Sendable {
  private let isOpen = Mutex(false)
  private let condition = NSCondition()
  func open() {
    condition.lock()
    isOpen.withLock { $0 = true }
    condition.broadcast()
    condition.unlock()
  }
  func wait() {
    condition.lock()
    let guardTime = Date(timeIntervalSinceNow: 300)
    while !isOpen.withLock({ $0 }) && Date() < guardTime { _ = condition.wait(until: guardTime) }
    condition.unlock()
  }
}
