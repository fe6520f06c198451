import Experiments
import Foundation
import JSON
import ODECells
import Sessions
import Tableaux
import Training

/// `odernn experiment nt-grid` (ODE-RNN view, papers.md §1.4–1.6): n ∈ {1, 2, 3, 4} stages
/// (euler, heun, kutta3, rk4) × derivative order t ∈ {1, 2}, gated antisymmetric cells
/// (ε = 0.1, γ = 0.01; κ = [0, 1] for t = 2, damping h′) on the adding problem, at equal
/// parameter budgets: H is chosen per t so that t·H² + (cell and readout terms) is nearest the
/// t = 1 cell's count at `width`.
///
/// Claim (the cost structure, checked from the sessions): each cell's checkpoint has exactly
/// `t·H² + 2·H·I + 2·H + O·H + O` parameters (linear in t at fixed H) and its state t·H
/// numbers. Reported: the f-evaluations per step (n, the tableau's stages, as DESIGN §1.3
/// builds the step), the learning table (final validation loss, mean and spread over seeds)
/// and steps/s from the sessions' clocks, which show the cost of n and t in time.
enum NTGridExperiment {
  static let name = "nt-grid"
  static let claim =
    "an (n, t) gated cell keeps t·H state numbers and has t·H² + 2HI + 2H + OH + O parameters (linear in t); its n field evaluations per step, steps/s and the learning table at equal parameter budgets are reported"
  static let tableaux = ["euler", "heun", "kutta3", "rk4"]

  static func cell(tableau: String, order t: Int, hidden h: Int) -> CellSpec {
    CellSpec(
      tableau: ButcherTableau.named(tableau)!, derivativeOrder: t, hiddenSize: h, stepSize: 0.1, structure: .antisymmetric,
      gamma: 0.01, decay: t == 1 ? [0] : [0, 1], gated: true)
  }

  static func parameterCount(_ spec: CellSpec) -> Int {
    ParameterLayout(spec: spec, inputSize: 2, outputSize: 1).entries.map { $0.rows * $0.cols }.reduce(0, +)
  }

  /// The H for order t whose parameter count is nearest the t = 1 cell's at `width`.
  static func hidden(order t: Int, budget width: Int) -> Int {
    let target = parameterCount(cell(tableau: "euler", order: 1, hidden: width))
    return (1...width).min { abs(parameterCount(cell(tableau: "euler", order: t, hidden: $0)) - target) < abs(parameterCount(cell(tableau: "euler", order: t, hidden: $1)) - target) }!
  }

  static func run(_ context: ExperimentContext) throws -> ExperimentReport {
    let quick = context.quick
    let width = quick ? 24 : 64
    let seeds: [JSON] = quick ? [1] : [1, 2, 3]
    var cells: [JSON] = []
    var specs: [CellSpec] = []
    for t in [1, 2] {
      let h = hidden(order: t, budget: width)
      for name in tableaux {
        specs.append(cell(tableau: name, order: t, hidden: h))
        cells.append([
          "tableau": .string(name), "derivativeOrder": .number(Double(t)), "hiddenSize": .number(Double(h)), "stepSize": 0.1,
          "structure": "antisymmetric", "gamma": 0.01, "gated": true, "decay": t == 1 ? [0] : [0, 1],
        ])
      }
    }
    let base: JSON = [
      "cell": ["hiddenSize": 1], "task": ["name": "adding", "length": quick ? 30 : 100],
      "optimizer": ["name": "adam", "learningRate": 0.003, "clipNorm": 1],
      "batchSize": 64, "steps": quick ? 150 : 2000, "seed": 1, "precision": "float64",
      "diagnosticsEvery": quick ? 50 : 250, "checkpointEvery": quick ? 150 : 1000,
    ]
    let trained = try context.sweep(base: base, grid: [("cell", cells), ("seed", seeds)])
    var rows: [[JSON]] = []
    var findings: [String] = []
    var holds = true
    for (i, spec) in specs.enumerated() {
      let mine = trained.filter { $0.point.index / seeds.count == i }
      var losses: [Double] = []
      var rates: [Double] = []
      var counted: (params: Int, state: Int)?
      for (_, session) in mine {
        let s = try CommandSupport.readSession(session)
        losses.append(s.metrics.last { $0.valLoss != nil }?.valLoss ?? .nan)
        if let last = s.events.last(where: { if case .metrics = $0.event { return true } else { return false } }), last.time > 0 {
          rates.append(Double(s.metrics.last?.step ?? 0) / last.time)
        }
        let engine = try ExperimentContext.restored(session)
        counted = (engine.parameters.scalarCount, engine.config.cell.stateCount * engine.config.cell.hiddenSize)
      }
      let t = spec.derivativeOrder, h = spec.hiddenSize, n = spec.tableau.stages
      let formula = t * h * h + 2 * h * 2 + 2 * h + h + 1
      let ok = counted.map { $0.params == formula && $0.state == t * h } ?? false
      if !ok {
        holds = false
        findings.append("\(spec.tableau.name) t=\(t): counted \(String(describing: counted)), expected params \(formula), state \(t * h)")
      }
      let mean = losses.reduce(0, +) / Double(losses.count)
      let sd = losses.count > 1 ? (losses.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(losses.count - 1)).squareRoot() : 0
      rows.append([
        .string(spec.tableau.name), .number(Double(n)), .number(Double(t)), .number(Double(h)),
        .number(Double(counted?.params ?? 0)), .number(Double(counted?.state ?? 0)), .number(Double(n)),
        .number(mean), .number(sd), .number(rates.isEmpty ? .nan : rates.reduce(0, +) / Double(rates.count)),
      ])
    }
    if holds { findings.append("every cell's parameter count and state size are as the formula says") }
    findings.append("learning at equal budgets (reported, not claimed): best final valLoss \(TextTable.number(rows.compactMap { $0[7].doubleValue }.min() ?? .nan)) over \(seeds.count) seed(s)")
    return ExperimentReport(
      experiment: name, claim: claim, holds: holds,
      columns: ["tableau", "n", "t", "H", "parameters", "state", "f-evals/step", "valLoss mean", "valLoss sd", "steps/s"],
      rows: rows, sessions: trained.map(\.session), findings: findings)
  }
}
