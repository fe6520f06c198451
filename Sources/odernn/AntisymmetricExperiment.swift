import Experiments
import Foundation
import JSON
import Linalg
import Sessions
import Training

/// `odernn experiment antisymmetric` (AntisymmetricRNN, papers.md §3.7–3.11): antisymmetric
/// cells, gated and plain, for γ ∈ {0, 0.01, 0.1} (quick: γ = 0.01 only), against a vanilla
/// tanh RNN and an LSTM (full only) on the adding problem, H = 64: T = 200 and 3000 steps, or
/// for quick T = 100 and 1200 steps (the gated cell leaves the mean predictor near step 900).
///
/// Claim: the gated antisymmetric cell learns (its final validation MSE is below half the
/// mean predictor's 1/6) where the vanilla RNN stays at the mean predictor (above 90% of it);
/// every antisymmetric cell's M₀ = W₀ − W₀ᵀ − γI has its eigenvalues on Re = −γ (to 1e-12);
/// and every one-step-map eigenvalue the gated cells recorded during training lies within 2% of
/// the unit circle. The plain cells' are reported only: Euler maps iω to |1 + εiω| > 1, which
/// the gate's damping (sigmoid < 1 on the field) offsets and γ alone may not.
enum AntisymmetricExperiment {
  static let name = "antisymmetric"
  static let claim =
    "the gated antisymmetric cell learns the adding problem where the vanilla RNN stays at the mean predictor, every antisymmetric M₀'s eigenvalues lie on Re = −γ, and the gated cells' one-step-map eigenvalues stay within 2% of the unit circle"
  /// The adding problem's mean predictor: Var(U₁ + U₂) = 1/6.
  static let meanPredictor = 1.0 / 6
  static let circleTolerance = 0.02
  static let realPartTolerance = 1e-12

  struct Run {
    var label: String
    var cell: JSON
  }

  static func runs(quick: Bool) -> [Run] {
    let h: JSON = 64
    let gammas: [Double] = quick ? [0.01] : [0, 0.01, 0.1]
    var out: [Run] = []
    for gated in [true, false] {
      for g in gammas {
        out.append(Run(
          label: "\(gated ? "gated " : "")antisymmetric γ=\(ExperimentReport.number(g))",
          cell: ["hiddenSize": h, "structure": "antisymmetric", "gamma": .number(g), "stepSize": 0.1, "gated": .bool(gated)]))
      }
    }
    out.append(Run(label: "vanilla tanh RNN", cell: ["hiddenSize": h, "stepSize": 1, "decay": [1]]))
    if !quick { out.append(Run(label: "LSTM", cell: ["kind": "lstm", "hiddenSize": h])) }
    return out
  }

  static func base(quick: Bool, task: JSON) -> JSON {
    [
      "cell": ["hiddenSize": 1], "task": task,
      "optimizer": ["name": "adam", "learningRate": 0.003, "clipNorm": 1],
      "batchSize": 64, "steps": quick ? 1200 : 3000, "seed": 1, "precision": "float64",
      "diagnosticsEvery": 100, "checkpointEvery": 1000,
    ]
  }

  static func run(_ context: ExperimentContext) throws -> ExperimentReport {
    let all = runs(quick: context.quick)
    let adding: JSON = ["name": "adding", "length": context.quick ? 100 : 200]
    let trained = try context.sweep(base: base(quick: context.quick, task: adding), grid: [("cell", all.map(\.cell))])
    var rows: [[JSON]] = []
    var findings: [String] = []
    var holds = true
    for ((_, session), run) in zip(trained, all) {
      let s = try CommandSupport.readSession(session)
      let valLoss = s.metrics.last { $0.valLoss != nil }?.valLoss ?? .nan
      let maps = s.events.flatMap { e -> [Double] in
        if case .eigen(let d) = e.event { return d.map.map(\.length) }
        return []
      }
      let engine = try ExperimentContext.restored(session)
      var realGap: JSON = .null
      if engine.config.cell.structure == .antisymmetric {
        let m0 = engine.config.cell.recurrentMatrices(of: engine.parameters)[0]
        let gamma = engine.config.cell.gamma
        let gap = try m0.eigenvalues().map { abs($0.real + gamma) }.max() ?? 0
        realGap = .number(gap)
        if gap > realPartTolerance { holds = false }
        let lo = maps.min() ?? .nan, hi = maps.max() ?? .nan
        let within = !maps.isEmpty && maps.allSatisfy { abs($0 - 1) <= circleTolerance }
        let gated = engine.config.cell.gated
        if gated && !within { holds = false }
        findings.append("\(run.label): max |Re λ(M₀) + γ| = \(ExperimentReport.number(gap)); map |λ| ∈ [\(ExperimentReport.number(lo)), \(ExperimentReport.number(hi))] over \(maps.count) recorded eigenvalues, \(within ? "within" : "outside") 2%\(gated ? "" : " (reported)")")
      }
      rows.append([
        .string(run.label), .string("adding T=\(engine.validation.steps)"), .number(valLoss), .number(valLoss / meanPredictor), realGap,
        .number(maps.min() ?? .nan), .number(maps.max() ?? .nan),
      ])
      if run.label == "gated antisymmetric γ=0.01" {
        let learns = valLoss < 0.5 * meanPredictor
        holds = holds && learns
        findings.append("\(run.label): final validation MSE \(ExperimentReport.number(valLoss)) = \(ExperimentReport.number(valLoss / meanPredictor)) × the mean predictor's (\(learns ? "learns" : "does not learn"))")
      }
      if run.label == "vanilla tanh RNN" {
        let stays = valLoss > 0.9 * meanPredictor
        holds = holds && stays
        findings.append("\(run.label): final validation MSE \(ExperimentReport.number(valLoss)) = \(ExperimentReport.number(valLoss / meanPredictor)) × the mean predictor's (\(stays ? "stays there" : "learns"))")
      }
    }
    return ExperimentReport(
      experiment: name, claim: claim, holds: holds,
      columns: ["cell", "task", "final valLoss", "÷ mean predictor", "max |Re λ(M₀) + γ|", "min |λ(map)|", "max |λ(map)|"],
      rows: rows, sessions: trained.map(\.session), findings: findings)
  }
}
