import ArgumentParser
import Experiments
import Foundation
import JSON
import Sessions

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
    let stamp = SessionFiles.isoNow().prefix(19).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
    let context = ExperimentContext(
      quick: quick, out: out ?? "sessions/experiments/\(name)-\(stamp)", jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
      json: json)
    let report = try experiment.run(context)
    if json { CommandSupport.printJSON(report.json) } else { StandardOutput.line(report.text) }
    if !report.holds { throw CommandFailure(description: "experiment \(name): the claim does not hold", exitCode: 1) }
  }
}

/// What an experiment may use of the shell: its options, and a way to train configs as a
/// sweep (DESIGN §1.11) whose sessions it then reads.
struct ExperimentContext: Sendable {
  let quick: Bool
  let out: String
  let jobs: Int
  let json: Bool
}

/// An experiment the command can run.
struct ExperimentEntry: Sendable {
  let name: String
  let claim: String
  let run: @Sendable (ExperimentContext) throws -> ExperimentReport
}

enum ExperimentCatalog {
  static let all: [ExperimentEntry] = [
    ExperimentEntry(name: AntisymmetricExperiment.name, claim: AntisymmetricExperiment.claim, run: AntisymmetricExperiment.run),
    ExperimentEntry(name: HamiltonianExperiment.name, claim: HamiltonianExperiment.claim) { c in try HamiltonianExperiment.run(quick: c.quick) },
    ExperimentEntry(name: NTGridExperiment.name, claim: NTGridExperiment.claim, run: NTGridExperiment.run),
    ExperimentEntry(name: RotationExperiment.name, claim: RotationExperiment.claim) { _ in RotationExperiment.run() },
    ExperimentEntry(name: StabilityExperiment.name, claim: StabilityExperiment.claim, run: StabilityExperiment.run),
    ExperimentEntry(name: WidthExperiment.name, claim: WidthExperiment.claim) { c in WidthExperiment.run(quick: c.quick) },
  ]
}
