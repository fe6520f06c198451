import TerminalGrid
import Training

/// The drawn runs' spectra at one step, side by side (`E` on Sessions): for each run (at
/// most four), `ε·λ(∂F/∂S)` of its latest eigen diagnostics at or before the step, over its
/// own stability region, all in one shared window so that positions compare; each titled in
/// the run's overlay colour with its legend label and the step it shows. The step is the
/// latest at which every drawn run has diagnostics, moved with `,`/`.` through the first
/// run's diagnostic steps. Baselines (no field) show their one-step map over the unit circle.
enum SpectraCompareView {
  /// The most runs shown side by side.
  static let maxRuns = 4

  /// The runs shown and their curves (those read, with eigen diagnostics).
  static func shown(_ model: WorkbenchModel) -> [(run: SessionListing, curve: SessionCurve, order: Int)] {
    let overlaid = !model.overlay.isEmpty
    return Workbench.drawnRuns(model).compactMap { run in
      guard let curve = model.curves[run.file], !curve.eigen.isEmpty else { return nil }
      return (run, curve, overlaid ? model.overlay.firstIndex(of: run.file) ?? 0 : 0)
    }.prefix(maxRuns).map { $0 }
  }

  /// The latest step every shown run has diagnostics at (or before).
  static func commonStep(_ runs: [(run: SessionListing, curve: SessionCurve, order: Int)]) -> Int? {
    runs.compactMap { $0.curve.eigen.last?.step }.min()
  }

  /// The step shown: `spectraStep` within the common range, else the common step.
  static func step(_ model: WorkbenchModel) -> Int? {
    let runs = shown(model)
    guard let common = commonStep(runs) else { return nil }
    return min(model.spectraStep ?? common, common)
  }

  /// The first run's diagnostic step before (`-1`) or after (`+1`) the one shown, kept within
  /// the common range.
  static func step(_ model: WorkbenchModel, moving direction: Int) -> Int? {
    let runs = shown(model)
    guard let current = step(model), let common = commonStep(runs), let first = runs.first else { return model.spectraStep }
    let steps = first.curve.eigen.map(\.step).filter { $0 <= common }
    let next = direction < 0 ? steps.last { $0 < current } : steps.first { $0 > current }
    return next ?? current
  }

  static func render(_ model: WorkbenchModel, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let runs = shown(model)
    let at = step(model)
    let inner = p.box(&grid, rect, "Spectra of \(runs.count) run\(runs.count == 1 ? "" : "s")" + (at.map { " at step \($0)" } ?? "") + " · , . step", focused: true)
    guard let at, !runs.isEmpty else {
      let why = Workbench.drawnRuns(model).isEmpty ? "no session selected" : "no eigen diagnostics recorded in the drawn runs"
      p.write(&grid, why, inner.x + 1, inner.y, Style(dim: true), clip: inner)
      return
    }
    let comparison = RunComparison(runs.map(\.run))
    let diagnostics = runs.map { r in r.curve.eigen.last { $0.step <= at } ?? r.curve.eigen[0] }
    let usesField = zip(runs, diagnostics).allSatisfy { $0.0.curve.picture != nil && !$0.1.field.isEmpty }
    let window = sharedWindow(runs.map(\.curve), diagnostics, field: usesField)
    let columns = inner.splitHorizontally(Array(repeating: .fill(1), count: runs.count))
    for (i, (r, e)) in zip(runs, diagnostics).enumerated() {
      let column = columns[i]
      let color = p.runColor(r.order)
      // The label shortened in the middle to the column (its key and step always shown).
      let key = p.runMarker(r.order).map { "━\(Character($0)) " } ?? "━ "
      let at = " @\(e.step)"
      let title = key + p.middle(comparison.label(r.run), max(1, column.width - 2 - key.count - at.count)) + at
      p.write(&grid, title, column.x + 1, column.y, Style(fg: color, bold: true), clip: column)
      let plotArea = Rect(x: column.x, y: column.y + 1, width: column.width - (i < runs.count - 1 ? 1 : 0), height: column.height - 1)
      if usesField, let fn = r.curve.picture?.function {
        ComplexPlanePlot(re: window.re, im: window.im, region: { fn.isStable($0) }, points: e.field, mode: p.mode, depth: p.depth)
          .render(in: plotArea, into: &grid)
      } else {
        ComplexPlanePlot(
          re: window.re, im: window.im, region: { $0.length <= 1 }, points: e.map, showUnitCircle: true,
          insideLabel: "|μ|≤1", outsideLabel: "|μ|>1", mode: p.mode, depth: p.depth)
          .render(in: plotArea, into: &grid)
      }
    }
  }

  /// One window for every run: the union of each run's window around its points (field
  /// spectra over their regions), or a square around the unit circle and the map's points.
  static func sharedWindow(_ curves: [SessionCurve], _ diagnostics: [EigenDiagnostics], field: Bool)
    -> (re: ClosedRange<Double>, im: ClosedRange<Double>)
  {
    guard field else {
      let r = max(1.2, (diagnostics.flatMap(\.map).map(\.length).max() ?? 1) * 1.1)
      return (-r...r, -r...r)
    }
    let windows = zip(curves, diagnostics).compactMap { c, e in c.picture?.window(including: e.field) }
    let re = (windows.map(\.re.lowerBound).min() ?? -1)...(windows.map(\.re.upperBound).max() ?? 1)
    let im = (windows.map(\.im.lowerBound).min() ?? -1)...(windows.map(\.im.upperBound).max() ?? 1)
    return (re, im)
  }
}
