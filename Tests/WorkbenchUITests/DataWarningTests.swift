import Foundation
import TerminalGrid
import Testing
import Training
import WorkbenchUI

/// What a run's task warns of when it is built (a csv column that looks like an index) reaches
/// the user: as a notice when the run starts, and on Compose while the draft has that task.
@Suite("Task warnings on the workbench")
struct DataWarningTests {
  static let warning = #"column "year" looks like an index (whole numbers, strictly monotone) and is forecast as data; name the columns to forecast in task.columns"#

  /// A model that started a csv run on Compose and was told `warnings` by the runtime.
  func started(_ size: Size, warnings: [String]) -> WorkbenchModel {
    var m = WorkbenchModel(size: size, mode: .unicode, depth: .ansi256)
    var c = m.draft.config
    c.task = .csv(CSVTaskSpec(path: "sunspots.csv", window: 20))
    m.draft = ComposeDraft(config: c)
    _ = Workbench.update(&m, .key(.character(" ")))
    let id = m.live?.id ?? -1
    _ = Workbench.update(&m, .runStarted(run: id, session: nil, warnings: warnings))
    return m
  }

  func text(_ m: WorkbenchModel) -> String { Workbench.render(m).lines().joined(separator: "\n") }

  @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)])
  func theWarningIsANoticeAndStaysOnComposeWhileTheDraftHasTheTask(size: Size) throws {
    var m = started(size, warnings: [Self.warning])
    #expect(m.screen == .train)
    #expect(m.notice == "warning: \(Self.warning)")
    #expect(text(m).contains("warning: column \"year\""))
    m.notice = nil
    m.screen = .compose
    let screen = text(m)
    #expect(screen.contains("warning: column \"year\" looks like"), "\(screen)")
    // In yellow, like every warning.
    let grid = Workbench.render(m)
    let row = try #require(grid.lines().firstIndex { $0.contains("warning: column") })
    let column = try #require(grid.lines()[row].range(of: "warning:")).lowerBound
    let x = grid.lines()[row].distance(from: grid.lines()[row].startIndex, to: column)
    #expect(grid[x, row].style.fg == .yellow)
    // Naming the columns changes the draft's task: the warning no longer applies to it.
    var c = m.draft.config
    c.task = .csv(CSVTaskSpec(path: "sunspots.csv", columns: ["spots"], window: 20))
    m.draft = ComposeDraft(config: c)
    #expect(!text(m).contains("warning: column"))
  }

  @Test func aTaskWithoutWarningsShowsNone() {
    var m = started(Size(width: 120, height: 40), warnings: [])
    #expect(m.notice == nil)
    m.screen = .compose
    #expect(!text(m).contains("warning:"))
  }

  /// Through the real event loop: the runtime builds the task from the file and hands its
  /// warning back with `.runStarted`.
  @Test func theRuntimeReportsTheWarningOfTheFileItRead() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-years-\(UUID().uuidString).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let rows = (1700..<1900).map { "\($0),\(50 + 40 * sin(Double($0) / 1.7))\n" }.joined()
    try ("year,spots\n" + rows).write(toFile: path, atomically: true, encoding: .utf8)
    var c = LifecycleTests.config(steps: 5)
    c.task = .csv(CSVTaskSpec(path: path, window: 10))
    let bench = LifecycleTests.Bench(draft: c)
    bench.press(.character(" "))
    bench.until("the run started") { bench.state.live?.view.sessionName != nil }
    #expect(bench.state.live?.warnings == [Self.warning])
    bench.until("the notice is drawn") { bench.screen.contains("warning: column \"year\"") }
    bench.press(.character("q"))
    bench.until("quit") { bench.loop.hasQuit }
  }
}
