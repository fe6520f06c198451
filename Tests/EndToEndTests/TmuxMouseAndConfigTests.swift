import Foundation
import Testing

extension Tmux {
  /// Sends a left click at the 0-based cell `(x, y)` as the bytes a terminal in SGR mouse
  /// mode (DECSET 1006) sends: `ESC [ < 0 ; x+1 ; y+1 M`, then the release `… m`.
  func click(x: Int, y: Int) {
    for final in ["M", "m"] {
      let bytes = Array("\u{1b}[<0;\(x + 1);\(y + 1)\(final)".utf8).map { String(format: "%02x", $0) }
      _ = tmux(["send-keys", "-t", "t", "-H"] + bytes)
    }
  }

  /// The cell where `text` first appears on the screen.
  func position(of text: String) -> (x: Int, y: Int)? {
    for (y, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if let r = line.range(of: text) { return (line.distance(from: line.startIndex, to: r.lowerBound), y) }
    }
    return nil
  }
}

/// The real binary in tmux: mouse clicks switch tabs and select a field, `w` writes a config
/// that `odernn train --config` trains, and the chart cursor reads a step's recorded loss.
@Suite("Mouse, config files and the cursor in tmux", .serialized, .enabled(if: Tmux.available, "tmux is not installed"))
struct TmuxMouseAndConfigTests {
  @Test func clicksSwitchTabsAndWWritesAConfigThatTrains() throws {
    let (binary, dir, tmux) = try Tmux.scratch()
    defer { tmux.cleanUp() }
    try tmux.start(binary.path, width: 80, height: 24)
    #expect(tmux.waitFor { $0.contains("Compose") && $0.contains("space train") }, "\(tmux.screen)")
    let sessions = try #require(tmux.position(of: " Sessions "))
    tmux.click(x: sessions.x + 2, y: sessions.y)
    #expect(tmux.waitFor { $0.contains("Sessions in ./sessions") }, "the click did not open Sessions:\n\(tmux.screen)")
    let compose = try #require(tmux.position(of: " Compose "))
    tmux.click(x: compose.x + 2, y: compose.y)
    #expect(tmux.waitFor { $0.contains("hidden size H") }, "\(tmux.screen)")
    let field = try #require(tmux.position(of: "hidden size H"))
    tmux.click(x: field.x + 2, y: field.y)
    tmux.send("Right")
    #expect(tmux.waitFor { $0.contains("H=128") }, "the clicked field did not take the key:\n\(tmux.screen)")
    tmux.send("w")
    #expect(tmux.waitFor { $0.contains("write the config to: euler-adding.json") }, "\(tmux.screen)")
    tmux.send("Enter")
    #expect(tmux.waitFor { $0.contains("config written to euler-adding.json") }, "\(tmux.screen)")
    tmux.send("q")
    #expect(tmux.waitFor(seconds: 60) { _ in !tmux.isRunning }, "q did not quit")
    let train = try Tmux.run(binary.path, ["train", "--config", "euler-adding.json", "--steps", "3", "--out", "w.session"], in: dir.path)
    #expect(train.status == 0, "\(train.output)")
    #expect(train.output.contains("finished after 3 steps"), "\(train.output)")
    let header = try String(contentsOfFile: dir.appendingPathComponent("w.session").path, encoding: .utf8).split(separator: "\n").first ?? ""
    #expect(header.contains(#""hiddenSize":128"#) || header.contains(#""hiddenSize": 128"#), "\(header)")
  }

  /// On Replay, `,` puts the cursor on a step; the loss pane's title reads that step's
  /// recorded loss, the value `odernn export --csv` gives for it.
  @Test func theCursorReadsARecordedLoss() throws {
    let (binary, dir, tmux) = try Tmux.scratch()
    defer { tmux.cleanUp() }
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../sessions").standardized
    let file = "rk4-t2-sine.session"
    try FileManager.default.copyItem(at: examples.appendingPathComponent(file), to: dir.appendingPathComponent(file))
    try tmux.start("\(binary.path) replay \(file)", width: 120, height: 40)
    #expect(tmux.waitFor { $0.contains("REPLAY") }, "\(tmux.screen)")
    for _ in 0..<3 { tmux.send(",") }
    let pattern = #"@([0-9]+)  train ([0-9.e+-]+)"#
    #expect(tmux.waitFor { $0.range(of: pattern, options: .regularExpression) != nil }, "\(tmux.screen)")
    let screen = tmux.screen
    let match = try #require(screen.range(of: pattern, options: .regularExpression).map { String(screen[$0]) })
    let parts = match.split(separator: " ", omittingEmptySubsequences: true)
    let step = try #require(Int(parts[0].dropFirst()))
    let shown = try #require(Double(parts[2]))
    tmux.send("q")
    let export = try Tmux.run(binary.path, ["export", file, "--csv", "m.csv"], in: dir.path)
    #expect(export.status == 0, "\(export.output)")
    let rows = try String(contentsOfFile: dir.appendingPathComponent("m.csv").path, encoding: .utf8).split(separator: "\n").dropFirst()
    let row = try #require(rows.first { $0.hasPrefix("\(step),") }, "step \(step) in the CSV")
    let recorded = try #require(Double(row.split(separator: ",")[1]))
    #expect(abs(shown - recorded) <= 5e-4 * abs(recorded), "shown \(shown) at step \(step), recorded \(recorded)")
  }
}

/// Mouse reporting is the workbench's only while it runs: ctrl-z turns it off (the shell gets
/// its clicks back), `fg` turns it on again, and SIGTERM and `q` leave it off. tmux reports the
/// pane's modes (`mouse_sgr_flag`, `mouse_standard_flag`), so nothing is guessed from the screen.
@Suite("Mouse reporting across suspend and exit in tmux", .serialized, .enabled(if: Tmux.available && Tmux.bash != nil, "tmux or bash is missing"))
struct TmuxSuspendTests {
  @Test func ctrlZTurnsTheMouseOffAndFgOnAgainAndEveryExitLeavesItOff() throws {
    let (binary, _, tmux) = try Tmux.scratch()
    defer { tmux.cleanUp() }
    try tmux.start("\(try #require(Tmux.bash)) --norc --noprofile -i", width: 100, height: 30)
    #expect(tmux.waitFor { $0.contains("$") || $0.contains("#") }, "no shell prompt:\n\(tmux.screen)")
    tmux.typeLine(binary.path)
    #expect(tmux.waitFor { $0.contains("space train") }, "\(tmux.screen)")
    #expect(tmux.waitFor { _ in tmux.mouseModes == "1 1" }, "the workbench reports the mouse: \(tmux.mouseModes)")
    tmux.send("C-z")
    #expect(tmux.waitFor { $0.contains("Stopped") }, "ctrl-z did not suspend:\n\(tmux.screen)")
    #expect(tmux.mouseModes == "0 0", "mouse reporting stayed on while suspended: \(tmux.mouseModes)")
    tmux.typeLine("fg")
    #expect(tmux.waitFor { $0.contains("space train") }, "fg did not bring the workbench back:\n\(tmux.screen)")
    #expect(tmux.waitFor { _ in tmux.mouseModes == "1 1" }, "mouse reporting did not come back: \(tmux.mouseModes)")
    // The mouse still works after the resume: a click opens Sessions.
    let sessions = try #require(tmux.position(of: " Sessions "))
    tmux.click(x: sessions.x + 2, y: sessions.y)
    #expect(tmux.waitFor { $0.contains("Sessions in ./sessions") }, "\(tmux.screen)")
    // SIGTERM: the workbench ends (cleanly), the shell's terminal has no mouse mode left.
    let shell = tmux.tmux(["list-panes", "-t", "t", "-F", "#{pane_pid}"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    let child = try Tmux.run("/usr/bin/pgrep", ["-P", shell], in: "/").output.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!child.isEmpty && child.allSatisfy(\.isNumber), "odernn's pid: \(child)")
    #expect(try Tmux.run("/bin/kill", ["-TERM", child], in: "/").status == 0)
    #expect(tmux.waitFor { _ in tmux.mouseModes == "0 0" && !tmux.alternateScreen }, "after SIGTERM: \(tmux.mouseModes)")
    // q: likewise.
    tmux.typeLine(binary.path)
    #expect(tmux.waitFor { _ in tmux.mouseModes == "1 1" }, "\(tmux.screen)")
    tmux.send("q")
    #expect(tmux.waitFor { _ in tmux.mouseModes == "0 0" && !tmux.alternateScreen }, "after q: \(tmux.mouseModes)")
  }
}

extension Tmux {
  /// bash, for a shell with job control (ctrl-z, `fg`).
  static var bash: String? { ["/bin/bash", "/usr/bin/bash"].first { FileManager.default.isExecutableFile(atPath: $0) } }

  /// The pane's SGR and standard mouse modes as tmux tracks them: `1 1` on, `0 0` off.
  var mouseModes: String {
    tmux(["display-message", "-p", "-t", "t", "#{mouse_sgr_flag} #{mouse_standard_flag}"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Whether the pane is on its alternate screen (curses mode).
  var alternateScreen: Bool {
    tmux(["display-message", "-p", "-t", "t", "#{alternate_on}"]).output.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
  }

  /// Types `line` into the pane and presses Enter.
  func typeLine(_ line: String) {
    _ = tmux(["send-keys", "-t", "t", "-l", line])
    send("Enter")
  }
}
