import Foundation
import JSON
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `odernn` binary as a subprocess in a scratch working directory.
///
/// The binary is looked up first in `ODERNN_BINARY`, then next to the test runner and the
/// test bundle (`swift build --build-tests` puts every product into the same folder), then in
/// the package's `.build-tests5/debug` and `.build/debug` folders.
enum CLI {
  static let binary: String? = {
    let fm = FileManager.default
    var candidates: [String] = []
    if let env = ProcessInfo.processInfo.environment["ODERNN_BINARY"] { candidates.append(env) }
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    candidates.append(me.deletingLastPathComponent().appendingPathComponent("odernn").path)
    if let bundle = Bundle.main.executableURL?.resolvingSymlinksInPath() {
      candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("odernn").path)
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for scratch in [".build-tests5", ".build"] {
      candidates.append(root.appendingPathComponent("\(scratch)/debug/odernn").path)
    }
    return candidates.first { fm.isExecutableFile(atPath: $0) }
  }()

  struct Result: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The non-empty lines of stderr.
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init).filter { !$0.isEmpty } }
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty } }

    var description: String { "exit \(status)\nstdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(2000))" }
  }

  /// A started process with its output files.
  struct Running {
    let process: Process
    let out: URL
    let err: URL
    let started: Date
  }

  static func start(_ arguments: [String], in dir: URL) throws -> Running {
    guard let binary else { throw CLIError("the odernn binary was not found; build it with swift build (or set ODERNN_BINARY)") }
    return try launch(binary, arguments, in: dir)
  }

  /// Starts `executable` in `dir` with stdin from /dev/null and stdout/stderr into files.
  static func launch(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, in dir: URL) throws -> Running {
    let id = UUID().uuidString
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-out-\(id)")
    let err = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-err-\(id)")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    if let environment { p.environment = environment }
    p.currentDirectoryURL = dir
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    let started = Date()
    try p.run()
    return Running(process: p, out: out, err: err, started: started)
  }

  /// Waits for `r` to end. `timeout` only guards against a process that hangs, never bounds
  /// how long a command may take: CI runs on a loaded 2-core machine, where a debug `replay
  /// --verify` of an experiment's session once took more than the 300 s this used to allow.
  static func finish(_ r: Running, timeout: Double = 1800) throws -> Result {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while r.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    if r.process.isRunning {
      r.process.terminate()
      r.process.waitUntilExit()
      throw CLIError("odernn \(r.process.arguments ?? []) did not finish within \(timeout) s")
    }
    r.process.waitUntilExit()
    defer {
      try? FileManager.default.removeItem(at: r.out)
      try? FileManager.default.removeItem(at: r.err)
    }
    return Result(
      status: r.process.terminationStatus,
      stdout: (try? String(contentsOf: r.out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: r.err, encoding: .utf8)) ?? "")
  }

  /// Runs a bash script in `dir` with `$ODERNN` naming the binary (for pipes, redirections and
  /// resource limits), to completion.
  @discardableResult
  static func shell(_ script: String, in dir: URL) throws -> Result {
    guard let binary else { throw CLIError("the odernn binary was not found") }
    let environment = ProcessInfo.processInfo.environment.merging(["ODERNN": binary]) { $1 }
    return try finish(try launch("/bin/bash", ["-c", script], environment: environment, in: dir))
  }

  /// Runs `odernn ARGUMENTS` in `dir` to completion.
  @discardableResult
  static func run(_ arguments: [String], in dir: URL) throws -> Result {
    try finish(try start(arguments, in: dir))
  }
}

struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// A fresh working directory, removed by `cleanUp()`.
struct WorkDir {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func write(_ name: String, _ text: String) throws {
    try text.write(toFile: path(name), atomically: true, encoding: .utf8)
  }

  /// The files of `sessions/` (none when the folder does not exist).
  func sessions() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path("sessions"))) ?? []).sorted()
  }

  func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// Parses one line of JSON output.
func json(_ text: String) throws -> JSON { try JSON.parse(text) }
