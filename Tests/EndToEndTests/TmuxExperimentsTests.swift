import Foundation
import Testing

/// The Experiments screen of the real binary in tmux: `X` opens it, Enter runs the rotation
/// experiment off the main thread (the screen keeps answering keys), its verdict and table
/// arrive, it leaves `report.json` in `sessions/experiments/rotation-…`, `v` shows its chart
/// with a colour per series, and a second start of the workbench reads the verdict back.
@Suite("Experiments in tmux", .serialized, .enabled(if: Tmux.available, "tmux is not installed"))
struct TmuxExperimentsTests {
  @Test func rotationRunsFromTheScreenAndItsReportIsReadBack() throws {
    let (binary, dir, tmux) = try Tmux.scratch()
    defer { tmux.cleanUp() }
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("sessions"), withIntermediateDirectories: true)
    try tmux.start("env -u NO_COLOR TERM=tmux-256color \(binary.path)", width: 160, height: 48)
    #expect(tmux.waitFor { $0.contains("Compose") })
    tmux.send("X")
    #expect(tmux.waitFor { $0.contains("antisymmetric") && $0.contains("not run") }, "\(tmux.screen)")
    for _ in 0..<3 { tmux.send("j") }
    #expect(tmux.waitFor { $0.contains("rotation · not run") }, "\(tmux.screen)")
    tmux.send("Enter")
    #expect(tmux.waitFor { $0.contains("rotation · running, quick") }, "\(tmux.screen)")
    // Keys are handled while it runs: the help opens and closes.
    tmux.send("?")
    #expect(tmux.waitFor { $0.contains("Keys: Experiments") }, "\(tmux.screen)")
    tmux.send("?")
    #expect(tmux.waitFor { !$0.contains("Keys: Experiments") }, "\(tmux.screen)")
    #expect(tmux.waitFor(seconds: 600) { $0.contains("the claim holds") }, "\(tmux.screen)")
    #expect(tmux.screen.contains("tableau") && tmux.screen.contains("predicted"), "\(tmux.screen)")
    let root = dir.appendingPathComponent("sessions/experiments")
    let folders = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix("rotation-") }
    #expect(folders.count == 1)
    let report = try String(contentsOf: root.appendingPathComponent("\(folders[0])/report.json"), encoding: .utf8)
    #expect(report.contains(#""experiment":"rotation""#) && report.contains(#""holds":true"#), "\(report.prefix(300))")
    tmux.send("v")
    #expect(tmux.waitFor { $0.contains("rotation · quick · charts") && $0.contains("x: εω") }, "\(tmux.screen)")
    let codes = Tmux.legendKeyCodes(tmux.styledScreen)
    #expect(codes.count >= 8 && Set(codes).count >= 8, "\(codes)")
    tmux.send("q")
    #expect(tmux.waitFor(seconds: 20) { _ in !tmux.isRunning }, "q did not quit")
    // A new workbench shows the saved verdict.
    try tmux.start("env -u NO_COLOR TERM=tmux-256color \(binary.path)", width: 160, height: 48)
    #expect(tmux.waitFor { $0.contains("Compose") })
    tmux.send("X")
    #expect(tmux.waitFor { $0.contains("rotation         holds") }, "\(tmux.screen)")
    tmux.send("q")
    #expect(tmux.waitFor(seconds: 20) { _ in !tmux.isRunning }, "q did not quit")
  }
}
