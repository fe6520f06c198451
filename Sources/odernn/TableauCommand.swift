import Foundation
import ArgumentParser
import JSON
import Tableaux
import Training

/// `odernn tableau list|show`: the catalog and one tableau's analysis.
struct TableauCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tableau",
    abstract: "List the built-in Butcher tableaux or analyse one.",
    subcommands: [List.self, Show.self])

  /// The DESIGN §1.2 JSON of one tableau.
  static func json(_ t: ButcherTableau) -> JSON {
    let r = TableauReport(t)
    let polynomial: JSON = r.polynomial.map { .array($0.map(JSON.number)) } ?? .null
    return .object([
      "name": .string(r.name), "stages": .number(Double(r.stages)), "explicit": .bool(r.explicit),
      "order": .number(Double(r.order)),
      "a": .array(r.a.map { .array($0.map(JSON.number)) }), "b": .array(r.b.map(JSON.number)),
      "c": .array(r.c.map(JSON.number)),
      "stability": .object([
        "polynomial": polynomial,
        "realInterval": .array([r.realInterval.map(JSON.number) ?? .null, .number(0)]),
        "imagRadius": r.imagRadius.map(JSON.number) ?? .null,
      ]),
      "solverCost": ImplicitCost.reference(t).map(costJSON) ?? .null,
    ])
  }

  /// An implicit tableau's per-step cost under each solver (`ImplicitCost`).
  static func costJSON(_ c: ImplicitCost) -> JSON {
    var newton: JSON = .object([
      "maxIterations": .number(Double(c.iterations)), "fieldEvaluationsPerIteration": .number(Double(c.stages)),
      "linearSolvesPerIteration": 1, "systemSize": .number(Double(c.systemSize)),
      "measuredOn": c.measuredOn.map(JSON.string) ?? .null,
    ])
    if let mean = c.newtonMean, let max = c.newtonMax {
      try? newton.setMember(.number(mean), at: ["meanIterations"])
      try? newton.setMember(.number(Double(max)), at: ["measuredMaxIterations"])
      try? newton.setMember(.number(c.newtonFieldEvaluations(mean)), at: ["fieldEvaluations"])
      try? newton.setMember(.number(mean), at: ["linearSolves"])
    }
    return .object([
      "jacobi": .object([
        "sweeps": .number(Double(c.iterations)), "fieldEvaluations": .number(Double(c.jacobiFieldEvaluations)), "linearSolves": 0,
      ]),
      "newton": newton,
    ])
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The catalog of tableaux.")

    @Flag(help: "Print a JSON array of `tableau show --json` objects.")
    var json = false

    func run() throws {
      if json {
        CommandSupport.printJSON(.array(ButcherTableau.catalog.map(TableauCommand.json)))
        return
      }
      StandardOutput.line(ButcherTableau.listHeader)
      for t in ButcherTableau.catalog { StandardOutput.line(t.listRow()) }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "One tableau: its diagram, computed order and stability region.")

    @Argument(help: "A catalog name (see `odernn tableau list`) or a tableau JSON file.")
    var tableau: String

    @Flag(help: "Print the analysis as JSON.")
    var json = false

    @Flag(help: "Draw with ASCII only (the default when the locale is not UTF-8).")
    var ascii = false

    func run() throws {
      let t: ButcherTableau
      switch TableauLoading.tableau(nameOrFile: tableau) {
      case .success(let found): t = found
      case .failure(let error): throw CommandSupport.bad(error.description)
      }
      for w in t.warnings { printError("odernn: warning: \(tableau): \(w)") }
      if json {
        CommandSupport.printJSON(TableauCommand.json(t))
        return
      }
      var parts = [t.diagramText(), t.summaryText()]
      if let cost = ImplicitCost.reference(t) {
        parts.append((["per-step cost of a cell (t = 1, H = 64, m = 8):"] + cost.lines.map { "  " + $0 }).joined(separator: "\n"))
      }
      let text = (parts + [t.regionPlotText(columns: 61, rows: 21)]).joined(separator: "\n\n")
      let plain = ASCIIText.wanted(flag: ascii, environment: ProcessInfo.processInfo.environment)
      StandardOutput.line(plain ? ASCIIText.transliterate(text) : text)
    }
  }
}
