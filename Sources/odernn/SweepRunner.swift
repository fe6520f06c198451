import Foundation
import JSON
import Sessions
import TerminalNCurses
import Training

/// How a sweep shows its progress.
enum SweepReporting: Sendable {
  /// A live table when stdout is a terminal, nothing otherwise.
  case terminal
  /// One JSON object per status change on stdout.
  case json
  /// Every point's status, whenever one changes or a running point's session grows (at most
  /// every 0.5 s): an experiment's own progress (the workbench's Experiments screen).
  case handler(@Sendable ([(point: SweepSpec.Point, status: String)]) -> Void)
}

/// Runs a sweep's points as `odernn train` child processes, at most `jobs` at once, and shows
/// their progress (`SweepReporting`).
///
/// ctrl-c (or SIGTERM), or `cancelled()` turning true, is handed to the running children, which
/// stop cleanly (a final checkpoint), so the same command later resumes them. Exit 2 when a
/// point's process failed.
struct SweepRunner {
  let folder: SweepFolder
  let jobs: Int
  let reporting: SweepReporting
  /// Asked between polls: true stops the sweep as ctrl-c does.
  var cancelled: @Sendable () -> Bool = { false }

  var json: Bool { if case .json = reporting { true } else { false } }

  /// This executable, to run the children with.
  static var executable: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  func run(only points: [SweepSpec.Point]) throws {
    // A sweep of the command line takes ctrl-c and SIGTERM itself; an experiment's (a handler
    // reports) runs where its caller has installed them, maybe on a worker thread that must
    // not take signals (the workbench's).
    if case .handler = reporting {} else { InterruptFlag.install(signals: [SIGINT, SIGTERM]) }
    var waiting = points.filter { folder.trainArguments($0) != nil }
    var running: [(point: SweepSpec.Point, process: Process)] = []
    var statuses: [Int: String] = [:]
    var failures: [String] = []
    var live = false
    if case .terminal = reporting { live = CommandSupport.isTerminal(1) }
    let clock = ContinuousClock()
    var lastDraw = clock.now - .seconds(1)

    func report(_ point: SweepSpec.Point, _ status: String) {
      guard statuses[point.index] != status else { return }
      statuses[point.index] = status
      guard json else { return }
      let s = folder.summary(point)
      CommandSupport.printJSON(
        .object([
          "index": .number(Double(point.index)), "status": .string(status),
          "file": .string(folder.chain(point).last ?? folder.sessionFile(point)),
          "steps": .number(Double(s?.steps ?? 0)), "finalLoss": s?.finalLoss.map(JSON.number) ?? .null,
        ]))
    }
    /// The live table, or the handler's statuses.
    func show() {
      if live { drawTable(points, statuses) }
      if case .handler(let handle) = reporting { handle(points.map { ($0, statuses[$0.index] ?? "waiting") }) }
    }
    for p in points where !waiting.contains(where: { $0.index == p.index }) { report(p, "done") }

    while !waiting.isEmpty || !running.isEmpty {
      if InterruptFlag.isRaised || cancelled() {
        for r in running { kill(r.process.processIdentifier, SIGINT) }
        for r in running { r.process.waitUntilExit() }
        throw CommandFailure(description: "sweep interrupted; run the same command again to resume", exitCode: 2)
      }
      while running.count < jobs, let point = waiting.first {
        waiting.removeFirst()
        guard let arguments = folder.trainArguments(point) else { continue }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        do { try process.run() } catch { throw CommandSupport.bad("cannot start odernn train: \(error)") }
        running.append((point, process))
        report(point, "running")
      }
      for r in running where !r.process.isRunning {
        let code = r.process.terminationStatus
        if code == 0 {
          report(r.point, folder.summary(r.point)?.status ?? "finished")
        } else {
          failures.append("point \(r.point.index) (\(folder.stem(r.point))): odernn \(r.process.arguments?.joined(separator: " ") ?? "") exited \(code)")
          report(r.point, "failed")
        }
      }
      running.removeAll { !$0.process.isRunning }
      if clock.now - lastDraw >= .milliseconds(500) {
        lastDraw = clock.now
        show()
      }
      if !running.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
    }
    show()
    if let first = failures.first {
      throw CommandFailure(description: first + (failures.count > 1 ? " (and \(failures.count - 1) more)" : ""), exitCode: 2)
    }
  }

  /// The live table: point, status, step, loss, steps/s (from each point's session file).
  private func drawTable(_ points: [SweepSpec.Point], _ statuses: [Int: String]) {
    var lines = ["point  status      step        loss  file"]
    for p in points {
      let s = folder.summary(p)
      let loss = s?.finalLoss.map { String(format: "%.5g", $0) } ?? "-"
      lines.append(
        "\(folder.number(p.index).padding(toLength: 6, withPad: " ", startingAt: 0)) "
          + (statuses[p.index] ?? "waiting").padding(toLength: 11, withPad: " ", startingAt: 0) + " "
          + String(s?.steps ?? 0).padding(toLength: 8, withPad: " ", startingAt: 0) + " "
          + loss.padding(toLength: 11, withPad: " ", startingAt: 0) + " " + (folder.chain(p).last ?? "-"))
    }
    StandardOutput.write("\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\n") + "\n")
  }
}
