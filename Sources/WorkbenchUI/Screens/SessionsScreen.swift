import Foundation
import TerminalGrid

/// Sessions: the saved runs on the left, their loss curves overlaid on the right in stable
/// colours (the selected run when none is overlaid).
enum SessionsScreen {
  static func render(_ model: WorkbenchModel, _ p: Painter, in body: Rect, into grid: inout Grid) {
    let columns = body.splitHorizontally([.percentage(55), .fill(1)])
    let inner = p.box(&grid, columns[0], "Sessions in ./sessions (\(model.sessions.count))", focused: true)
    if model.sessions.isEmpty {
      p.write(&grid, "no sessions yet: train one and it is saved here", inner.x + 1, inner.y, Style(dim: true), clip: inner)
    }
    let header = "   file                            cell       task    steps  loss"
    p.write(&grid, header, inner.x, inner.y, Style(bold: true), clip: inner)
    let visibleRows = max(0, inner.height - 1)
    let start = max(0, min(model.sessionIndex - visibleRows / 2, model.sessions.count - visibleRows))
    for (offset, s) in model.sessions.dropFirst(start).prefix(visibleRows).enumerated() {
      let i = start + offset
      let y = inner.y + 1 + offset
      let selected = i == model.sessionIndex
      if selected { grid.setStyle(Style(reverse: true), in: Rect(x: inner.x, y: y, width: inner.width, height: 1)) }
      let mark = model.overlay.contains(s.file) ? "●" : " "
      p.write(&grid, mark, inner.x + 1, y, Style(fg: Painter.color(for: s.file), bold: true, reverse: selected), clip: inner)
      let loss = s.finalLoss.map(Format.number) ?? "-"
      let status = s.status == "finished" ? "" : " \(s.status)"
      let row = String(s.file.prefix(31)).padding(toLength: 32, withPad: " ", startingAt: 0)
        + s.cell.prefix(10).padding(toLength: 11, withPad: " ", startingAt: 0)
        + s.task.prefix(7).padding(toLength: 8, withPad: " ", startingAt: 0)
        + String(s.steps).padding(toLength: 7, withPad: " ", startingAt: 0) + loss + status
      p.write(&grid, row, inner.x + 3, y, selected ? Style(reverse: true) : .plain, clip: inner)
    }
    let shown = model.sessions.filter { model.overlay.contains($0.file) }
    let curves = shown.isEmpty ? Array(model.sessions.dropFirst(model.sessionIndex).prefix(1)) : shown
    let right = p.box(&grid, columns[1], shown.isEmpty ? "Loss of the selected run" : "Loss, \(shown.count) runs overlaid")
    LineChart(
      series: curves.map { LineSeries(name: String($0.file.prefix(18)), points: $0.loss.points, color: Painter.color(for: $0.file)) },
      title: "", logY: model.logY, mode: p.mode, emptyMessage: "no session selected")
      .render(in: right, into: &grid)
  }
}
