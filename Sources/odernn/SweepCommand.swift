import ArgumentParser
import Foundation
import JSON
import Sessions
import TerminalNCurses
import Training

/// `odernn sweep`: every point of a sweep spec as its own `odernn train` process (DESIGN §1.11).
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep", abstract: "Run a grid or zip of configs, each point its own training process.",
    subcommands: [Run.self, Status.self], defaultSubcommand: Run.self)

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Run a sweep's points (skipping finished ones, resuming interrupted ones).",
      discussion: """
        SPEC is {"base": CFG or "cfg.json", "grid": {KEY: [values…]}, "zip": {KEY: [values…]}}. \
        Points go to DIR/NNN-SLUG.session; re-running the same command skips finished points and \
        resumes interrupted ones from their last checkpoint.
        """)

    @Argument(help: "The sweep spec (JSON).")
    var spec: String

    @Option(help: "The sweep's folder.")
    var out: String

    @Option(parsing: .unconditional, help: "How many points train at once (default: the number of cores).")
    var jobs: Int?

    @Option(
      name: .customLong("set"), parsing: .unconditionalSingleValue,
      help: ArgumentHelp("Override a key of the base config (repeatable).", valueName: "KEY=VALUE"))
    var overrides: [String] = []

    @Option(parsing: .unconditional, help: "Run only point I (what a cluster task calls).")
    var index: Int?

    @Flag(help: "Write DIR/sweep.sbatch, a Slurm job-array script, instead of running.")
    var slurm = false

    @Flag(help: "With --slurm: submit it with sbatch and follow the points' progress.")
    var submit = false

    @Option(help: "With --slurm: the partition.")
    var partition: String?

    @Option(help: "With --slurm: the time limit per point, HH:MM:SS.")
    var time: String?

    @Option(name: .customLong("cpus-per-task"), parsing: .unconditional, help: "With --slurm: CPUs per point.")
    var cpusPerTask: Int?

    @Flag(help: "Print one JSON object per point status change.")
    var json = false

    func validate() throws {
      if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
      if let cpusPerTask, cpusPerTask < 1 { throw ValidationError("--cpus-per-task must be at least 1, got \(cpusPerTask)") }
      if submit && !slurm { throw ValidationError("--submit needs --slurm") }
      if !slurm && (partition != nil || time != nil || cpusPerTask != nil) {
        throw ValidationError("--partition, --time and --cpus-per-task go with --slurm")
      }
    }

    func run() throws {
      let folder = try SweepCommand.open(spec, out: out, overrides: overrides)
      try folder.prepare()
      if let index {
        guard folder.spec.points.indices.contains(index) else {
          throw CommandSupport.bad("--index \(index): the sweep has points 0…\(folder.spec.points.count - 1)")
        }
        try SweepRunner(folder: folder, jobs: 1, reporting: json ? .json : .terminal).run(only: [folder.spec.points[index]])
        return
      }
      if slurm {
        let script = try SlurmScript(folder: folder, specPath: spec, partition: partition, time: time, cpusPerTask: cpusPerTask)
        try script.write()
        StandardOutput.line("wrote \(script.path) (\(folder.spec.points.count) array tasks)")
        if submit { try script.submitAndFollow(json: json) }
        return
      }
      try SweepRunner(folder: folder, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, reporting: json ? .json : .terminal)
        .run(only: folder.spec.points)
    }
  }

  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Each point's status and results, and per value the mean and spread over the other axes.")

    @Argument(help: "The sweep's folder.")
    var dir: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
      let manifest = try CommandSupport.readJSON("\(dir)/sweep.json")
      guard let specDocument = manifest["spec"] else { throw CommandSupport.bad("\(dir)/sweep.json has no \"spec\"") }
      let spec: SweepSpec
      do { spec = try SweepSpec(specDocument) { _ in .null } } catch { throw CommandSupport.bad("\(dir)/sweep.json: \(error)") }
      let status = SweepStatus(folder: SweepFolder(path: dir, spec: spec))
      if json { CommandSupport.printJSON(status.json) } else { status.table.forEach(StandardOutput.line) }
    }
  }

  /// Reads and expands a spec (a base given as a path is read relative to the spec's folder,
  /// else to the working directory); bad specs are exit 2 naming the key.
  static func open(_ specPath: String, out: String, overrides: [String]) throws -> SweepFolder {
    let document = try CommandSupport.readJSON(specPath)
    let sets = try CommandSupport.overrides(overrides)
    let specFolder = URL(fileURLWithPath: specPath).deletingLastPathComponent().path
    do {
      let spec = try SweepSpec(document, overrides: sets) { base in
        let beside = "\(specFolder)/\(base)"
        return try CommandSupport.readJSON(FileManager.default.fileExists(atPath: beside) && !base.hasPrefix("/") ? beside : base)
      }
      return SweepFolder(path: out, spec: spec)
    } catch let failure as CommandFailure {
      throw failure
    } catch {
      throw CommandSupport.bad("\(specPath): \(error)")
    }
  }
}
