import Experiments
import Foundation
import JSON
import Training

/// `odernn experiment stability` (Miller & Hardt, papers.md §4.4–4.6): a vanilla tanh RNN
/// (euler, ε = 1, κ = [1]) on the adding problem, trained unconstrained and with
/// `constraint.spectralNorm` ρ ∈ {0.9, 1}; then, for each, the truncated model of window
/// k = 1, 2, 4, …, 128 on the validation set: the gap ‖h_T − h_T^k‖∞, the bound λ^k L/(1−λ),
/// and the truncated loss against the full one.
///
/// Claim: for both constrained models the gap decays geometrically (the fitted rate is below
/// 1, and for ρ = 0.9 the gap stays under the bound), and the truncated loss comes within 1%
/// of the full one by k ≤ 32.
enum StabilityExperiment {
  static let name = "stability"
  static let claim =
    "for a spectrally constrained vanilla RNN the truncation gap ‖h_T − h_T^k‖∞ decays geometrically in k (fitted rate < 1, under the bound λ^k·L/(1−λ)) and the truncated model's loss is within 1% of the full model's by k ≤ 32"
  static let matchTolerance = 0.01
  static let modestWindow = 32

  static func base(quick: Bool) -> JSON {
    [
      "cell": ["hiddenSize": quick ? 32 : 64, "stepSize": 1, "decay": [1], "activation": "tanh"],
      "task": ["name": "adding", "length": quick ? 150 : 200],
      "optimizer": ["name": "adam", "learningRate": 0.003, "clipNorm": 1],
      "batchSize": 64, "steps": quick ? 300 : 3000, "seed": 1, "precision": "float64",
      "diagnosticsEvery": quick ? 100 : 250, "checkpointEvery": quick ? 300 : 1000,
    ]
  }

  static func run(_ context: ExperimentContext) throws -> ExperimentReport {
    let runs = try context.sweep(base: base(quick: context.quick), grid: [("constraint.spectralNorm", [.null, 0.9, 1])])
    var rows: [[JSON]] = []
    var findings: [String] = []
    var holds = true
    var gaps: [ExperimentChart.Series] = []
    var losses: [ExperimentChart.Series] = []
    for (point, session) in runs {
      let rho = point.values.first?.value.doubleValue
      let label = rho.map { "ρ = \(TextTable.number($0))" } ?? "unconstrained"
      let engine = try ExperimentContext.restored(session)
      let t = engine.validation.steps
      let gap: TruncationGap
      do { gap = try TruncationGap.measure(engine, windows: TruncationGap.windows(upTo: min(128, t))) } catch {
        throw CommandSupport.bad("\(session): \(error)")
      }
      for w in gap.windows {
        rows.append([
          .string(label), .number(gap.lambda), .number(Double(w.k)), .number(w.gap), w.bound.map(JSON.number) ?? .null,
          .number(w.loss), .number(gap.fullLoss),
        ])
      }
      // Charts against log₂ k; a gap of exactly 0 (at rounding) has no place on a log axis.
      let x = { (w: TruncationGap.Window) in log2(Double(w.k)) }
      gaps.append(.init(name: label, points: gap.windows.filter { $0.gap > 0 }.map { .init(x($0), $0.gap) }))
      if rho != nil && gap.lambda < 1 {
        gaps.append(.init(name: "bound, \(label)", points: gap.windows.compactMap { w in w.bound.map { .init(x(w), $0) } }))
      }
      losses.append(.init(name: label, points: gap.windows.map { .init(x($0), $0.loss) }))
      losses.append(.init(name: "full, \(label)", points: gap.windows.map { .init(x($0), gap.fullLoss) }))
      let rate = gap.fittedRate()
      let match = gap.matchingWindow(relative: matchTolerance)
      let underBound = gap.windows.allSatisfy { w in w.bound.map { w.gap <= $0 } ?? true }
      let rateText = rate.map(TextTable.number) ?? "none (the gap is at rounding from k = 1)"
      findings.append(
        "\(label): ‖W₀‖₂ = \(TextTable.number(gap.lambda)), fitted rate \(rateText), "
          + (match.map { "truncated loss within 1% for every k ≥ \($0)" } ?? "truncated loss not within 1% at k = \(gap.windows.last?.k ?? 0)")
          + (gap.lambda < 1 ? ", gap \(underBound ? "under" : "ABOVE") the bound" : ""))
      if rho != nil {
        holds = holds && (rate ?? 0) < 1 && (match ?? .max) <= modestWindow && underBound
      }
    }
    return ExperimentReport(
      experiment: name, claim: claim, holds: holds,
      columns: ["model", "‖W₀‖₂", "k", "gap ‖h_T − h_T^k‖∞", "bound λ^k L/(1−λ)", "truncated loss", "full loss"],
      rows: rows, sessions: runs.map(\.session), findings: findings,
      charts: [
        ExperimentChart(title: "gap ‖h_T − h_T^k‖∞ against log₂ k, with the bound λ^k L/(1−λ)", xLabel: "log₂ k", logY: true, series: gaps),
        ExperimentChart(title: "truncated loss against log₂ k, and the full model's", xLabel: "log₂ k", logY: false, series: losses),
      ])
  }
}
