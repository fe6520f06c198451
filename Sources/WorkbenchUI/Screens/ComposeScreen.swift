import Foundation
import TerminalGrid
import ODECells
import Tableaux
import Training

/// Compose: the fields on the left; the tableau (or its editor), the derived facts, and the
/// stability region with the initial weights' ε-scaled spectrum on the right.
enum ComposeScreen {
  static func render(_ model: WorkbenchModel, _ p: Painter, in body: Rect, into grid: inout Grid) {
    let columns = areas(body)
    fields(model, p, in: columns[0], into: &grid)
    let drawn = panes(model, in: columns[1])
    for (pane, rect) in drawn {
      switch pane {
      case .facts:
        if let editor = model.editor {
          TableauEditorView.render(editor, p, in: rect, into: &grid)
        } else {
          facts(model, p, in: rect, into: &grid)
        }
      case .region: region(model, p, in: rect, into: &grid)
      }
    }
    // The collapsed pane is named on the drawn one's bottom border, as Train names its own.
    if drawn.count == 1, let (pane, rect) = drawn.first {
      let note = " +1 pane (\(pane == .facts ? "region" : "tableau")): v "
      p.write(&grid, note, rect.maxX - note.count - 1, rect.maxY - 1, Style(fg: .yellow), clip: rect)
    }
  }

  /// Compose's right-hand panes: the tableau (or its editor) with the derived facts, and the
  /// stability region with the spectrum.
  enum RightPane { case facts, region }

  /// The right-hand panes drawn and where: both, stacked, when the area is at least
  /// `TrainScreen.stackedHeight` rows (the height below which Train's panes collapse too);
  /// else one at the full height, the region when `model.showRegion` (`v`) and the tableau
  /// editor is closed, the facts otherwise.
  static func panes(_ model: WorkbenchModel, in area: Rect) -> [(pane: RightPane, rect: Rect)] {
    guard area.height < TrainScreen.stackedHeight else {
      let halves = area.splitVertically([.percentage(50), .fill(1)])
      return [(.facts, halves[0]), (.region, halves[1])]
    }
    return [(model.showRegion && model.editor == nil ? .region : .facts, area)]
  }

  /// The field list's area and the rest (tableau and region).
  static func areas(_ body: Rect) -> [Rect] { body.splitHorizontally([.length(min(44, body.width / 2)), .fill(1)]) }

  /// The field list's rows: section titles (no field), blank separators and fields, and the
  /// index of the first row shown (the selection kept in the middle) for `height` rows.
  static func rows(_ model: WorkbenchModel, height: Int) -> (rows: [(field: ConfigField?, text: String)], first: Int) {
    var rows: [(field: ConfigField?, text: String)] = []
    for f in model.draft.fields {
      if f.section != rows.last(where: { $0.field != nil })?.field?.section {
        if !rows.isEmpty { rows.append((nil, "")) }
        rows.append((nil, f.section))
      }
      rows.append((f, f.label))
    }
    let selectedRow = rows.firstIndex { $0.field?.key == model.field.key } ?? 0
    return (rows, max(0, min(selectedRow - height / 2, rows.count - height)))
  }

  /// The field list's inside below its box title and above its notes, and the notes' lines:
  /// why the draft cannot train (red), then what the live run's task warned of while the
  /// draft has that same task (yellow; its data are the draft's), each at most three wrapped
  /// lines, a note left out when the list is down to four rows.
  static func layoutList(_ model: WorkbenchModel, box: Rect) -> (inner: Rect, notes: [[Span]]) {
    var inner = box
    var shown: [[Span]] = []
    var notes: [(String, Style)] = []
    if let problem = model.draft.problem { notes.append((problem, Style(fg: .red, bold: true))) }
    if let live = model.live, live.view.config.task == model.draft.config.normalized.task, let warning = live.warnings.first {
      notes.append(("warning: \(warning)", Style(fg: .yellow)))
    }
    let groups = notes.map { Array(Paragraph.wrapped($0.0, width: box.width - 1, style: $0.1).prefix(3)) }
    for lines in groups where inner.height > 4 {
      inner.height -= lines.count
      shown += lines
    }
    return (inner, shown)
  }

  /// The field list's inside below its box title, above the notes at its foot.
  static func listInside(_ model: WorkbenchModel, box: Rect) -> Rect { layoutList(model, box: box).inner }

  /// The field list (the config fields that apply to the draft, under their sections),
  /// scrolled so that the selected field is visible, with the notes (`layoutList`) on the
  /// last lines.
  static func fields(_ model: WorkbenchModel, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let box = p.box(&grid, rect, "Compose", focused: model.editor == nil)
    let (inner, notes) = layoutList(model, box: box)
    if !notes.isEmpty {
      Paragraph(lines: notes, mode: p.mode).render(in: Rect(x: box.x + 1, y: inner.maxY, width: box.width - 1, height: notes.count), into: &grid)
    }
    let height = max(1, inner.height)
    let (rows, first) = Self.rows(model, height: height)
    for (offset, row) in rows.dropFirst(first).prefix(height).enumerated() {
      let y = inner.y + offset
      guard let f = row.field else {
        p.write(&grid, row.text, inner.x + 1, y, Style(fg: .cyan, bold: true), clip: inner)
        continue
      }
      let selected = f.key == model.field.key && model.editor == nil
      let style = selected ? Style(reverse: true) : .plain
      if selected { grid.setStyle(style, in: Rect(x: inner.x, y: y, width: inner.width, height: 1)) }
      p.write(&grid, "  " + f.label, inner.x, y, style, clip: inner)
      // A value wider than its column (a long path) is shortened in the middle, so both its
      // start and its file name stay; typed text keeps its end (where the cursor is) in sight.
      let room = max(1, inner.width - 22 - 1)
      var value = p.middle(model.draft.text(ComposeField(f.key)), room)
      if selected, let typed = model.typing { value = String(p.text(typed + "_").suffix(room)) }
      p.write(&grid, value, inner.x + 22, y, selected ? Style(bold: true, reverse: true) : Style(bold: true), clip: inner)
    }
    if first > 0 { p.write(&grid, "↑", inner.maxX - 1, inner.y, Style(dim: true), clip: inner) }
    if first + height < rows.count { p.write(&grid, "↓", inner.maxX - 1, inner.maxY - 1, Style(dim: true), clip: inner) }
  }

  static func facts(_ model: WorkbenchModel, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let cell = model.draft.config.cell
    let pv = model.preview
    let inner = p.box(&grid, rect, cell.kind == .ode ? "Tableau \(cell.tableau.name)" : "Baseline \(cell.kind.rawValue)")
    var diagram: [String] = []
    if cell.kind == .ode { diagram = fittingDiagram(cell.tableau, width: inner.width - 1) }
    var lines: [(String, Style)] = []
    if let kind = BaselineKind(cell.kind) {
      // A gated baseline has no order and one evaluation per step: its gates and state matter.
      let gates = kind == .lstm ? "input, forget, cell, output" : "reset, update, new"
      lines.append(("\(pv.label)   \(kind.gates) gates (\(gates))   params \(Format.thousands(pv.parameterCount))", Style(bold: true)))
      let state = kind == .lstm ? "h and c" : "h"
      lines.append(("state \(state), H = \(cell.hiddenSize) each   weight_hh [\(kind.gates * cell.hiddenSize), \(cell.hiddenSize)]", .plain))
    } else {
      lines.append(("\(pv.label)   order \(pv.order)   f-evals/step \(pv.fieldEvaluationsText)   params \(Format.thousands(pv.parameterCount))", Style(bold: true)))
    }
    // (A run that does not fit is refused when it starts, with this estimate and what is free.)
    if let memory = pv.memory { lines.append(("memory ≈ \(MemoryEstimate.format(memory.total))", Style(dim: true))) }
    if cell.kind == .ode {
      let t = cell.tableau
      let real = t.realInterval.map { "[\(Format.number($0)), 0]" } ?? "unbounded"
      let imag = t.imagRadius.map { Format.number($0) } ?? "unbounded"
      lines.append(("real interval \(real)   imag radius \(imag)\(t.isAStable ? "   A-stable" : "")", .plain))
      if cell.isImplicit {
        switch cell.solver {
        case .jacobi: lines.append(("integrates with \(cell.stabilityFunctionName), not the tableau's R(z)", Style(fg: .yellow)))
        case .newton: lines.append(("integrates with the tableau's own R(z) (newton)", .plain))
        }
        for line in pv.cost?.lines ?? [] { lines.append((line, Style(dim: true))) }
      }
    }
    // A fact line wider than the pane breaks between its facts (at their three-space gaps),
    // and a single fact wider than the pane between its words (continued two spaces in).
    let facts = lines.flatMap { line in wrapAtGaps(line.0, width: inner.width - 1).map { ($0, line.1) } }
    // When the pane is short, the blank line under the diagram goes first, then the
    // diagram's `c │ A` heading and the rule under it, then the rule above `b` (the column
    // rule `│` still sets `c` apart).
    if diagram.count + facts.count > inner.height && diagram.count > 3 { diagram.removeFirst(2) }
    if diagram.count + facts.count > inner.height && diagram.count > 2 { diagram.remove(at: diagram.count - 2) }
    let gap = !diagram.isEmpty && diagram.count + 1 + facts.count <= inner.height
    let wrapped = diagram.map { ($0, Style.plain) } + (gap ? [("", .plain)] : []) + facts
    for (i, (text, style)) in wrapped.prefix(inner.height).enumerated() {
      p.write(&grid, text, inner.x + 1, inner.y + i, style, clip: inner)
    }
  }

  /// The Butcher diagram's lines, its decimals rounded to fewer digits (17, 6, 4, then 3
  /// significant) until its widest line fits `width`.
  static func fittingDiagram(_ t: ButcherTableau, width: Int) -> [String] {
    var lines: [String] = []
    for digits in [nil, 6, 4, 3] as [Int?] {
      lines = t.diagramText(significantDigits: digits).split(separator: "\n").map(String.init)
      if lines.allSatisfy({ $0.count <= width }) { break }
    }
    return lines
  }

  /// `text` in lines of at most `width` characters, broken at its `"   "` gaps; a part still
  /// longer than the width is broken between its words, its continuation lines indented by
  /// two spaces.
  static func wrapAtGaps(_ text: String, width: Int) -> [String] {
    guard text.count > width else { return [text] }
    var lines: [String] = []
    var line = ""
    for part in text.components(separatedBy: "   ") {
      if line.isEmpty {
        line = part
      } else if line.count + 3 + part.count <= width {
        line += "   " + part
      } else {
        lines.append(line)
        line = part
      }
    }
    lines.append(line)
    return lines.flatMap { line -> [String] in
      guard line.count > width, width > 8 else { return [line] }
      let indent = String(line.prefix { $0 == " " })
      var wrapped: [String] = []
      var current = indent
      for word in line.dropFirst(indent.count).split(separator: " ") {
        let start = wrapped.isEmpty ? indent : indent + "  "
        if current.count > start.count && current.count + 1 + word.count > width {
          wrapped.append(current)
          current = indent + "  " + word
        } else {
          current += (current.count > start.count ? " " : "") + word
        }
      }
      return wrapped + [current]
    }
  }

  static func region(_ model: WorkbenchModel, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let pv = model.preview
    guard let picture = pv.picture else {
      let inner = p.box(&grid, rect, "Stability region")
      note(pv.note, p, at: inner.y, in: inner, into: &grid)
      return
    }
    // The title's longest form that fits (never cut mid-word; the solver's note always kept).
    let titles = [" region, ε·λ of the initial weights", " region, initial ε·λ", ", initial ε·λ", ""].map(picture.title)
    let inner = p.box(&grid, rect, titles.first { p.text($0).count + 6 <= rect.width } ?? titles[titles.count - 1])
    let w = picture.window(including: pv.spectrum)
    let fn = picture.function
    // The note (wrapped) takes the pane's last rows; the plot the rows above.
    let lines = noteLines(pv.note, width: inner.width - 2)
    let plotArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - lines.count))
    let plot = ComplexPlanePlot(
      re: w.re, im: w.im, region: { fn.isStable($0) }, points: pv.spectrum, title: "",
      insideLabel: "stable", outsideLabel: "unstable", mode: p.mode, depth: p.depth)
    plot.render(in: plotArea, into: &grid)
    note(pv.note, p, at: plotArea.maxY, in: inner, into: &grid)
  }

  /// The region pane's note (why there is no spectrum, or that it is being computed) in lines
  /// of the pane's width: wrapped, never cut.
  static func noteLines(_ note: String?, width: Int) -> [[Span]] {
    guard let note else { return [] }
    return Paragraph.wrapped(note, width: max(1, width), style: Style(dim: true))
  }

  static func note(_ note: String?, _ p: Painter, at y: Int, in inner: Rect, into grid: inout Grid) {
    let lines = noteLines(note, width: inner.width - 2)
    for (i, line) in lines.enumerated() {
      p.write(&grid, line.map(\.text).joined(), inner.x + 1, y + i, Style(dim: true), clip: inner)
    }
  }
}

/// The tableau grid editor with live validation.
enum TableauEditorView {
  static func render(_ e: TableauEditor, _ p: Painter, in rect: Rect, into grid: inout Grid) {
    let inner = p.box(&grid, rect, "Edit tableau \(e.name)", focused: true)
    let cellWidth = max(6, min(10, (inner.width - 4) / (e.stages + 1)))
    for row in 0...e.stages {
      let y = inner.y + row + (row == e.stages ? 1 : 0)
      for column in 0...e.stages {
        if row == e.stages && column == 0 { continue }
        let text: String
        if row == e.stages { text = e.b[column - 1] } else { text = column == 0 ? e.c[row] : e.a[row][column - 1] }
        let x = inner.x + 1 + column * cellWidth + (column > 0 ? 2 : 0)
        let selected = row == e.row && column == e.column
        let shown = text.isEmpty ? "_" : text
        p.write(&grid, String(shown.prefix(cellWidth - 1)), x, y, selected ? Style(reverse: true) : .plain, clip: inner)
      }
      if row < e.stages { p.write(&grid, "│", inner.x + 1 + cellWidth, y, Style(dim: true), clip: inner) }
    }
    let y = inner.y + e.stages + 3
    switch e.result {
    case .success(let t):
      var line = "valid: \(t.isExplicit ? "explicit" : "implicit"), computed order \(t.order)"
      if let w = t.warnings.first { line += "; \(w)" }
      p.write(&grid, line, inner.x + 1, y, Style(fg: .green), clip: inner)
    case .failure(let error):
      p.write(&grid, "\(error)", inner.x + 1, y, Style(fg: .red, bold: true), clip: inner)
    }
    p.write(&grid, "entries: numbers or fractions like 1/6", inner.x + 1, y + 1, Style(dim: true), clip: inner)
  }
}
