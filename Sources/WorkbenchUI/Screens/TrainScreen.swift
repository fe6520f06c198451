import Foundation
import TerminalGrid
import Tableaux
import Training

/// Train and Replay: loss, gradient norms, the gradient-through-time heatmap and the
/// eigenvalue pane, in a grid of the visible panes. Replay draws the same panes cut at its
/// cursor step.
enum TrainScreen {
  static func render(_ model: WorkbenchModel, _ p: Painter, in body: Rect, into grid: inout Grid) {
    guard let run = model.shownRun else {
      let inner = p.box(&grid, body, "Train")
      p.write(&grid, "nothing is training: compose a cell and press space", inner.x + 1, inner.y, Style(dim: true), clip: inner)
      return
    }
    let cutoff = model.screen == .replay ? model.replay?.cursor : nil
    if let r = model.replay, model.screen == .replay {
      progress(r, p, in: Rect(x: body.x, y: body.y, width: body.width, height: 1), into: &grid)
    }
    let drawn = panes(model, in: body)
    let hidden = collapsed(model, in: body)
    for (pane, rect) in drawn {
      let focused = pane == model.focus
      switch pane {
      case .loss: loss(model, run, cutoff, p, rect, focused, &grid)
      case .gradients: gradients(model, run, cutoff, p, rect, focused, &grid)
      case .heatmap: heatmap(model, run, cutoff, p, rect, focused, &grid)
      case .eigen: eigen(model, run, cutoff, p, rect, focused, &grid)
      }
    }
    // Collapsed panes are named on the last pane's bottom border.
    if hidden > 0, let last = drawn.last?.rect {
      let names = Pane.allCases.filter { model.panes.contains($0) && !drawn.map(\.pane).contains($0) }.map { String($0.rawValue) }
      let note = " +\(hidden) pane\(hidden == 1 ? "" : "s") (\(names.joined(separator: ","))): tab "
      p.write(&grid, note, last.maxX - note.count - 1, last.maxY - 1, Style(fg: .yellow), clip: last)
    }
  }

  /// The height below which three or four panes do not stack in two rows: the panes
  /// collapse to the focused one and the next (tab brings the others in turn), each the full
  /// height, rather than four truncated ones.
  static let stackedHeight = 30

  /// The panes drawn and where (below Replay's progress row): the visible panes, or, when the
  /// area is too low to stack them (`stackedHeight`), the focused pane and the next visible one.
  static func panes(_ model: WorkbenchModel, in body: Rect) -> [(pane: Pane, rect: Rect)] {
    var area = body
    if model.replay != nil, model.screen == .replay {
      area = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
    }
    var shown = Pane.allCases.filter { model.panes.contains($0) }
    if shown.count > 2 && area.height < stackedHeight {
      let i = shown.firstIndex(of: model.focus) ?? 0
      let pair = [shown[i], shown[(i + 1) % shown.count]]
      shown = shown.filter(pair.contains)
    }
    return Array(zip(shown, layout(shown.count, in: area))).map { ($0.0, $0.1) }
  }

  /// How many visible panes are collapsed away (not drawn) at this size.
  static func collapsed(_ model: WorkbenchModel, in body: Rect) -> Int {
    model.panes.count - panes(model, in: body).count
  }

  /// One to four panes: full, side by side, two over one, two by two.
  static func layout(_ n: Int, in r: Rect) -> [Rect] {
    switch n {
    case 0: return []
    case 1: return [r]
    case 2: return r.splitHorizontally([.fill(1), .fill(1)])
    default:
      let rows = r.splitVertically([.fill(1), .fill(1)])
      let top = rows[0].splitHorizontally([.fill(1), .fill(1)])
      let bottom = n == 3 ? [rows[1]] : rows[1].splitHorizontally([.fill(1), .fill(1)])
      return top + bottom
    }
  }

  static func progress(_ r: ReplaySession, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let label = " step \(r.cursor) of \(r.lastStep) "
    let barWidth = max(0, rect.width - label.count - 2)
    let filled = r.lastStep > 0 ? Int(Double(barWidth) * Double(r.cursor) / Double(r.lastStep)) : barWidth
    p.write(&grid, String(repeating: p.ascii ? "=" : "━", count: filled), rect.x + 1, rect.y, Style(fg: .magenta), clip: rect)
    p.write(&grid, String(repeating: p.ascii ? "-" : "─", count: barWidth - filled), rect.x + 1 + filled, rect.y, Style(dim: true), clip: rect)
    p.write(&grid, label, rect.x + 1 + barWidth, rect.y, Style(bold: true), clip: rect)
  }

  static func cut(_ h: MetricsHistory, _ cutoff: Int?) -> [(x: Double, y: Double)] {
    cutoff.map { h.upTo(step: $0) } ?? h.points
  }

  static func loss(_ m: WorkbenchModel, _ run: RunView, _ cutoff: Int?, _ p: Painter, _ rect: Rect, _ focused: Bool, _ grid: inout Grid) {
    let train = cut(run.loss, cutoff)
    let val = cut(run.valLoss, cutoff)
    var title = "Loss"
    if let last = train.last?.y { title += "  \(Format.number(last))" }
    if let v = val.last?.y { title += "  val \(Format.number(v))" }
    if let a = cut(run.accuracy, cutoff).last?.y { title += "  acc \(String(format: "%.1f%%", 100 * a))" }
    title += "  · " + (m.logY ? "log-y" : "linear y") + (m.smoothing > 0 ? " · smooth \(Format.number(m.smoothing))" : "")
    let inner = p.box(&grid, rect, title, focused: focused)
    let readout = m.chartCursor.map { ChartReadout.text([("train", train), ("val", val)], at: $0, smoothing: m.smoothing) }
    let chart = LineChart(
      series: [LineSeries(name: "train", points: train, color: .cyan), LineSeries(name: "val", points: val, color: .yellow)],
      title: readout ?? "", logY: m.logY, smoothing: m.smoothing, mode: p.mode)
    chart.render(in: inner, into: &grid)
  }

  static func gradients(_ m: WorkbenchModel, _ run: RunView, _ cutoff: Int?, _ p: Painter, _ rect: Rect, _ focused: Bool, _ grid: inout Grid) {
    let global = cut(run.gradNorm, cutoff)
    let inner = p.box(&grid, rect, "Gradient norms" + (global.last.map { "  ‖g‖ \(Format.number($0.y))" } ?? ""), focused: focused)
    let rows = min(run.byParameter.count, max(0, inner.height - 4))
    let parts = inner.splitVertically([.fill(1), .length(rows)])
    LineChart(series: [LineSeries(name: "global", points: global, color: .green)], title: "", logY: m.logY, mode: p.mode, showLegend: false)
      .render(in: parts[0], into: &grid)
    // The names' column fits the longest name where the pane allows (two fifths of it at most).
    let longest = run.byParameter.prefix(rows).map { $0.name.count }.max() ?? 0
    let nameWidth = min(longest + 1, max(8, inner.width * 2 / 5))
    for (i, entry) in run.byParameter.prefix(rows).enumerated() {
      let y = parts[1].y + i
      let values = cut(entry.history, cutoff).map(\.y)
      p.write(&grid, p.middle(entry.name, nameWidth - 1), parts[1].x, y, Style(dim: true), clip: parts[1])
      let last = values.last.map(Format.number) ?? "-"
      let lastWidth = 9
      Sparkline(values: values, style: Style(fg: Painter.palette[i % Painter.palette.count]), mode: p.mode)
        .render(in: Rect(x: parts[1].x + nameWidth, y: y, width: max(0, parts[1].width - nameWidth - lastWidth), height: 1), into: &grid)
      p.write(&grid, last, parts[1].maxX - lastWidth + 1, y, .plain, clip: parts[1])
    }
  }

  static func heatmap(_ m: WorkbenchModel, _ run: RunView, _ cutoff: Int?, _ p: Painter, _ rect: Rect, _ focused: Bool, _ grid: inout Grid) {
    let rows = run.throughTime.filter { $0.step <= (cutoff ?? .max) }
    // The title's longest form that fits the pane.
    let titles = ["‖∂L/∂h_k‖: time step k →, training step ↓", "‖∂L/∂h_k‖: k →, training step ↓", "‖∂L/∂h_k‖: k →, step ↓"]
    let inner = p.box(&grid, rect, titles.first { p.text($0).count + 6 <= rect.width } ?? titles[titles.count - 1], focused: focused)
    guard let first = rows.first, let last = rows.last else {
      p.write(&grid, "no gradient diagnostics yet (every \(run.config.diagnosticsEvery) steps)", inner.x + 1, inner.y, Style(dim: true), clip: inner)
      return
    }
    let k = first.values.count
    Heatmap(
      values: rows.map(\.values), title: "", logScale: true, mode: p.mode, depth: p.depth,
      xRange: 1...Double(max(k, 2)), yRange: Double(first.step)...Double(last.step), integerLabels: true)
      .render(in: inner, into: &grid)
  }

  static func eigen(_ m: WorkbenchModel, _ run: RunView, _ cutoff: Int?, _ p: Painter, _ rect: Rect, _ focused: Bool, _ grid: inout Grid) {
    let e = run.eigen(upTo: cutoff)
    let map = m.showMap || run.picture == nil
    var title = map ? "One-step map eigenvalues, unit circle" : "ε·λ(∂F/∂S) over \(run.picture?.title(" ≤ 1") ?? "R(z) ≤ 1")"
    if let e { title += "  @\(e.step)" }
    let inner = p.box(&grid, rect, title, focused: focused)
    guard let e else {
      p.write(&grid, "no eigen diagnostics yet (every \(run.config.diagnosticsEvery) steps)", inner.x + 1, inner.y, Style(dim: true), clip: inner)
      return
    }
    let headroom = e.headroom.isInfinite ? "∞" : Format.number(e.headroom)
    // The norms and the headroom on one line, or on two where the pane is narrow.
    let facts = ["‖M₀‖₂ \(Format.number(e.spectralNorm))  ‖map‖₂ \(Format.number(e.mapNorm))", "ε room ×\(headroom)"]
    let footer = p.text(facts.joined(separator: "  ")).count < inner.width - 1 ? [facts.joined(separator: "  ")] : facts
    let parts = inner.splitVertically([.fill(1), .length(footer.count)])
    if map {
      let r = max(1.2, (e.map.map(\.length).max() ?? 1) * 1.1)
      ComplexPlanePlot(
        re: -r...r, im: -r...r, region: { $0.length <= 1 }, points: e.map, showUnitCircle: true,
        insideLabel: "|μ|≤1", outsideLabel: "|μ|>1", mode: p.mode, depth: p.depth)
        .render(in: parts[0], into: &grid)
    } else if let picture = run.picture {
      let fn = picture.function
      let w = picture.window(including: e.field)
      ComplexPlanePlot(re: w.re, im: w.im, region: { fn.isStable($0) }, points: e.field, mode: p.mode, depth: p.depth)
        .render(in: parts[0], into: &grid)
    }
    for (i, line) in footer.enumerated() {
      p.write(&grid, line, parts[1].x + 1, parts[1].y + i, e.headroom < 1 || e.mapNorm > 1 ? Style(fg: .yellow) : Style(dim: true), clip: parts[1])
    }
  }
}
