import Experiments
import TerminalGrid

/// Experiments: the seed papers' claims (`odernn experiment list`) on the left, each with its
/// last verdict; on the right the selected one's claim and either its progress (each training
/// run's status, steps and loss while it runs) or its result: the table with the findings and
/// the verdict, its charts (the truncation gap against k, the width limit's loss against k/N),
/// or the loss curves of the sessions it trained, overlaid (`v` cycles).
enum ExperimentsScreen {
  /// The list's width: a name (13) and a verdict (8), boxed; below 120 columns a name and a
  /// one-cell verdict (`compact`), so the result keeps the room.
  static func listWidth(_ body: Rect) -> Int { compact(body) ? 18 : 25 }

  static func compact(_ body: Rect) -> Bool { body.width < 120 }

  static func areas(_ body: Rect) -> [Rect] { body.splitHorizontally([.length(listWidth(body)), .fill(1)]) }

  static func render(_ model: WorkbenchModel, _ p: Painter, in body: Rect, into grid: inout Grid) {
    let split = areas(body)
    list(model, p, in: split[0], compact: compact(body), into: &grid)
    detail(model, p, in: split[1], into: &grid)
  }

  /// Verdicts: holds green, not held red, running cyan, error red, not run dim.
  static func style(ofVerdict v: String) -> Style {
    switch v {
    case "holds": Style(fg: .green, bold: true)
    case "not held", "error": Style(fg: .red, bold: true)
    case "running", "stopping": Style(fg: .cyan, bold: true)
    case "stopped": Style(fg: .yellow)
    default: Style(dim: true)
    }
  }

  /// The list's short verdict (8 cells at most).
  static func shortVerdict(_ e: ExperimentsState, _ name: String) -> String {
    switch e.verdict(of: name) {
    case "does not hold": "not held"
    case "failed": "error"
    case let v: v
    }
  }

  /// The one-cell verdict of the compact list: holds `✓`, not held `✗`, running `●`, error
  /// `!`, stopped `○`, not run `·` (ASCII: `+ x * ! o .`).
  static func glyph(_ shortVerdict: String, ascii: Bool) -> String {
    switch shortVerdict {
    case "holds": ascii ? "+" : "✓"
    case "not held": ascii ? "x" : "✗"
    case "running", "stopping": ascii ? "*" : "●"
    case "error": "!"
    case "stopped": ascii ? "o" : "○"
    default: ascii ? "." : "·"
    }
  }

  static func list(_ model: WorkbenchModel, _ p: Painter, in rect: Rect, compact: Bool, into grid: inout Grid) {
    let e = model.experiments
    let inner = p.box(&grid, rect, "Experiments", focused: true)
    if e.catalog.isEmpty {
      p.write(&grid, "reading…", inner.x + 1, inner.y, Style(dim: true), clip: inner)
      return
    }
    for (i, x) in e.catalog.enumerated() where i < inner.height {
      let y = inner.y + i
      let selected = i == e.index
      if selected { grid.setStyle(Style(reverse: true), in: Rect(x: inner.x, y: y, width: inner.width, height: 1)) }
      p.write(&grid, x.name, inner.x + 1, y, Style(bold: selected, reverse: selected), clip: inner)
      let v = shortVerdict(e, x.name)
      var s = style(ofVerdict: v)
      s.reverse = selected
      let shown = compact ? glyph(v, ascii: p.ascii) : v
      p.write(&grid, shown, inner.maxX - shown.count, y, s, clip: inner)
    }
    let hint = compact ? (e.quick ? "quick (f)" : "FULL (f)") : (e.quick ? "quick (f: full)" : "FULL (f: quick)")
    if inner.height > e.catalog.count + 1 {
      p.write(&grid, hint, inner.x + 1, inner.maxY - 1, e.quick ? Style(dim: true) : Style(fg: .yellow, bold: true), clip: inner)
    }
  }

  static func detail(_ model: WorkbenchModel, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let e = model.experiments
    guard let x = e.selected else {
      _ = p.box(&grid, rect, "Experiment")
      return
    }
    let saved = e.saved[x.name]
    let running = e.running?.name == x.name ? e.running : nil
    let what =
      running.map { $0.quick ? "running, quick" : "running, full" }
      ?? e.failures[x.name].map { if case .stopped = $0 { "stopped" } else { "failed" } }
      ?? saved.map { ($0.report.quick ? "quick" : "full") + " · \(e.view.title)" } ?? "not run"
    let inner = p.box(&grid, rect, "\(x.name) · \(what)")
    var y = inner.y
    // The claim in at most a quarter of the box; cut short, it ends with `…`.
    let claim = Paragraph.wrapped("claim: " + p.text(x.claim), width: max(1, inner.width - 3), style: Style(dim: true))
    let claimRows = min(claim.count, max(1, inner.height / 4))
    var shownClaim = Array(claim.prefix(claimRows))
    if claim.count > claimRows, let last = shownClaim.last?.first {
      shownClaim[claimRows - 1] = [Span(last.text + p.text("…"), style: last.style)]
    }
    Paragraph(lines: shownClaim, mode: p.mode).render(in: Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: claimRows), into: &grid)
    y += claimRows + 1
    let rest = Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: max(0, inner.maxY - y))
    if let running {
      return progress(running, p, in: rest, into: &grid)
    }
    if let failure = e.failures[x.name] {
      let style = if case .stopped = failure { Style(fg: .yellow, bold: true) } else { Style(fg: .red, bold: true) }
      let lines = Paragraph.wrapped("last run: " + p.text(failure.text), width: max(1, rest.width), style: style)
      Paragraph(lines: lines, mode: p.mode).render(in: rest, into: &grid)
      return
    }
    guard let saved else {
      let how = e.quick ? "the quick version (within 3 minutes on 2 cores)" : "the full version (within 20 minutes)"
      let lines = Paragraph.wrapped("not run yet: Enter runs \(how); f switches", width: max(1, rest.width), style: Style(dim: true))
      Paragraph(lines: lines, mode: p.mode).render(in: rest, into: &grid)
      return
    }
    let r = saved.report
    let verdict = r.holds ? "the claim holds" : "the claim does not hold"
    let end = p.write(&grid, verdict, rest.x, rest.y, Style(fg: r.holds ? .green : .red, bold: true), clip: rest)
    p.write(&grid, "  " + SessionColumns.middle(saved.folder, max(1, rest.maxX - end - 2)), end, rest.y, Style(dim: true), clip: rest)
    let below = Rect(x: rest.x, y: rest.y + 2, width: rest.width, height: max(0, rest.height - 2))
    switch e.view {
    case .table: table(r, scroll: e.scroll, p, in: below, into: &grid)
    case .charts: charts(r.charts, p, in: below, into: &grid)
    case .curves: curves(model, r.sessions, p, in: below, into: &grid)
    }
  }

  /// The running experiment: what it does now, then a row per training run.
  static func progress(_ r: RunningExperiment, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let activity = r.stopping ? "stopping: each run keeps a final checkpoint…" : (r.progress.activity.isEmpty ? "starting…" : r.progress.activity)
    p.write(&grid, activity, rect.x, rect.y, Style(fg: .cyan), clip: rect)
    let runs = r.progress.runs
    guard !runs.isEmpty else { return }
    let done = runs.filter { !["waiting", "running"].contains($0.status) }.count
    p.write(&grid, "\(done) of \(runs.count) runs done", rect.x, rect.y + 1, Style(dim: true), clip: rect)
    // The label last: a long one is cut, never the status, steps or loss.
    let rows = TextTable(
      columns: ["status", "steps", "loss", "run"],
      rows: runs.map { [.string($0.status), .number(Double($0.steps)), $0.loss.map { .number($0) } ?? .null, .string($0.label)] }
    ).text.split(separator: "\n").map(String.init)
    let area = Rect(x: rect.x, y: rect.y + 3, width: rect.width, height: max(0, rect.height - 3))
    // Keep the first running (or waiting) run in sight.
    let focus = runs.firstIndex { $0.status == "running" } ?? runs.firstIndex { $0.status == "waiting" } ?? 0
    let start = max(0, min(focus - (area.height - 2) / 2, runs.count - (area.height - 2)))
    for (i, line) in ([rows[0]] + rows.dropFirst(2 + start)).prefix(area.height).enumerated() {
      let status = i == 0 ? nil : runs[start + i - 1].status
      let style: Style = i == 0 ? Style(bold: true) : status == "running" ? Style(fg: .cyan) : status == "failed" ? Style(fg: .red) : .plain
      p.write(&grid, line, area.x, area.y + i, style, clip: area)
    }
  }

  /// The results table from row `scroll` on, then the findings, wrapped; a table wider than
  /// the area says how many columns it hides.
  static func table(_ r: ExperimentReport, scroll: Int, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let lines = TextTable(columns: r.columns, rows: r.rows).text.split(separator: "\n").map(String.init)
    let findings = r.findings.flatMap { Paragraph.wrapped("- " + p.text($0), width: max(1, rect.width)) }
    let tableRows = max(2, rect.height - min(findings.count, rect.height / 3) - 1)
    let body = Array(lines.dropFirst(2))
    let first = min(scroll, max(0, body.count - (tableRows - 2)))
    let shown = Array(lines.prefix(2)) + body.dropFirst(first).prefix(tableRows - 2)
    for (i, line) in shown.enumerated() {
      p.write(&grid, line, rect.x, rect.y + i, i == 0 ? Style(bold: true) : .plain, clip: rect)
    }
    var y = rect.y + shown.count
    let hidden = body.count - first - (shown.count - 2)
    let wide = (lines.first.map { p.text($0).count } ?? 0) > rect.width
    if hidden > 0 || first > 0 || wide {
      var note: [String] = []
      if first > 0 || hidden > 0 { note.append("rows \(first + 1)–\(first + shown.count - 2) of \(body.count) (PgUp/PgDn)") }
      if wide { note.append("cut: the CLI prints all") }
      p.write(&grid, note.joined(separator: "; "), rect.x, y, Style(dim: true), clip: rect)
      y += 1
    }
    Paragraph(lines: findings, mode: p.mode).render(in: Rect(x: rect.x, y: y, width: rect.width, height: max(0, rect.maxY - y)), into: &grid)
  }

  /// The report's charts, stacked (side by side when there is room for two 60 wide).
  static func charts(_ charts: [ExperimentChart], _ p: Painter, in rect: Rect, into grid: inout Grid) {
    guard !charts.isEmpty else {
      p.write(&grid, "this experiment's result is its table (v cycles the views)", rect.x, rect.y, Style(dim: true), clip: rect)
      return
    }
    let perRow = rect.width >= 120 ? 2 : 1
    let rowsOfCharts = (charts.count + perRow - 1) / perRow
    let shownRows = max(1, min(rowsOfCharts, rect.height / 10))
    let bands = rect.splitVertically(Array(repeating: .fill(1), count: shownRows))
    for (r, band) in bands.enumerated() {
      let cells = band.splitHorizontally(Array(repeating: .fill(1), count: perRow), spacing: 3)
      for (c, cell) in cells.enumerated() where r * perRow + c < charts.count {
        chart(charts[r * perRow + c], p, in: cell, into: &grid)
      }
    }
    if shownRows < rowsOfCharts {
      p.write(&grid, "+\((rowsOfCharts - shownRows) * perRow) charts below: a taller terminal shows them", rect.x, rect.maxY - 1, Style(dim: true), clip: rect)
    }
  }

  /// One chart: its title, the lines, and a legend of coloured keys under it.
  static func chart(_ c: ExperimentChart, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let xLabel = "x: " + p.text(c.xLabel)
    let titleRoom = Rect(x: rect.x, y: rect.y, width: max(0, rect.width - xLabel.count - 1), height: 1)
    p.write(&grid, c.title + (c.logY ? " · log-y" : ""), rect.x, rect.y, Style(bold: true), clip: titleRoom)
    let names = c.series.map { p.text($0.name) }
    // `━ name`, or `━+ name` past the palette, where a marker tells the series apart.
    let keys = c.series.indices.map { i in "━" + (p.runMarker(i).map { String(Character($0)) } ?? "") + " " }
    let legend = SessionsScreen.legendLayout(zip(keys, names).map { $0.count + $1.count }, width: rect.width, maxRows: max(1, rect.height / 4))
    let legendRows = legend.last.map { $0.row + 1 } ?? 0
    let plot = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: max(0, rect.height - 1 - legendRows))
    LineChart(
      series: c.series.indices.map { i in
        LineSeries(name: names[i], points: c.series[i].points.map { ($0.x, $0.y) }, color: p.runColor(i), marker: p.runMarker(i))
      },
      title: "", logY: c.logY, mode: p.mode, showLegend: false, emptyMessage: "no points"
    ).render(in: plot, into: &grid)
    for (i, place) in legend.enumerated() {
      let y = plot.maxY + place.row
      if i == legend.count - 1 && c.series.count > legend.count {
        p.write(&grid, "+\(c.series.count - i) more", rect.x + place.x, y, Style(dim: true), clip: rect)
        break
      }
      p.write(&grid, keys[i], rect.x + place.x, y, Style(fg: p.runColor(i), bold: true), clip: rect)
      p.write(&grid, names[i], rect.x + place.x + keys[i].count, y, .plain, clip: rect)
    }
    p.write(&grid, xLabel, rect.maxX - xLabel.count, rect.y, Style(dim: true), clip: rect)
  }

  /// The training loss of the experiment's sessions, overlaid (as the Sessions screen's `m`
  /// overlay), labelled by each session's sweep point.
  static func curves(_ model: WorkbenchModel, _ sessions: [String], _ p: Painter, in rect: Rect, into grid: inout Grid) {
    guard !sessions.isEmpty else {
      p.write(&grid, "this experiment trains no sessions: its result is computed (v cycles the views)", rect.x, rect.y, Style(dim: true), clip: rect)
      return
    }
    let series = sessions.enumerated().map { i, path in
      let name = path.split(separator: "/").last.map { String($0.dropLast(".session".count)) } ?? path
      return ExperimentChart.Series(
        name: name, points: model.curves[path]?.history(.loss).points.map { ExperimentChart.Point($0.x, $0.y) } ?? [])
    }
    let loaded = sessions.filter { model.curves[$0] != nil }.count
    let title = loaded < sessions.count ? "training loss, \(loaded) of \(sessions.count) sessions read…" : "training loss of its \(sessions.count) sessions"
    chart(ExperimentChart(title: title, xLabel: "step", logY: model.logY, series: series), p, in: rect, into: &grid)
  }
}
