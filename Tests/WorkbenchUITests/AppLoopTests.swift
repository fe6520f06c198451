import Foundation
import Sessions
import TerminalGrid
import Testing
import Training
import WorkbenchRuntime
import WorkbenchUI

/// The real event loop over a headless terminal, with a real trainer thread and session file.
@Suite("AppLoop end to end (headless)")
struct AppLoopTests {
  /// A headless terminal whose key reads wait out their timeout (as `wget_wch` does), so the
  /// loop runs at its real pace instead of rendering frames back to back.
  func pacedTerminal(_ width: Int, _ height: Int) -> HeadlessTerminal {
    let t = HeadlessTerminal(size: Size(width: width, height: height))
    t.whenNoKey = { usleep(UInt32($0) * 1000) }
    return t
  }

  /// Iterates the loop until `condition` holds, at most `iterations` times: for what keys
  /// alone decide (each iteration takes at most one key), so no clock is involved.
  func iterate(_ loop: AppLoop, iterations: Int = 200, until condition: () -> Bool) -> Bool {
    for _ in 0..<iterations {
      loop.iterate(timeoutMilliseconds: 20)
      if condition() { return true }
    }
    return condition()
  }

  /// Iterates until the trainer thread brings `condition` about. The bound only keeps a hung
  /// thread from hanging the suite (300 s, far beyond any machine's pace); nothing is timed.
  func awaitTrainer(_ loop: AppLoop, until condition: () -> Bool) -> Bool {
    let hangGuard = Date(timeIntervalSinceNow: 300)
    while Date() < hangGuard {
      loop.iterate(timeoutMilliseconds: 20)
      if condition() { return true }
    }
    return condition()
  }

  @Test func trainPauseQuitThenReplayTheSavedSession() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-apploop-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let terminal = pacedTerminal(100, 30)
    let loop = AppLoop(backend: terminal, folder: folder, version: "test")
    // Make the default run small so the test is quick.
    terminal.enqueue(.down, .down, .enter, .character("8"), .enter)
    #expect(iterate(loop) { loop.state.draft.config.cell.hiddenSize == 8 })
    terminal.enqueue(.character(" "))
    #expect(awaitTrainer(loop) { (loop.state.live?.view.step ?? 0) >= 30 }, "the step counter never moved")
    #expect(terminal.screen.lines().joined().contains("RUNNING"))
    terminal.enqueue(.character(" "))
    #expect(awaitTrainer(loop) { loop.state.live?.view.status == .paused })
    let screen = terminal.screen.lines().joined()
    #expect(screen.contains("PAUSED") && screen.contains("step \(loop.state.live?.view.step ?? -1)"))
    terminal.enqueue(.character("?"))
    #expect(iterate(loop) { terminal.screen.lines().joined().contains("Keys: Train") })
    terminal.enqueue(.escape, .character("q"))
    #expect(awaitTrainer(loop) { loop.hasQuit })

    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".session") }
    #expect(files.count == 1)
    let name = try #require(files.first)
    #expect(name.range(of: #"^[0-9]{8}-[0-9]{6}-euler-adding\.session$"#, options: .regularExpression) != nil)
    let session = try Session.read(path: "\(folder)/\(name)")
    let steps = session.metrics.map(\.step)
    #expect(steps == Array(1...(steps.last ?? 0)), "every step exactly once, in order")
    #expect(session.checkpoints.last?.step == steps.last, "quitting saves a final checkpoint")
    #expect(try SessionVerifier.verify(session, path: "\(folder)/\(name)", tolerance: nil) == steps.count)

    // Replay it in a second workbench: Sessions → Enter.
    let second = pacedTerminal(100, 30)
    let replay = AppLoop(backend: second, folder: folder, version: "test")
    second.enqueue(.character("S"))
    #expect(iterate(replay) { replay.state.sessions.count == 1 })
    second.enqueue(.enter)
    #expect(iterate(replay) { replay.state.screen == .replay })
    #expect(replay.state.replay?.lastStep == steps.last)
    #expect(second.screen.lines().joined().contains("REPLAY"))
  }

  /// Typing a file name into Compose's tableau field loads it (exact fractions); a broken file
  /// gets a one-line notice and leaves the draft alone.
  @Test func composeLoadsATableauFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-tableau-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = dir.appendingPathComponent("ralston.json").path
    try #"{"name": "ralston", "a": [[0, 0], ["2/3", 0]], "b": ["1/4", "3/4"], "c": [0, "2/3"]}"#
      .write(toFile: good, atomically: true, encoding: .utf8)
    let bad = dir.appendingPathComponent("bad.json").path
    try #"{"name": "bad", "a": [[0]], "b": [2], "c": [0]}"#.write(toFile: bad, atomically: true, encoding: .utf8)

    let terminal = pacedTerminal(100, 30)
    let loop = AppLoop(backend: terminal, folder: dir.path, version: "test")
    func type(_ text: String) {
      terminal.enqueue(.enter)
      for c in text.unicodeScalars { terminal.enqueue(.character(c)) }
      terminal.enqueue(.enter)
    }
    type(good)
    #expect(iterate(loop) { loop.state.draft.config.cell.tableau.name == "ralston" })
    #expect(loop.state.draft.config.cell.tableau.b == [0.25, 0.75])
    #expect(terminal.screen.lines().joined().contains("ralston"))
    type(bad)
    #expect(iterate(loop) { loop.state.notice?.hasPrefix("tableau: ") == true }, "\(loop.state.notice ?? "")")
    #expect(loop.state.draft.config.cell.tableau.name == "ralston")
  }

  @Test func resizeBelowTheMinimumShowsTheTooSmallScreenAndQStillQuits() {
    let terminal = pacedTerminal(100, 30)
    let loop = AppLoop(backend: terminal, folder: "/nonexistent-odernn", version: "test")
    loop.iterate(timeoutMilliseconds: 0)
    terminal.resize(to: Size(width: 70, height: 20))
    #expect(iterate(loop) { terminal.screen.lines().joined().contains("terminal too small: have 70×20, need 80×24") })
    terminal.enqueue(.character("q"))
    #expect(iterate(loop) { loop.hasQuit })
  }

  /// An idle workbench renders no frame between keys (the views read nothing of the clock);
  /// a key that changes the model renders one, with its effect on the screen. The preview is
  /// injected to post nothing, so no message arrives unasked.
  @Test func anIdleWorkbenchRendersNothingBetweenKeys() {
    let terminal = HeadlessTerminal(size: Size(width: 100, height: 30))
    let loop = AppLoop(backend: terminal, folder: "/nonexistent-odernn", version: "test", computePreview: { _, _ in nil })
    loop.iterate(timeoutMilliseconds: 0)
    let first = loop.framesRendered
    #expect(first == 1)
    for _ in 0..<50 { loop.iterate(timeoutMilliseconds: 0) }
    #expect(loop.framesRendered == first)
    let field = loop.state.field
    terminal.enqueue(.down)
    loop.iterate(timeoutMilliseconds: 0)
    #expect(loop.state.field != field && loop.framesRendered == first + 1)
    for _ in 0..<50 { loop.iterate(timeoutMilliseconds: 0) }
    #expect(loop.framesRendered == first + 1)
  }
}
