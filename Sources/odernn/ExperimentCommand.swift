import ArgumentParser
import Experiments
import Foundation
import JSON
import Sessions
import FileFormats
import Synchronization
import TerminalNCurses

/// `odernn experiment` (DESIGN §1.12): each of the seed papers' claims as one command that
/// runs what it needs, prints a table, and says whether the claim holds (exit 0) or not (1).
struct ExperimentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "experiment",
    abstract: "Run one of the seed papers' claims and check it (exit 0 holds, 1 does not).",
    discussion: "`odernn experiment list` names them; see the README's Experiments section.")

  @Argument(help: "The experiment's name, or `list`.")
  var name: String

  @Flag(help: "A smaller version that finishes within 3 minutes on 2 cores.")
  var quick = false

  @Option(help: "Where its sessions go (default ./sessions/experiments/NAME-DATE).")
  var out: String?

  @Option(parsing: .unconditional, help: "How many training processes at once (default: the number of cores).")
  var jobs: Int?

  @Flag(help: "Print JSON (DESIGN §1.12).")
  var json = false

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
  }

  func run() throws {
    if name == "list" {
      if json {
        CommandSupport.printJSON(.array(ExperimentCatalog.all.map { e in .object(["name": .string(e.name), "claim": .string(e.claim)]) }))
      } else {
        for e in ExperimentCatalog.all { StandardOutput.line("\(e.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(e.claim)") }
      }
      return
    }
    guard let experiment = ExperimentCatalog.all.first(where: { $0.name == name }) else {
      throw CommandSupport.bad("no experiment \"\(name)\"; there are \(ExperimentCatalog.all.map(\.name).joined(separator: ", "))")
    }
    try CommandSupport.setUpBLAS(threads: 1)
    InterruptFlag.install(signals: [SIGINT, SIGTERM])  // its sweeps stop their runs cleanly
    let context = ExperimentContext(
      quick: quick, out: out ?? ExperimentContext.defaultFolder(name), jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
      log: { line in if !json { printError("odernn: \(line)") } })
    let report = try experiment.run(context)
    if json { CommandSupport.printJSON(report.json) } else { StandardOutput.line(report.text) }
    if !report.holds { throw CommandFailure(description: "experiment \(name): the claim does not hold", exitCode: 1) }
  }
}

/// What an experiment may use of the shell: its options, where to say what it does, and a
/// way to train configs as a sweep (DESIGN §1.11) whose sessions it then reads.
struct ExperimentContext: Sendable {
  let quick: Bool
  /// Its folder: the sweeps' sessions and, at the end, `report.json`.
  let out: String
  let jobs: Int
  /// One line on what it does now (stderr on the command line, the workbench's progress).
  let log: @Sendable (String) -> Void
  /// Every training run's status so far, when it changes (the workbench's progress table).
  var progress: (@Sendable (ExperimentProgress) -> Void)? = nil
  /// Asked while training: true stops the experiment as ctrl-c does (the workbench's stop key).
  var cancelled: @Sendable () -> Bool = { false }
  /// The runs of the sweeps done so far, and the activity line (`progress`'s state).
  let state = ProgressState()

  /// `NAME-YYYYMMDDTHHMMSS`, now: a run's folder under `sessions/experiments/`.
  static func folderName(_ name: String) -> String {
    let stamp = SessionFiles.isoNow().prefix(19).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
    return "\(name)-\(stamp)"
  }

  /// `./sessions/experiments/NAME-YYYYMMDDTHHMMSS`.
  static func defaultFolder(_ name: String) -> String { "sessions/experiments/" + folderName(name) }

  /// Says `line` (`log`) and makes it the progress's activity.
  func say(_ line: String) {
    log(line)
    guard let progress else { return }
    progress(state.value.withLock { s in
      s.activity = line
      return s
    })
  }
}

/// An experiment's progress so far, shared by its sweeps (a reference: the context is copied).
final class ProgressState: Sendable {
  let value = Mutex<ExperimentProgress>(ExperimentProgress())
}

/// An experiment the command can run.
struct ExperimentEntry: Sendable {
  let name: String
  let claim: String
  let body: @Sendable (ExperimentContext) throws -> ExperimentReport

  /// Runs it: first `experiment.json` (`{"experiment", "quick"}`: what runs in the folder),
  /// then its report, marked quick or not, also written to `report.json` in its folder
  /// (replacing an older one; the workbench reads it back).
  func run(_ context: ExperimentContext) throws -> ExperimentReport {
    do {
      try FileManager.default.createDirectory(atPath: context.out, withIntermediateDirectories: true)
      let started: JSON = ["experiment": .string(name), "quick": .bool(context.quick)]
      try FileIO.writeAtomically(Array((started.serialized() + "\n").utf8), to: URL(fileURLWithPath: "\(context.out)/experiment.json"))
    } catch {
      throw CommandSupport.bad("cannot write \(context.out)/experiment.json: \(error)")
    }
    var report = try body(context)
    report.quick = context.quick
    do {
      try FileManager.default.createDirectory(atPath: context.out, withIntermediateDirectories: true)
      try FileIO.writeAtomically(Array((report.json.serialized() + "\n").utf8), to: URL(fileURLWithPath: "\(context.out)/report.json"))
    } catch {
      throw CommandSupport.bad("cannot write \(context.out)/report.json: \(error)")
    }
    return report
  }
}

enum ExperimentCatalog {
  static let all: [ExperimentEntry] = [
    ExperimentEntry(name: AntisymmetricExperiment.name, claim: AntisymmetricExperiment.claim, body: AntisymmetricExperiment.run),
    ExperimentEntry(name: HamiltonianExperiment.name, claim: HamiltonianExperiment.claim) { c in try HamiltonianExperiment.run(quick: c.quick) },
    ExperimentEntry(name: NTGridExperiment.name, claim: NTGridExperiment.claim, body: NTGridExperiment.run),
    ExperimentEntry(name: RotationExperiment.name, claim: RotationExperiment.claim) { _ in RotationExperiment.run() },
    ExperimentEntry(name: StabilityExperiment.name, claim: StabilityExperiment.claim, body: StabilityExperiment.run),
    ExperimentEntry(name: WidthExperiment.name, claim: WidthExperiment.claim) { c in try WidthExperiment.run(quick: c.quick, progress: c.say, cancelled: c.cancelled) },
  ]
}
