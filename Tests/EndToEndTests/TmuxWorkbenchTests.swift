import Foundation
import Testing

/// Drives the real `odernn` binary in tmux (DESIGN: send-keys, capture-pane): start, space,
/// the step counter moves, `?`, resize below and back above 80×24, `q`, a session file in
/// ./sessions, then `odernn replay` of it (verify, and the workbench's Replay screen).
/// Skips when tmux is not installed.
@Suite("The workbench in tmux", .serialized, .enabled(if: Tmux.available, "tmux is not installed"))
struct TmuxWorkbenchTests {
  @Test func startTrainHelpResizeQuitThenReplay() throws {
    let (binary, dir, tmux) = try Tmux.scratch()
    defer { tmux.cleanUp() }

    try tmux.start(binary.path, width: 100, height: 30)
    #expect(tmux.waitFor { $0.contains("Compose") && $0.contains("space train") }, "\(tmux.screen)")
    tmux.send("Space")
    #expect(tmux.waitFor(seconds: 120) { Tmux.step(in: $0) >= 3 }, "the step counter did not move:\n\(tmux.screen)")
    #expect(tmux.screen.contains("RUNNING"))
    tmux.send("?")
    #expect(tmux.waitFor { $0.contains("Keys: Train") }, "\(tmux.screen)")
    tmux.send("Escape")
    #expect(tmux.waitFor { !$0.contains("Keys: Train") })
    tmux.resize(width: 70, height: 20)
    #expect(tmux.waitFor { $0.contains("terminal too small: have 70×20, need 80×24") }, "\(tmux.screen)")
    tmux.resize(width: 120, height: 36)
    #expect(tmux.waitFor { $0.contains("RUNNING") && $0.contains("Gradient norms") }, "\(tmux.screen)")
    tmux.send("q")
    #expect(tmux.waitFor(seconds: 60) { _ in !tmux.isRunning }, "q did not quit")

    let sessions = dir.appendingPathComponent("sessions")
    let files = try FileManager.default.contentsOfDirectory(atPath: sessions.path).filter { $0.hasSuffix(".session") }
    #expect(files.count == 1, "\(files)")
    let file = try #require(files.first)
    #expect(file.range(of: #"^[0-9]{8}-[0-9]{6}-euler-adding\.session$"#, options: .regularExpression) != nil, "\(file)")

    let verify = try Tmux.run(binary.path, ["replay", "sessions/\(file)", "--verify", "--headless"], in: dir.path)
    #expect(verify.status == 0, "verify failed: \(verify.output)")
    #expect(verify.output.contains("bit for bit"))

    try tmux.start("\(binary.path) replay sessions/\(file)", width: 100, height: 30)
    #expect(tmux.waitFor { $0.contains("REPLAY") && $0.contains("step") }, "\(tmux.screen)")
    tmux.send("g")
    #expect(tmux.waitFor { $0.contains("step 0/") }, "\(tmux.screen)")
    tmux.send("q")
    #expect(tmux.waitFor(seconds: 20) { _ in !tmux.isRunning })
  }

  /// The central loop: train, restart, recompose, train again. Each new run is RUNNING and
  /// can be paused (the old thread's end never marks it STOPPED), and every session verifies.
  @Test func restartAndRecomposeWhileRunning() throws {
    let (binary, dir, tmux) = try Tmux.scratch()
    defer { tmux.cleanUp() }

    try tmux.start(binary.path, width: 120, height: 36)
    #expect(tmux.waitFor { $0.contains("Compose") && $0.contains("space train") }, "\(tmux.screen)")
    tmux.send("Space")
    #expect(tmux.waitFor(seconds: 120) { Tmux.step(in: $0) >= 3 && $0.contains("RUNNING") }, "\(tmux.screen)")
    tmux.send("r")
    #expect(tmux.waitFor(seconds: 120) { $0.contains("RUNNING") && Tmux.step(in: $0) >= 3 }, "after r:\n\(tmux.screen)")
    #expect(!tmux.screen.contains("STOPPED"))
    tmux.send("Space")
    #expect(tmux.waitFor { $0.contains("PAUSED") }, "the restarted run could not be paused:\n\(tmux.screen)")
    tmux.send("Space")
    #expect(tmux.waitFor { $0.contains("RUNNING") }, "\(tmux.screen)")
    // Recompose while it runs: hidden size 64 → 128, then start the new cell.
    tmux.send("c")
    #expect(tmux.waitFor { $0.contains("Compose") && $0.contains("live run (t)") }, "\(tmux.screen)")
    for key in ["Down", "Down", "Right"] { tmux.send(key) }
    #expect(tmux.waitFor { $0.contains("H=128") }, "\(tmux.screen)")
    tmux.send("Space")
    #expect(tmux.waitFor(seconds: 120) { $0.contains("RUNNING") && $0.contains("H=128") && Tmux.step(in: $0) >= 2 }, "\(tmux.screen)")
    tmux.send("Space")
    #expect(tmux.waitFor { $0.contains("PAUSED") }, "the recomposed run could not be paused:\n\(tmux.screen)")
    tmux.send("q")
    #expect(tmux.waitFor(seconds: 60) { _ in !tmux.isRunning }, "q did not quit")

    let sessions = dir.appendingPathComponent("sessions")
    let files = try FileManager.default.contentsOfDirectory(atPath: sessions.path).filter { $0.hasSuffix(".session") }.sorted()
    #expect(files.count == 3, "\(files)")
    for file in files {
      let verify = try Tmux.run(binary.path, ["replay", "sessions/\(file)", "--verify", "--headless"], in: dir.path)
      #expect(verify.status == 0 && verify.output.contains("bit for bit"), "\(file): \(verify.output)")
    }
  }

  /// SIGTERM and SIGHUP end the workbench as `q` does: the run's session ends with a final
  /// checkpoint and `stopped`, so `train --resume` can continue it.
  @Test(arguments: ["TERM", "HUP"])
  func terminatingSignalsCheckpointFirst(_ signal: String) throws {
    let (binary, dir, tmux) = try Tmux.scratch()
    defer { tmux.cleanUp() }
    try tmux.start(binary.path, width: 100, height: 30)
    #expect(tmux.waitFor { $0.contains("space train") }, "\(tmux.screen)")
    tmux.send("Space")
    #expect(tmux.waitFor(seconds: 120) { Tmux.step(in: $0) >= 3 }, "\(tmux.screen)")
    let pid = tmux.tmux(["list-panes", "-t", "t", "-F", "#{pane_pid}"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(try Tmux.run("/bin/kill", ["-\(signal)", pid], in: dir.path).status == 0)
    #expect(tmux.waitFor(seconds: 60) { _ in !tmux.isRunning }, "SIG\(signal) did not end the workbench")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("sessions").path)
    let file = try #require(files.first { $0.hasSuffix(".session") })
    let text = try String(contentsOfFile: dir.appendingPathComponent("sessions/\(file)").path, encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.last?.contains(#""stopped""#) == true, "\(lines.suffix(2))")
    #expect(lines.dropLast().last?.contains(#""checkpoint""#) == true)
    let resume = try Tmux.run(binary.path, ["train", "--resume", "sessions/\(file)", "--steps", "2", "--out", "child.session"], in: dir.path)
    #expect(resume.status == 0, "\(resume.output)")
  }

  @Test func refusesWhenStdoutIsNotATerminal() throws {
    let binary = try #require(Tmux.odernnBinary)
    let result = try Tmux.run(binary.path, [], in: FileManager.default.temporaryDirectory.path)
    #expect(result.status == 2)
    #expect(result.output.contains("stdout is not a terminal; use `odernn train"))
  }
}

/// A private tmux server (its own socket) for one test.
final class Tmux: @unchecked Sendable {
  let socket = "odernn-test-\(UUID().uuidString.prefix(8))"
  let directory: String

  init(directory: String) { self.directory = directory }

  static var available: Bool {
    ProcessInfo.processInfo.environment["PATH", default: "/usr/bin:/bin"].split(separator: ":")
      .contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
  }

  /// The `odernn` built next to this test bundle (`swift build` puts both in one folder).
  static var odernnBinary: URL? {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("odernn"),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("odernn"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/odernn"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// Runs a command to completion; returns its exit status and combined output.
  /// Uses `posix_spawn` and `waitpid` directly: Foundation's `Process` can miss the exit of a
  /// client whose child daemonises (tmux), and a pipe would stay open in the daemon.
  @discardableResult
  static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
    let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-e2e-out-\(UUID().uuidString)").path
    defer { unlink(outPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var env = ProcessInfo.processInfo.environment
    env["TERM"] = env["TERM"] ?? "xterm-256color"
    // `sh` changes directory (glibc's addchdir is not visible to Swift) and execs the command.
    let argv = (["/bin/sh", "-c", #"cd "$0" && exec "$@""#, directory, executable] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    // The child starts with no signal blocked and default handlers: a test runs on a worker
    // thread that blocks signals, and tmux would hand that mask on to odernn.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    var all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid = pid_t()
    let rc = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
    guard rc == 0 else { throw TmuxError(message: "cannot run \(executable): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let exited = status & 0x7f == 0
    return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
  }

  func tmux(_ args: [String]) -> (status: Int32, output: String) {
    (try? Self.run("/usr/bin/env", ["tmux", "-L", socket] + args, in: directory)) ?? (-1, "")
  }

  func start(_ command: String, width: Int, height: Int) throws {
    let r = tmux(["new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)", "-c", directory, "env LANG=C.UTF-8 LC_ALL=C.UTF-8 \(command)"])
    guard r.status == 0 else { throw TmuxError(message: "tmux new-session failed: \(r.output)") }
  }

  struct TmuxError: Error { let message: String }

  func send(_ key: String) { _ = tmux(["send-keys", "-t", "t", key]) }
  func resize(width: Int, height: Int) { _ = tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"]) }
  var screen: String { tmux(["capture-pane", "-p", "-t", "t"]).output }
  /// The pane with its colours (SGR escape sequences), `capture-pane -e`.
  var styledScreen: String { tmux(["capture-pane", "-p", "-e", "-t", "t"]).output }
  var isRunning: Bool { tmux(["has-session", "-t", "t"]).status == 0 }
  func killServer() { _ = tmux(["kill-server"]) }

  /// The built binary, a fresh scratch directory and a tmux server for it (`cleanUp()` stops
  /// the server and removes the directory).
  static func scratch() throws -> (binary: URL, dir: URL, tmux: Tmux) {
    let binary = try #require(Tmux.odernnBinary, "build odernn first (swift build)")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return (binary, dir, Tmux(directory: dir.path))
  }

  /// Stops the server and removes its directory.
  func cleanUp() {
    killServer()
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Polls the pane until `condition` holds, every 50 ms. `seconds` only keeps a hung program
  /// from hanging the suite (at least 120 s, far beyond any machine's pace): nothing is timed.
  func waitFor(seconds: Double = 120, _ condition: (String) -> Bool) -> Bool {
    let seconds = max(seconds, 120)
    let deadline = Date(timeIntervalSinceNow: seconds)
    while Date() < deadline {
      if condition(screen) { return true }
      usleep(50_000)
    }
    return condition(screen)
  }

  /// The SGR escape sequences written just before each legend key `━` of a styled screen
  /// (`styledScreen`), in reading order: one per drawn series, its colour.
  static func legendKeyCodes(_ styled: String) -> [String] {
    var codes: [String] = []
    for line in styled.split(separator: "\n") where line.contains("━ ") {
      var last = ""
      var i = line.startIndex
      while i < line.endIndex {
        if line[i] == "\u{1B}", let m = line[i...].firstIndex(of: "m") {
          last += String(line[i...m])
          i = line.index(after: m)
        } else {
          if line[i] == "━" { codes.append(last) }
          if line[i] != " " { last = "" }
          i = line.index(after: i)
        }
      }
    }
    return codes
  }

  /// The number after "step " in the status line (0 if none).
  static func step(in screen: String) -> Int {
    guard let r = screen.range(of: #"step [0-9]+"#, options: .regularExpression) else { return 0 }
    return Int(screen[r].dropFirst(5)) ?? 0
  }
}
