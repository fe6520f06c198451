import TerminalGrid

/// The compared runs' effective configs side by side (`d` on Sessions): one row per config
/// key, one column per run in its overlay colour, the keys whose values differ marked `≠`
/// and their values highlighted. When the keys do not all fit, the equal ones are hidden
/// first (a last line says how many).
enum ConfigCompareView {
  static func render(_ model: WorkbenchModel, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let runs = Workbench.drawnRuns(model)
    let comparison = RunComparison(runs)
    let title = "Configs of \(runs.count) run\(runs.count == 1 ? "" : "s"): \(comparison.differing.count) key\(comparison.differing.count == 1 ? " differs" : "s differ")"
    let inner = p.box(&grid, rect, title, focused: true)
    guard !runs.isEmpty else {
      p.write(&grid, "no session selected", inner.x + 1, inner.y, Style(dim: true), clip: inner)
      return
    }
    let keyWidth = min(28, (comparison.keys.map(\.count).max() ?? 0) + 3)
    let columnWidth = max(6, (inner.width - keyWidth) / runs.count)
    for (i, run) in runs.enumerated() {
      let color = model.overlay.isEmpty ? p.runColor(0) : p.runColor(model.overlay.firstIndex(of: run.file) ?? 0)
      let label = p.middle(comparison.label(run), columnWidth - 1)
      p.write(&grid, label, inner.x + keyWidth + i * columnWidth, inner.y, Style(fg: color, bold: true), clip: inner)
    }
    let room = inner.height - 1
    var keys = comparison.keys
    var hidden = 0
    if keys.count > room {
      keys = keys.filter(comparison.differing.contains)
      hidden = comparison.keys.count - keys.count
      keys = Array(keys.prefix(max(0, room - 1)))
    }
    for (row, key) in keys.enumerated() {
      let y = inner.y + 1 + row
      let differs = comparison.differing.contains(key)
      let mark = differs ? "≠ " : "  "
      p.write(&grid, mark + p.middle(key, keyWidth - 3), inner.x, y, differs ? Style(fg: .yellow, bold: true) : Style(dim: true), clip: inner)
      for (i, run) in runs.enumerated() {
        let value = p.middle(run.setting(key) ?? "—", columnWidth - 1)
        p.write(&grid, value, inner.x + keyWidth + i * columnWidth, y, differs ? Style(fg: .yellow, bold: true) : .plain, clip: inner)
      }
    }
    if hidden > 0 {
      p.write(&grid, "\(hidden) equal keys hidden", inner.x + 2, inner.y + 1 + keys.count, Style(dim: true), clip: inner)
    }
  }
}
