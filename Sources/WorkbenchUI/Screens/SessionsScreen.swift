import Foundation
import TerminalGrid

/// Sessions: the saved runs on the left, their loss curves overlaid on the right in stable
/// colours (the selected run when none is overlaid).
enum SessionsScreen {
  static func render(_ model: WorkbenchModel, _ p: Painter, in body: Rect, into grid: inout Grid) {
    let split = body.splitHorizontally([.percentage(64), .fill(1)])
    let inner = p.box(&grid, split[0], "Sessions in ./sessions (\(model.sessions.count))", focused: true)
    if model.sessions.isEmpty {
      p.write(&grid, "no sessions yet: train one and it is saved here", inner.x + 1, inner.y, Style(dim: true), clip: inner)
    }
    let fileWidth = max(8, inner.width - 36)
    func columns(_ file: String, _ cell: String, _ task: String, _ steps: String, _ loss: String) -> String {
      String(file.prefix(fileWidth - 1)).padding(toLength: fileWidth, withPad: " ", startingAt: 0)
        + cell.prefix(10).padding(toLength: 11, withPad: " ", startingAt: 0)
        + task.prefix(7).padding(toLength: 8, withPad: " ", startingAt: 0)
        + steps.padding(toLength: 6, withPad: " ", startingAt: 0) + loss
    }
    if !model.sessions.isEmpty {
      p.write(&grid, columns("file", "cell", "task", "steps", "loss"), inner.x + 3, inner.y, Style(bold: true), clip: inner)
    }
    let visibleRows = max(0, inner.height - 1)
    let start = max(0, min(model.sessionIndex - visibleRows / 2, model.sessions.count - visibleRows))
    for (offset, s) in model.sessions.dropFirst(start).prefix(visibleRows).enumerated() {
      let i = start + offset
      let y = inner.y + 1 + offset
      let selected = i == model.sessionIndex
      if selected { grid.setStyle(Style(reverse: true), in: Rect(x: inner.x, y: y, width: inner.width, height: 1)) }
      let mark = model.overlay.contains(s.file) ? "●" : " "
      p.write(&grid, mark, inner.x + 1, y, Style(fg: Painter.color(for: s.file), bold: true, reverse: selected), clip: inner)
      let name = s.file.hasSuffix(".session") ? String(s.file.dropLast(8)) : s.file
      let loss = (s.finalLoss.map(Format.number) ?? "-") + (s.status == "finished" ? "" : " \(s.status)")
      p.write(&grid, columns(name, s.cell, s.task, String(s.steps), loss), inner.x + 3, y, selected ? Style(reverse: true) : .plain, clip: inner)
    }
    let shown = model.sessions.filter { model.overlay.contains($0.file) }
    let curves = shown.isEmpty ? Array(model.sessions.dropFirst(model.sessionIndex).prefix(1)) : shown
    let right = p.box(&grid, split[1], shown.isEmpty ? "Loss of the selected run" : "Loss, \(shown.count) overlaid")
    LineChart(
      series: curves.map { LineSeries(name: String($0.file.prefix(18)), points: $0.loss.points, color: Painter.color(for: $0.file)) },
      title: "", logY: model.logY, mode: p.mode, emptyMessage: "no session selected")
      .render(in: right, into: &grid)
  }
}
