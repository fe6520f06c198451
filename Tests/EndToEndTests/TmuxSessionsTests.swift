import Foundation
import Testing

/// The Sessions screen of the real binary in tmux: two overlaid runs are drawn in two
/// different colours (their legend marks' escape codes differ), and `/` filters the list.
@Suite("Sessions in tmux", .serialized, .enabled(if: Tmux.available, "tmux is not installed"))
struct TmuxSessionsTests {
  @Test func overlaidRunsGetTwoColoursAndSlashFilters() throws {
    let binary = try #require(Tmux.odernnBinary, "build odernn first (swift build)")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-e2e-\(UUID().uuidString)")
    let sessions = dir.appendingPathComponent("sessions")
    try FileManager.default.createDirectory(at: sessions, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../sessions").standardized
    for name in ["rk4-t2-sine.session", "lstm-adding.session", "gauss-legendre-copy.session"] {
      try FileManager.default.copyItem(at: examples.appendingPathComponent(name), to: sessions.appendingPathComponent(name))
    }
    let tmux = Tmux(directory: dir.path)
    defer { tmux.killServer() }
    // A colour terminal whatever the test runner's own TERM is (colour is what is checked).
    try tmux.start("env -u NO_COLOR TERM=tmux-256color \(binary.path)", width: 160, height: 40)
    #expect(tmux.waitFor { $0.contains("Compose") })
    tmux.send("S")
    #expect(tmux.waitFor { $0.contains("Sessions in ./sessions (3)") }, "\(tmux.screen)")
    tmux.send("Space")
    tmux.send("j")
    tmux.send("Space")
    #expect(tmux.waitFor { $0.contains("Loss, 2 overlaid") }, "\(tmux.screen)")
    let styled = tmux.styledScreen
    let codes = Tmux.legendKeyCodes(styled)
    #expect(codes.count == 2 && Set(codes).count == 2, "\(codes) in\n\(styled.split(separator: "\n").filter { $0.contains("━ ") })")
    tmux.send("/")
    for ch in ["l", "s", "t", "m"] { tmux.send(ch) }
    #expect(tmux.waitFor { $0.contains("Sessions in ./sessions (1 of 3)") && $0.contains("/lstm") }, "\(tmux.screen)")
    tmux.send("Enter")
    tmux.send("q")
    #expect(tmux.waitFor(seconds: 20) { _ in !tmux.isRunning }, "q did not quit")
  }
}
