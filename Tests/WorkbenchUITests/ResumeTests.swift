import Foundation
import Sessions
import TerminalGrid
import Testing
import Training
import WorkbenchRuntime
import WorkbenchUI

/// `R` on a Sessions row resumes that run from its last checkpoint into a new session whose
/// header names it as the parent, as `odernn train --resume` does.
@Suite("Sessions: resume a run from its row")
struct ResumeTests {
  @Test func rAsksTheRuntimeAndStartsARunFromTheCheckpoint() {
    var m = SessionsFixtures.model(Size(width: 120, height: 40), overlaid: 0)
    let file = m.selectedSession?.file ?? ""
    #expect(Workbench.update(&m, .key(.character("R"))).withoutPreviews == [.readResume(file)])
    let previous = m.live?.id ?? 0
    var config = Fixtures.config
    config.steps = nil
    let effects = Workbench.update(&m, .resumeReady(file: file, config: config, step: 40)).withoutPreviews
    #expect(effects == [.resumeTraining(run: previous + 1, config.normalized, file: file, step: 40)])
    #expect(m.screen == .train && m.live?.id == previous + 1 && m.live?.view.step == 40)
    // The live run's own file is not resumed (t returns to it).
    _ = Workbench.update(&m, .key(.character("S")))
    while m.selectedSession?.file != SessionsFixtures.live { _ = Workbench.update(&m, .key(.down)) }
    _ = Workbench.update(&m, .sessionsListed(SessionsFixtures.listings))
    _ = Workbench.update(&m, .runStarted(run: m.live?.id ?? 0, session: "sessions/\(SessionsFixtures.live)"))
    _ = Workbench.update(&m, .trainer(run: m.live?.id ?? 0, .running(true)))
    #expect(Workbench.update(&m, .key(.character("R"))).withoutPreviews.isEmpty)
  }

  @Test func theResumedSessionContinuesItsParentAndVerifies() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-resume-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let parent = "euler-antisymmetric-adding.session"
    try FileManager.default.copyItem(atPath: repo.appendingPathComponent("sessions/\(parent)").path, toPath: "\(dir)/\(parent)")
    let terminal = HeadlessTerminal(size: Size(width: 120, height: 40))
    let loop = AppLoop(backend: terminal, folder: dir, version: "test")
    terminal.enqueue(.character("S"))
    let hangGuard = Date(timeIntervalSinceNow: 300)
    while loop.state.sessions.isEmpty && Date() < hangGuard { loop.iterate(timeoutMilliseconds: 5) }
    terminal.enqueue(.character("R"))
    while (loop.state.live?.view.step ?? 0) < 43 && Date() < hangGuard { loop.iterate(timeoutMilliseconds: 5) }
    #expect(loop.state.screen == .train && (loop.state.live?.view.step ?? 0) >= 43)
    terminal.enqueue(.character("q"))
    while !loop.hasQuit && Date() < hangGuard { loop.iterate(timeoutMilliseconds: 5) }
    let child = try #require(try FileManager.default.contentsOfDirectory(atPath: dir).first { $0 != parent && $0.hasSuffix(".session") })
    let session = try Session.read(path: "\(dir)/\(child)")
    #expect(session.header.parent?.file == parent && session.header.parent?.step == 40)
    #expect(session.metrics.first?.step == 41, "the child starts after its parent's checkpoint")
    #expect(try SessionVerifier.verify(session, path: "\(dir)/\(child)", tolerance: nil) == session.metrics.count)
  }
}
