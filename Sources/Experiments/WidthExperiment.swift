import Foundation
import JSON

/// `odernn experiment width` (large-width limit, papers.md §2.4–2.6): the MF-RNN over
/// N ∈ {50, 200, 800, 3200} (quick: up to 800), β ∈ {½, ¾, 1}, 3 seeds, trained online to
/// rescaled time t = k/N = 10, the test loss read every ½ of t (`curveTimes`; the table shows
/// t ∈ {0, 1, 2.5, 5, 10}, the chart all of them).
///
/// Claim, with the measures that decide it (the seed spread should scale like N^{1/2−β}):
/// - for β ∈ {¾, 1} the curves collapse: at t ∈ {5, 10} every N's mean loss is within
///   `collapseTolerance` of the largest N's;
/// - for β = 1 the seed spread shrinks: the early spread (the seeds' standard deviation of the
///   test loss, averaged over t = 0 and t = 1) at the largest N is below half of the smallest N's
///   (N^{−1/2} predicts 1/4 for quick, 1/8 in full);
/// - for β = ½ the early spread does not shrink (it stays above half of the smallest N's).
/// β = ¾'s spread (N^{−1/4}: 1/2 for quick) is reported, not decided: three seeds estimate a
/// standard deviation to about ±50%, too coarse for that factor.
public enum WidthExperiment {
  public static let name = "width"
  public static let claim =
    "for β ∈ (½, 1] the MF-RNN's test-loss curves against k/N collapse as N grows; for β = 1 the seed spread shrinks with N, while for β = ½ the early spread does not"
  public static let betas: [Double] = [0.5, 0.75, 1]
  public static let seeds: [UInt64] = [1, 2, 3]
  public static let times: [Double] = [0, 1, 2.5, 5, 10]
  /// Where the test loss is read: every ½ up to t = 10 (every table time among them).
  public static let curveTimes: [Double] = (0...20).map { Double($0) / 2 }
  public static let collapseTolerance = 0.02

  public static func widths(quick: Bool) -> [Int] { quick ? [50, 200, 800] : [50, 200, 800, 3200] }

  /// The losses of one (β, N): seeds × `curveTimes`; `ExperimentStopped` when `cancelled()`
  /// turns true (asked before each seed).
  public static func losses(beta: Double, width n: Int, cancelled: () -> Bool = { false }) throws -> [[Double]] {
    let steps = curveTimes.map { Int(($0 * Double(n)).rounded()) }
    return try seeds.map { seed in
      if cancelled() { throw ExperimentStopped() }
      var model = MeanFieldRNN(width: n, beta: beta, seed: seed)
      let at = model.train(steps: steps.last!, testAt: Set(steps))
      return steps.map { at[$0]! }
    }
  }

  static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
  static func std(_ xs: [Double]) -> Double {
    let m = mean(xs)
    return (xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(xs.count - 1)).squareRoot()
  }

  public static func run(quick: Bool, progress: (String) -> Void = { _ in }, cancelled: () -> Bool = { false }) throws -> ExperimentReport {
    let ns = widths(quick: quick)
    var rows: [[JSON]] = []
    var means: [Double: [Int: [Double]]] = [:]
    var early: [Double: [Int: Double]] = [:]
    var charts: [ExperimentChart] = []
    /// The column of `curveTimes` at rescaled time `t`.
    func at(_ t: Double) -> Int { curveTimes.firstIndex(of: t)! }
    for beta in betas {
      var series: [ExperimentChart.Series] = []
      for n in ns {
        progress("β = \(beta), N = \(n)")
        let l = try losses(beta: beta, width: n, cancelled: cancelled)
        let m = curveTimes.indices.map { t in mean(l.map { $0[t] }) }
        let s = curveTimes.indices.map { t in std(l.map { $0[t] }) }
        means[beta, default: [:]][n] = m
        early[beta, default: [:]][n] = (s[at(0)] + s[at(1)]) / 2
        rows.append(
          [.number(beta), .number(Double(n)), .number(MeanFieldRNN(width: n, beta: beta, seed: 0).stepSize)]
            + times.map { .number(m[at($0)]) } + [.number(s[at(0)]), .number(s[at(1)]), .number(s[at(5)])])
        series.append(.init(name: "N=\(n)", points: curveTimes.indices.map { .init(curveTimes[$0], m[$0]) }))
      }
      charts.append(ExperimentChart(title: "β = \(TextTable.number(beta)): mean test loss over \(seeds.count) seeds against k/N", xLabel: "k/N", logY: false, series: series))
    }
    var findings: [String] = []
    var holds = true
    let (small, large) = (ns.first!, ns.last!)
    for beta in betas {
      let ratio = early[beta]![large]! / early[beta]![small]!
      let shrinks = ratio < 0.5
      let predicted = pow(Double(large) / Double(small), 0.5 - beta)
      let spread = "early spread N=\(large) / N=\(small) = \(TextTable.number(ratio)) (N^{1/2−β} predicts \(TextTable.number(predicted)))"
      if beta > 0.5 {
        let late = ns.map { n in [at(5), at(10)].map { abs(means[beta]![n]![$0] - means[beta]![large]![$0]) }.max()! }.max()!
        let collapses = late <= collapseTolerance
        holds = holds && collapses && (beta < 1 || shrinks)
        findings.append("β = \(beta): largest gap to N=\(large) at t ≥ 5: \(TextTable.number(late)) (\(collapses ? "collapse" : "no collapse")); \(spread)\(beta < 1 ? ", reported only" : shrinks ? ", shrinks" : ", does not shrink")")
      } else {
        holds = holds && !shrinks
        findings.append("β = \(beta): \(spread), \(shrinks ? "shrinks" : "does not shrink, as the random limit predicts")")
      }
    }
    return ExperimentReport(
      experiment: name, claim: claim, holds: holds,
      columns: ["β", "N", "α_N"] + times.map { "loss t=\(TextTable.number($0))" } + ["sd t=0", "sd t=1", "sd t=5"],
      rows: rows, findings: findings, charts: charts)
  }
}
