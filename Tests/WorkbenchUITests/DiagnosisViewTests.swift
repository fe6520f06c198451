import Foundation
import TerminalGrid
import Testing
import Training
import WorkbenchRuntime
import WorkbenchUI

/// `g` on Sessions: the selected run's diagnosis (‖h_t‖, the singular values of ∂S_T/∂S_0, the
/// truncation gap) asked of the runtime and drawn at 80×24, 120×40 and 200×60; a run that has
/// no gap says why; through the real loop the shipped example session is diagnosed off the main
/// thread.
@Suite("Diagnosis view")
struct DiagnosisViewTests {
  static let file = SessionsFixtures.listings[0].file

  static func diagnosis(truncation: Bool) -> RunDiagnosis {
    let gap = TruncationGap(
      fullLoss: 0.1, windows: [1, 2, 4, 8].map { .init(k: $0, gap: pow(0.5, Double($0)), loss: 0.1, bound: pow(0.6, Double($0))) }, lambda: 0.6,
      inputBound: 0.4)
    return RunDiagnosis(
      step: 2000, sequenceLength: 8, examples: 256,
      trajectory: TrajectoryDiagnostics(step: 2000, stateNorms: (1...8).map { 0.1 * Double($0) }, jacobianSingularValues: [3, 1, 0.5, 1e-3]),
      truncation: truncation ? .success(gap) : .failure(DiagnosticError("this task is read out at more than its last step")))
  }

  static func model(_ size: Size) -> WorkbenchModel {
    var m = WorkbenchModel(size: size, mode: .unicode, depth: .ansi256)
    m.screen = .sessions
    _ = Workbench.update(&m, .sessionsListed(SessionsFixtures.listings))
    return m
  }

  static func text(_ m: WorkbenchModel) -> String { Workbench.render(m).lines().joined(separator: "\n") }

  @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)])
  func gAsksForTheDiagnosisAndDrawsItsThreePictures(size: Size) throws {
    var m = Self.model(size)
    #expect(Workbench.update(&m, .key(.character("g"))) == [.diagnoseSession(Self.file)])
    #expect(Self.text(m).contains("computing ‖h_t‖"))
    _ = Workbench.update(&m, .sessionDiagnosed(file: Self.file, .success(Self.diagnosis(truncation: true))))
    let screen = Self.text(m)
    #expect(screen.contains("Diagnosis of 20261201-071657"), "\(screen)")
    #expect(screen.contains("‖h_t‖ (RMS) against t"))
    #expect(screen.contains("σ_i(∂S_T/∂S_0), median 0.75") && screen.contains("σ_i, σ₁ = 3"), "\(screen)")
    #expect(screen.contains("truncation gap ‖h_T − h_T^k‖∞, ‖M₀‖₂ = 0.6"))
    #expect(screen.contains("? help") && screen.contains("q quit"))
    // The gap and its bound in two colours.
    let grid = Workbench.render(m)
    let lines = grid.lines()
    let row = try #require(lines.lastIndex { $0.contains("━ gap") })
    // From the gap's key on (wide terminals put the other panes' legends to its left).
    let start = lines[row].distance(from: lines[row].startIndex, to: lines[row].range(of: "━ gap")!.lowerBound)
    let keys = lines[row].enumerated().compactMap { x, ch in ch == "━" && x >= start ? grid[x, row].style.fg : nil }
    #expect(keys.count == 2 && Set(keys).count == 2, "\(keys)")
    // g again (or Esc) closes it; g on the same run reuses the diagnosis.
    #expect(Workbench.update(&m, .key(.character("g"))).isEmpty)
    #expect(m.diagnosing == nil && !Self.text(m).contains("Diagnosis of"))
    #expect(Workbench.update(&m, .key(.character("g"))).isEmpty)
    #expect(m.diagnosing == Self.file)
    _ = Workbench.update(&m, .key(.escape))
    #expect(m.diagnosing == nil)
  }

  @Test func aRunWithoutAGapSaysWhyAndAFailureIsShown() {
    var m = Self.model(Size(width: 120, height: 40))
    _ = Workbench.update(&m, .key(.character("g")))
    _ = Workbench.update(&m, .sessionDiagnosed(file: Self.file, .success(Self.diagnosis(truncation: false))))
    #expect(Self.text(m).contains("truncation gap: none (this task is read out at more than its last step)"))
    _ = Workbench.update(&m, .sessionDiagnosed(file: Self.file, .failure(DiagnosticError("x.session has no checkpoint yet"))))
    #expect(Self.text(m).contains("cannot diagnose: x.session has no checkpoint yet"))
  }

  @Test func theLoopDiagnosesASavedSessionOffTheMainThread() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-diag-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../sessions/euler-antisymmetric-adding.session").standardized
    try FileManager.default.copyItem(atPath: example.path, toPath: "\(folder)/run.session")
    let terminal = HeadlessTerminal(size: Size(width: 120, height: 40))
    terminal.whenNoKey = { usleep(UInt32($0) * 1000) }
    let loop = AppLoop(backend: terminal, folder: folder, version: "test")
    func until(_ what: String, _ condition: () -> Bool) {
      let deadline = Date(timeIntervalSinceNow: 300)  // a hang guard, nothing is timed
      while Date() < deadline && !condition() { loop.iterate(timeoutMilliseconds: 10) }
      #expect(condition(), "never happened: \(what)")
    }
    terminal.enqueue(.character("S"))
    until("listed") { loop.state.sessions.count == 1 }
    terminal.enqueue(.character("g"))
    until("diagnosed") { loop.state.diagnoses["run.session"] != nil }
    guard case .success(let d)? = loop.state.diagnoses["run.session"] else {
      Issue.record("\(String(describing: loop.state.diagnoses["run.session"]))")
      return
    }
    #expect(d.step == 40 && d.sequenceLength == 20 && d.trajectory.jacobianSingularValues.count == 16)
    until("drawn") { terminal.screen.lines().joined().contains("Diagnosis of run") }
  }
}
