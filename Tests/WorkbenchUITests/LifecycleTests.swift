import Foundation
import ODECells
import Sessions
import TerminalGrid
import Testing
import Training
import WorkbenchRuntime
import WorkbenchUI

/// The run lifecycle through the real event loop: real trainer threads, real session files.
/// After every sequence: at most one trainer thread is alive (exactly one while a run is
/// active), the status line's step equals the newest session file's last step once the run
/// is quiet, and every session written verifies bit for bit.
@Suite("run lifecycle (AppLoop, real threads)")
struct LifecycleTests {
  /// A small run that trains until stopped, with diagnostics and checkpoints along the way.
  static func config(steps: Int? = nil) -> TrainingConfig {
    var c = TrainingConfig(
      cell: CellSpec(hiddenSize: 8, stepSize: 0.1, structure: .antisymmetric, gamma: 0.01),
      task: .adding(length: 20))
    c.batchSize = 8
    c.steps = steps
    c.diagnosticsEvery = 10
    c.checkpointEvery = 40
    c.precision = .float64
    return c
  }

  /// A workbench over a paced headless terminal, saving into a fresh folder.
  final class Bench {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-life-\(UUID().uuidString)").path
    let terminal = HeadlessTerminal(size: Size(width: 120, height: 36))
    let loop: AppLoop

    init(draft: TrainingConfig = LifecycleTests.config()) {
      terminal.whenNoKey = { usleep(UInt32($0) * 1000) }
      loop = AppLoop(backend: terminal, folder: folder, version: "test", draft: draft)
      loop.iterate(timeoutMilliseconds: 0)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    var state: WorkbenchModel { loop.state }
    var screen: String { terminal.screen.lines().joined(separator: "\n") }

    /// Presses keys, one loop iteration each.
    func press(_ keys: Key...) {
      for k in keys {
        terminal.enqueue(k)
        loop.iterate(timeoutMilliseconds: 0)
      }
    }

    /// Iterates until `condition` holds. The 300 s bound only keeps a hung thread from hanging
    /// the suite, far beyond any machine's pace: nothing is timed.
    @discardableResult
    func until(_ what: String, _ condition: () -> Bool) -> Bool {
      let deadline = Date(timeIntervalSinceNow: 300)
      while Date() < deadline {
        loop.iterate(timeoutMilliseconds: 10)
        if condition() { return true }
      }
      Issue.record("never happened: \(what)")
      return false
    }

    var status: RunStatus? { state.live?.view.status }
    var step: Int { state.live?.view.step ?? -1 }

    /// The step number in the status line (`step N`).
    var statusLineStep: Int? {
      let line = terminal.screen.lines()[terminal.screen.height - 2]
      guard let r = line.range(of: #"step [0-9]+"#, options: .regularExpression) else { return nil }
      return Int(line[r].dropFirst(5))
    }

    var sessionFiles: [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".session") }.sorted()
    }

    /// The last metrics step recorded in `file`.
    func lastStep(_ file: String) throws -> Int {
      try Session.read(path: "\(folder)/\(file)").metrics.last?.step ?? 0
    }

    /// Runs until `steps` more steps are shown, RUNNING.
    func trainFor(_ steps: Int) {
      let start = step
      until("\(steps) steps RUNNING") { status == .running && step >= start + steps }
    }

    /// Pauses and waits until the thread says so; the file and the screen then agree.
    func pauseAndCheckTheFileAgrees() throws {
      press(.character(" "))
      until("PAUSED") { status == .paused }
      let path = try #require(loop.activeSessionPath)
      let file = URL(fileURLWithPath: path).lastPathComponent
      until("the file catches up") { (try? lastStep(file)) == step }
      #expect(statusLineStep == step, "status line \(String(describing: statusLineStep)) vs model \(step)")
      #expect(try lastStep(file) == step)
      #expect(screen.contains("PAUSED"))
    }

    /// Quits, then checks that no thread is left and every session verifies with a final
    /// checkpoint at its last step.
    func quitAndVerify(expectingFiles count: Int) throws {
      press(.character("q"))
      until("quit") { loop.hasQuit }
      #expect(loop.aliveTrainerThreads == 0)
      #expect(sessionFiles.count == count, "\(sessionFiles)")
      for file in sessionFiles {
        let session = try Session.read(path: "\(folder)/\(file)")
        let steps = session.metrics.map(\.step)
        #expect(steps == Array(1...(steps.last ?? 0)), "\(file): every step once, in order")
        #expect(session.checkpoints.last?.step == steps.last, "\(file): a final checkpoint")
        #expect(try SessionVerifier.verify(session, path: file, tolerance: nil) == steps.count, "\(file)")
      }
    }
  }

  @Test func restartWhileRunningLeavesOneThreadAndAPausableRun() throws {
    let b = Bench()
    b.press(.character(" "))
    b.trainFor(15)
    #expect(b.loop.aliveTrainerThreads == 1)
    let first = b.state.live?.id
    b.press(.character("r"))
    #expect(b.state.live?.id != first)
    b.trainFor(15)
    #expect(b.loop.aliveTrainerThreads == 1, "the first run's thread was joined")
    #expect(b.screen.contains("RUNNING") && !b.screen.contains("STOPPED"))
    try b.pauseAndCheckTheFileAgrees()
    b.press(.character(" "))
    b.until("RUNNING again") { b.status == .running }
    try b.quitAndVerify(expectingFiles: 2)
  }

  @Test func recomposeAndStartWhileRunning() throws {
    let b = Bench()
    b.press(.character(" "))
    b.trainFor(10)
    b.press(.character("c"), .down, .down, .right)  // Compose, hidden size 8 → 16
    #expect(b.state.screen == .compose && b.state.draft.config.cell.hiddenSize == 16)
    #expect(b.status == .running, "composing leaves the live run running")
    b.press(.character(" "))
    b.trainFor(10)
    #expect(b.state.live?.view.config.cell.hiddenSize == 16)
    #expect(b.loop.aliveTrainerThreads == 1)
    try b.pauseAndCheckTheFileAgrees()
    try b.quitAndVerify(expectingFiles: 2)
  }

  @Test func replayWhileTrainingThenBackToTheLiveRun() throws {
    let b = Bench()
    b.press(.character(" "))
    b.trainFor(10)
    b.press(.character("S"))
    b.until("listed") { b.state.sessions.count == 1 }
    b.press(.enter)
    b.until("replaying") { b.state.screen == .replay }
    #expect(b.screen.contains("REPLAY") && b.screen.contains("live run (t)"))
    #expect(b.loop.aliveTrainerThreads == 1)
    b.trainFor(10)  // the live run keeps training while a replay is shown
    b.press(.character("t"))
    #expect(b.state.screen == .train && b.state.replay != nil)
    #expect(b.screen.contains("RUNNING"))
    try b.pauseAndCheckTheFileAgrees()
    try b.quitAndVerify(expectingFiles: 1)
  }

  @Test func aRunThatCannotStartShowsFailedAndStartsNoThread() throws {
    var c = Self.config()
    c.task = .idx(IDXTaskSpec(images: "/nonexistent/images.idx", labels: "/nonexistent/labels.idx"))
    let b = Bench(draft: c)
    b.press(.character(" "))
    b.until("FAILED") { b.status == .failed }
    #expect(b.screen.contains("FAILED") && b.screen.contains("cannot start"))
    #expect(!b.screen.contains("RUNNING"))
    #expect(b.loop.aliveTrainerThreads == 0)
    #expect(b.sessionFiles.isEmpty)
    b.press(.character(" "))
    #expect(b.state.notice?.contains("ended") == true)
    try b.quitAndVerify(expectingFiles: 0)
  }

  @Test func finishThenStartAgain() throws {
    let b = Bench(draft: Self.config(steps: 30))
    b.press(.character(" "))
    b.until("FINISHED") { b.status == .finished }
    b.until("the status line shows the last step") { b.statusLineStep == 30 }
    #expect(b.loop.aliveTrainerThreads <= 1)
    #expect(try b.lastStep(b.sessionFiles[0]) == 30)
    b.press(.character("r"))
    b.until("FINISHED again") { b.status == .finished && b.state.live?.id == 2 }
    #expect(b.loop.aliveTrainerThreads <= 1)
    try b.quitAndVerify(expectingFiles: 2)
  }

  @Test(arguments: ["running", "paused", "replaying", "finished"])
  func quitDuring(_ phase: String) throws {
    let b = Bench(draft: Self.config(steps: phase == "finished" ? 25 : nil))
    b.press(.character(" "))
    switch phase {
    case "paused":
      b.trainFor(5)
      try b.pauseAndCheckTheFileAgrees()
    case "replaying":
      b.trainFor(5)
      b.press(.character("S"))
      b.until("listed") { b.state.sessions.count == 1 }
      b.press(.enter)
      b.until("replaying") { b.state.screen == .replay }
    case "finished":
      b.until("FINISHED") { b.status == .finished }
    default:
      b.trainFor(5)
    }
    try b.quitAndVerify(expectingFiles: 1)
  }
}
