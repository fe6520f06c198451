import Foundation
import TerminalGrid

/// Sessions: the saved runs (filtered, sorted, columns sized to the width) and the curves of
/// the overlaid runs (the selected run when none is), side by side when the terminal is wide
/// and stacked when it is not. Each overlaid run keeps the colour of the order it was picked
/// in; the legend names the config values that tell the runs apart.
enum SessionsScreen {
  static func render(_ model: WorkbenchModel, _ p: Painter, in body: Rect, into grid: inout Grid) {
    if model.showConfigs { return ConfigCompareView.render(model, p, in: body, into: &grid) }
    if model.showSpectra { return SpectraCompareView.render(model, p, in: body, into: &grid) }
    if let file = model.diagnosing { return DiagnosisView.render(model, file: file, p, in: body, into: &grid) }
    let split = areas(body)
    list(model, p, in: split[0], into: &grid)
    curves(model, p, in: split[1], into: &grid)
  }

  /// The list's and the curves' areas: side by side when the terminal is wide, else stacked.
  static func areas(_ body: Rect) -> [Rect] {
    body.width >= 160 ? body.splitHorizontally([.percentage(60), .fill(1)]) : body.splitVertically([.percentage(55), .fill(1)])
  }

  /// The list's rows inside its box: the area (header row first, the filter line excluded),
  /// and the index in `visibleSessions` of the first row shown (the selection kept in the
  /// middle). Row `i` below the header shows session `start + i`.
  static func rowLayout(_ model: WorkbenchModel, inner: Rect) -> (rows: Rect, start: Int) {
    var rows = inner
    if model.filtering || !model.sessionFilter.isEmpty { rows.height -= 1 }
    let visibleRows = max(0, rows.height - 1)
    let start = max(0, min(model.sessionIndex - visibleRows / 2, model.visibleSessions.count - visibleRows))
    return (rows, start)
  }

  static func list(_ model: WorkbenchModel, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let visible = model.visibleSessions
    let count = visible.count == model.sessions.count ? "\(visible.count)" : "\(visible.count) of \(model.sessions.count)"
    let inner = p.box(&grid, rect, "Sessions in \(model.sessionsFolder) (\(count))", focused: true)
    let (rows, start) = rowLayout(model, inner: inner)
    if model.filtering || !model.sessionFilter.isEmpty {
      let style = model.filtering ? Style(fg: .yellow, bold: true) : Style(dim: true)
      p.write(&grid, "/" + model.sessionFilter + (model.filtering ? "▏" : ""), inner.x + 1, inner.maxY - 1, style, clip: inner)
    }
    if model.sessions.isEmpty {
      p.write(&grid, "no sessions yet: train one and it is saved here", inner.x + 1, inner.y, Style(dim: true), clip: inner)
      return
    }
    let columns = SessionColumns(visible, status: model.status(of:), width: inner.width - 3, ellipsis: p.ascii ? "..." : "…")
    let arrow = model.sortDescending ? "▼" : "▲"
    let titles = Dictionary(uniqueKeysWithValues: SessionColumn.allCases.map { ($0, $0.title + ($0 == model.sessionSort ? arrow : "")) })
    p.write(&grid, columns.row(titles), inner.x + 3, inner.y, Style(bold: true), clip: rows)
    let visibleRows = max(0, rows.height - 1)
    let statusX = inner.x + 3 + SessionColumn.allCases.prefix { $0 != .status }.reduce(0) { $0 + (columns.widths[$1] ?? 0) }
    for (offset, s) in visible.dropFirst(start).prefix(visibleRows).enumerated() {
      let y = inner.y + 1 + offset
      let selected = start + offset == model.sessionIndex
      if selected { grid.setStyle(Style(reverse: true), in: Rect(x: inner.x, y: y, width: inner.width, height: 1)) }
      if let i = model.overlay.firstIndex(of: s.file) {
        let mark = p.runMarker(i).map { String(Character($0)) } ?? "●"
        p.write(&grid, mark, inner.x + 1, y, Style(fg: p.runColor(i), bold: true, reverse: selected), clip: inner)
      }
      let status = model.status(of: s)
      let values: [SessionColumn: String] = [
        .file: s.name, .cell: s.cell, .task: s.task, .steps: String(s.steps),
        .loss: s.finalLoss.map(Format.number) ?? "-", .status: status,
      ]
      p.write(&grid, columns.row(values), inner.x + 3, y, Style(reverse: selected), clip: rows)
      p.write(&grid, status, statusX, y, Style(fg: color(ofStatus: status), bold: status == "running", reverse: selected), clip: rows)
    }
  }

  /// Finished green, running cyan, stopped yellow, interrupted magenta, diverged red.
  static func color(ofStatus status: String) -> Color {
    switch status {
    case "finished": .green
    case "running": .cyan
    case "stopped": .yellow
    case "diverged": .red
    default: .magenta
    }
  }

  static func curves(_ model: WorkbenchModel, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let runs = Workbench.drawnRuns(model)
    let overlaid = !model.overlay.isEmpty
    let metric = model.overlayMetric
    // Accuracy lives in [0, 1]: a log axis would only stretch its top.
    let logY = model.logY && metric != .accuracy
    let axis = logY ? "log-y" : "linear y"
    let inner = p.box(
      &grid, rect, overlaid ? "\(metric.title), \(runs.count) overlaid · \(axis)" : "\(metric.title) of the selected run · \(axis)")
    let comparison = RunComparison(runs)
    let order = runs.map { run in overlaid ? model.overlay.firstIndex(of: run.file) ?? 0 : 0 }
    let colors = order.map(p.runColor)
    let markers = order.map(p.runMarker)
    // Each entry: `━ label`, or `━+ label` for a run told apart by its marker; labels are
    // shortened in the middle (their first and last settings stay) to the pane's width, or to
    // a half, a third… of it when that is what it takes for every entry to fit the legend's
    // rows (an entry stays at least 16 wide; past that, the last place says how many more).
    let keys = markers.map { "━" + ($0.map { String(Character($0)) } ?? "") + " " }
    let full = runs.map(comparison.label)
    let width = inner.width - 1
    let maxRows = max(1, inner.height / 3)
    var labels: [String] = []
    var legend: [(row: Int, x: Int)] = []
    for columns in 1...max(1, runs.count) {
      let cap = columns == 1 ? width : width / columns - 2
      guard columns == 1 || cap >= 16 else { break }
      labels = zip(full, keys).map { label, key in p.middle(label, max(1, cap - key.count)) }
      legend = legendLayout(zip(keys, labels).map { $0.count + $1.count }, width: width, maxRows: maxRows)
      if legend.count == runs.count { break }
    }
    let legendRows = legend.last.map { $0.row + 1 } ?? 0
    let chart = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - legendRows)
    let empty = metric == .loss ? "no metrics recorded" : "no \(metric.title.lowercased()) recorded"
    LineChart(
      series: runs.indices.map { i in
        LineSeries(name: runs[i].name, points: model.curves[runs[i].file]?.history(metric).points ?? [], color: colors[i], marker: markers[i])
      },
      title: "", logY: logY, mode: p.mode, showLegend: false, emptyMessage: runs.isEmpty ? "no session selected" : empty
    )
    .render(in: chart, into: &grid)
    for (i, place) in legend.enumerated() {
      let y = chart.maxY + place.row
      if i == legend.count - 1 && runs.count > legend.count {
        p.write(&grid, "+\(runs.count - i) more", inner.x + 1 + place.x, y, Style(dim: true), clip: inner)
        break
      }
      p.write(&grid, keys[i], inner.x + 1 + place.x, y, Style(fg: colors[i], bold: true), clip: inner)
      p.write(&grid, labels[i], inner.x + 1 + keys[i].count + place.x, y, .plain, clip: inner)
    }
  }

  /// Where each legend entry goes: left to right, wrapping onto at most `maxRows` rows, two
  /// spaces apart; the entries that do not fit are left out (the last place shown then says
  /// how many more there are).
  static func legendLayout(_ widths: [Int], width: Int, maxRows: Int) -> [(row: Int, x: Int)] {
    var places: [(row: Int, x: Int)] = []
    var row = 0
    var x = 0
    for w in widths {
      if x > 0 && x + w > width {
        row += 1
        x = 0
      }
      if row >= maxRows { break }
      places.append((row, x))
      x += w + 2
    }
    return places
  }
}
