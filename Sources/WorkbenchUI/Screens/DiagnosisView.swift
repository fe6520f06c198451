import Experiments
import Foundation
import TerminalGrid
import Training

/// A session's diagnosis (`g` on Sessions; `odernn diagnose` on the command line): at its last
/// checkpoint, on the run's validation set, ‖h_t‖ against t, the singular values of
/// `∂S_T/∂S_0` in order (log-y, the rounding floor drawn as a line) with σ₁ and the median,
/// and for sequence-to-one tasks the truncation gap ‖h_T − h_T^k‖∞ against log₂ k with the
/// bound where it is a theorem. Panes side by side when wide, stacked when not.
enum DiagnosisView {
  static func render(_ model: WorkbenchModel, file: String, _ p: Painter, in body: Rect, into grid: inout Grid) {
    let name = model.sessions.first { $0.file == file }?.name ?? file
    guard let result = model.diagnoses[file] else {
      let inner = p.box(&grid, body, "Diagnosis of \(name)", focused: true)
      p.write(&grid, "computing ‖h_t‖, the truncation gap and the singular values of ∂S_T/∂S_0…", inner.x + 1, inner.y, Style(dim: true), clip: inner)
      return
    }
    switch result {
    case .failure(let why):
      let inner = p.box(&grid, body, "Diagnosis of \(name)", focused: true)
      p.write(&grid, "cannot diagnose: \(why.description)", inner.x + 1, inner.y, Style(fg: .red, bold: true), clip: inner)
    case .success(let d):
      let inner = p.box(&grid, body, "Diagnosis of \(name) at step \(d.step) (T = \(d.sequenceLength), \(d.examples) sequences)", focused: true)
      let panes = layout(inner)
      ExperimentsScreen.chart(stateNorms(d), p, in: panes[0], into: &grid)
      ExperimentsScreen.chart(singularValues(d), p, in: panes[1], into: &grid)
      if let gap = gapChart(d) {
        ExperimentsScreen.chart(gap, p, in: panes[2], into: &grid)
      } else if case .failure(let why) = d.truncation {
        p.write(&grid, "truncation gap: none (\(why.description))", panes[2].x, panes[2].y, Style(dim: true), clip: panes[2])
      }
    }
  }

  /// The three panes: side by side when wide; stacked when tall; else the first two side by
  /// side above the third, so that every chart keeps its axes (at 80×24 too).
  static func layout(_ inner: Rect) -> [Rect] {
    if inner.width >= 150 { return inner.splitHorizontally([.fill(1), .fill(1), .fill(1)], spacing: 3) }
    if inner.height >= 36 { return inner.splitVertically([.fill(1), .fill(1), .fill(1)]) }
    let rows = inner.splitVertically([.fill(1), .fill(1)])
    return rows[0].splitHorizontally([.fill(1), .fill(1)], spacing: 3) + [rows[1]]
  }

  static func stateNorms(_ d: RunDiagnosis) -> ExperimentChart {
    ExperimentChart(
      title: "‖h_t‖ (RMS) against t", xLabel: "t", logY: false,
      series: [.init(name: "‖h_t‖", points: d.trajectory.stateNorms.enumerated().map { .init(Double($0.offset + 1), $0.element) })])
  }

  static func singularValues(_ d: RunDiagnosis) -> ExperimentChart {
    let t = d.trajectory
    let s = t.jacobianSingularValues
    let title = "σ_i(∂S_T/∂S_0), median \(TextTable.number(t.medianSingularValue))"
    return ExperimentChart(
      title: title, xLabel: "i", logY: true,
      series: [
        .init(name: "σ_i, σ₁ = \(TextTable.number(s.first ?? .nan))", points: s.enumerated().map { .init(Double($0.offset + 1), $0.element) }),
        .init(name: "rounding floor", points: [.init(1, t.roundingFloor), .init(Double(max(1, s.count)), t.roundingFloor)]),
      ])
  }

  static func gapChart(_ d: RunDiagnosis) -> ExperimentChart? {
    guard case .success(let gap) = d.truncation else { return nil }
    var series: [ExperimentChart.Series] = [
      .init(name: "gap", points: gap.windows.filter { $0.gap > 0 }.map { .init(log2(Double($0.k)), $0.gap) })
    ]
    let bound = gap.windows.compactMap { w in w.bound.map { ExperimentChart.Point(log2(Double(w.k)), $0) } }
    if !bound.isEmpty { series.append(.init(name: "bound λ^k L/(1−λ)", points: bound)) }
    let rate = gap.fittedRate().map { ", fitted rate \(TextTable.number($0))" } ?? ""
    return ExperimentChart(title: "truncation gap ‖h_T − h_T^k‖∞, ‖M₀‖₂ = \(TextTable.number(gap.lambda))\(rate)", xLabel: "log₂ k", logY: true, series: series)
  }
}
