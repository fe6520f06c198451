import ArgumentParser
import Bench
import Experiments
import JSON
import Linalg
import Training

/// `odernn bench`: the benchmark of DESIGN §1.8.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure training and inference speed (float32, B=64, H=128, T=100, adding task).",
    discussion: "A benchmark, not a test. Build in release mode (swift run -c release odernn bench).")

  @Flag(help: "Print {\"threads\", \"blasCore\", \"rows\": [...]} as JSON.")
  var json = false

  @Option(parsing: .unconditional, help: "BLAS threads.")
  var threads = 1

  @Option(parsing: .unconditional, help: "Timed repetitions per row (after 5 warm-up ones); the 300-step trainer and workbench rows run at most 5, without warm-up.")
  var repetitions = 50

  @Option(name: .customLong("only"), help: ArgumentHelp("Run only the rows whose name starts with PREFIX (repeatable).", valueName: "PREFIX"))
  var only: [String] = []

  @Flag(help: "--only names whole rows instead of prefixes.")
  var exact = false

  func validate() throws {
    do {
      try ConfigSchema.check("threads", .number(Double(threads)))  // a config's threads range
    } catch {
      throw ValidationError("--threads \(threads): \(error.description)")
    }
    if repetitions < 1 { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
  }

  func run() throws {
    try CommandSupport.setUpBLAS(threads: threads)
    #if DEBUG
      printError("odernn: warning: this is a debug build; benchmark a release build (swift run -c release odernn bench)")
    #endif
    let rows = try BenchSuite.run(harness: BenchHarness(repetitions: repetitions), only: only, exact: exact) { name in
      if CommandSupport.isTerminal(2) { printError("odernn: measuring \(name)…") }
    }
    if rows.isEmpty { throw CommandSupport.bad("--only \(only.joined(separator: " ")): no benchmark row has that \(exact ? "name" : "prefix")") }
    if json {
      CommandSupport.printJSON(
        .object([
          "threads": .number(Double(BLAS.threads)), "blasCore": .string(BLAS.coreName),
          "rows": .array(
            rows.map { row -> JSON in
              guard var fields = JSON.object([
                "name": .string(row.name), "unit": .string(row.unit), "median": .number(row.median),
                "min": .number(row.min), "max": .number(row.max), "runs": .number(Double(row.runs)),
              ]).objectValue else { return .null }
              if let f = row.flopsPerUnit, let g = row.gflops {
                fields["flopsPerUnit"] = .number(f)
                fields["gflops"] = .number(g)
              }
              return .object(fields)
            }),
        ]))
      return
    }
    StandardOutput.line("odernn bench: BLAS core \(BLAS.coreName), \(BLAS.threads) thread(s)")
    let table = TextTable(
      columns: ["name", "unit", "median", "min", "max", "runs", "GFLOP/s"],
      rows: rows.map { r in
        [
          .string(r.name), .string(r.unit), .number(r.median), .number(r.min), .number(r.max), .number(Double(r.runs)),
          r.gflops.map { .number(($0 * 10).rounded() / 10) } ?? .null,
        ]
      })
    StandardOutput.line(table.text)
  }
}
