import TerminalGrid
import Training

extension Workbench {
  /// Draws the whole frame for `model` into a fresh grid of the model's size.
  public static func render(_ model: WorkbenchModel) -> Grid {
    var grid = Grid(width: max(0, model.size.width), height: max(0, model.size.height))
    render(model, into: &grid)
    return grid
  }

  /// Draws the frame into `grid` (which must be blank and of the model's size).
  public static func render(_ model: WorkbenchModel, into grid: inout Grid) {
    let p = Painter(mode: model.mode, depth: model.depth)
    if model.isTooSmall {
      TooSmallScreen.render(model, p, into: &grid)
      return
    }
    let full = grid.bounds
    header(model, p, into: &grid)
    let body = bodyRect(model)
    switch model.screen {
    case .compose: ComposeScreen.render(model, p, in: body, into: &grid)
    case .train, .replay: TrainScreen.render(model, p, in: body, into: &grid)
    case .sessions: SessionsScreen.render(model, p, in: body, into: &grid)
    case .experiments: ExperimentsScreen.render(model, p, in: body, into: &grid)
    }
    status(model, p, row: full.height - 2, into: &grid)
    keyBar(model, p, row: full.height - 1, into: &grid)
    if model.showHelp { HelpOverlay.render(model, p, into: &grid) }
  }

  /// The screens' area: everything between the header and the status and key-bar rows.
  static func bodyRect(_ model: WorkbenchModel) -> Rect {
    Rect(x: 0, y: 1, width: model.size.width, height: model.size.height - 3)
  }

  /// Where the header's tabs are (row 0): each screen's title, ` Title `, one cell apart after
  /// ` odernn `. Clicking one opens its screen.
  static func tabs() -> [(screen: Screen, columns: Range<Int>)] {
    var x = " odernn ".count
    return Screen.allCases.map { s in
      let start = x + 1
      x = start + s.title.count + 2
      return (s, start..<x)
    }
  }

  static func header(_ model: WorkbenchModel, _ p: Painter, into grid: inout Grid) {
    let row = Rect(x: 0, y: 0, width: grid.width, height: 1)
    grid.setStyle(Style(reverse: true), in: row)
    p.write(&grid, " odernn ", 0, 0, Style(bold: true, reverse: true), clip: row)
    for (s, columns) in tabs() {
      let current = s == model.screen
      p.write(&grid, " \(s.title) ", columns.lowerBound, 0, current ? Style(fg: .black, bg: .cyan, bold: true) : Style(reverse: true), clip: row)
    }
    let cell = (model.screen == .compose ? nil : model.shownRun?.config.cell) ?? model.draft.config.cell
    // The cell's label, shorter where the tabs leave less room (`(n,t)` already names t), and
    // none where even that would cover a tab. A baseline has no derivative order to show.
    let room = grid.width - (tabs().last?.columns.upperBound ?? 0) - 1
    let order = cell.kind == .ode ? "t=\(cell.derivativeOrder) " : ""
    let labels = ["\(cell.label)  \(order)H=\(cell.hiddenSize) ", "\(cell.label) H=\(cell.hiddenSize) "]
    if let label = labels.first(where: { p.text($0).unicodeScalars.count <= room }) {
      p.write(&grid, label, grid.width - p.text(label).unicodeScalars.count, 0, Style(reverse: true), clip: row)
    }
  }

  static func status(_ model: WorkbenchModel, _ p: Painter, row y: Int, into grid: inout Grid) {
    if let prompt = model.prompt {
      let row = Rect(x: 0, y: y, width: grid.width, height: 1)
      // A question leaves half the row to a typed path; a confirmation has the whole row.
      let room = prompt.isConfirmation ? grid.width - 2 : max(20, grid.width / 2) - 3
      let question = " \(prompt.question(fitting: room, spell: p.text, ellipsis: p.ascii ? "..." : "…"))" + (prompt.isConfirmation ? " " : ": ")
      let x = p.write(&grid, question, 0, y, Style(fg: .yellow, bold: true), clip: row)
      if !prompt.isConfirmation {
        // The end of a long path stays in sight.
        let room = max(1, grid.width - x - 1)
        let text = String(prompt.text.suffix(room - 1)) + "▏"
        p.write(&grid, text, x, y, Style(bold: true), clip: row)
      }
      if let n = model.notice, !prompt.isConfirmation, grid.width - x - prompt.text.count > n.count + 6 {
        p.write(&grid, n, grid.width - n.count - 1, y, Style(dim: true), clip: row)
      }
      return
    }
    var left: [Span] = []
    var right: [Span] = []
    let notice = model.notice ?? model.live?.view.message.flatMap({ model.screen == .train ? $0 : nil })
    // A notice outranks the file's folder (the Sessions screen shows it): with a notice only
    // the file's name stays, so the notice is not cut to `wa…` by a long path.
    func file(_ path: String) -> Span {
      let shown = notice == nil ? path : (path.split(separator: "/").last.map(String.init) ?? path)
      return Span(shown + " ", style: Style(dim: true))
    }
    if model.screen == .replay, let r = model.replay {
      left = [
        Span(" REPLAY ", style: Style(fg: .black, bg: .magenta, bold: true)),
        Span(" step \(r.cursor)/\(r.lastStep) "),
        Span(r.playing ? p.text("▶ ") + "\(Format.number(r.speed)) steps/s" : "paused", style: Style(dim: true)),
      ]
      right = [file(r.file)]
    } else if let run = model.live?.view, model.screen == .train {
      left = [runBadge(run), Span(" step \(run.step) ")]
      if let rate = model.stepsPerSecond, run.status == .running {
        left.append(Span(String(format: "%.1f steps/s ", rate), style: Style(dim: true)))
      }
      left.append(Span("lr \(Format.number(run.currentLearningRate)) ", style: Style(dim: true)))
      if let name = run.sessionName { right = [file(name)] }
    } else {
      left = [Span(" \(model.screen.title) ", style: Style(bold: true))]
    }
    // Away from Train, the live run stays in sight (t returns to it).
    if model.screen != .train, let run = model.live?.view, run.status.isActive {
      right.append(Span("live run (t) ", style: Style(dim: true)))
      right += [runBadge(run), Span(" step \(run.step) ", style: Style(dim: true))]
    }
    var center: [Span] = []
    if let n = notice { center = [Span(p.text(n), style: Style(fg: .yellow))] }
    let line = StatusLine(left: left.map { Span(p.text($0.text), style: $0.style) }, center: center, right: right, mode: model.mode, fill: Style(dim: false))
    line.render(in: Rect(x: 0, y: y, width: grid.width, height: 1), into: &grid)
  }

  /// The run's status as a coloured badge: ` RUNNING `.
  static func runBadge(_ run: RunView) -> Span {
    let color: Color =
      switch run.status {
      case .running: .green
      case .paused, .starting: .yellow
      case .finished: .cyan
      default: .red
      }
    return Span(" \(run.status.rawValue) ", style: Style(fg: .black, bg: color, bold: true))
  }

  static func keyBar(_ model: WorkbenchModel, _ p: Painter, row y: Int, into grid: inout Grid) {
    var bindings: [Binding]
    if let prompt = model.prompt {
      bindings =
        prompt.isConfirmation
        ? [Binding(.character("y"), .select, "y", "yes"), Binding(.escape, .back, "other", "no")]
        : [Binding(.enter, .select, "Enter", "ok"), Binding(.tab, .select, "tab", "complete"), Binding(.escape, .back, "Esc", "cancel")]
    } else if model.editor != nil {
      bindings = Keymap.tableauEditor
    } else if model.typing != nil {
      bindings = [Binding(.enter, .select, "Enter", "apply"), Binding(.escape, .back, "Esc", "cancel")]
      if model.draft.takesPath(model.field) { bindings.append(Binding(.tab, .select, "tab", "complete")) }
    } else if model.filtering {
      bindings = [Binding(.enter, .select, "Enter", "keep filter"), Binding(.escape, .back, "Esc", "clear")]
    } else {
      bindings = Keymap.bindings(for: model.screen).filter(\.inBar)
    }
    let hints = pinningHelpAndQuit(bindings.map { KeyHint(key: p.text($0.keyLabel), label: p.text($0.label)) }, width: grid.width)
    KeyHelpBar(hints, mode: model.mode).render(in: Rect(x: 0, y: y, width: grid.width, height: 1), into: &grid)
  }

  /// The hints that fit in `width` with `? help` and `q quit` always among them: the other
  /// hints are dropped from the end first.
  static func pinningHelpAndQuit(_ hints: [KeyHint], width: Int) -> [KeyHint] {
    func size(_ h: KeyHint) -> Int { 2 + h.key.unicodeScalars.count + 1 + h.label.unicodeScalars.count }
    let pinned = hints.filter { $0.key == "?" || $0.key == "q" }
    var used = pinned.reduce(0) { $0 + size($1) }
    var kept: [KeyHint] = []
    for hint in hints where !pinned.contains(hint) {
      guard used + size(hint) <= width + 2 else { break }
      kept.append(hint)
      used += size(hint)
    }
    return kept + pinned
  }
}

/// Below 80×24: a message and nothing else (q still quits).
enum TooSmallScreen {
  static func render(_ model: WorkbenchModel, _ p: Painter, into grid: inout Grid) {
    let need = WorkbenchModel.minimumSize
    let lines = ["terminal too small: have \(model.size.width)×\(model.size.height), need \(need.width)×\(need.height)", "q quits"]
    for (i, line) in lines.enumerated() {
      let text = p.text(line)
      let x = max(0, (grid.width - text.unicodeScalars.count) / 2)
      let y = max(0, grid.height / 2 - 1 + i)
      p.write(&grid, text, x, y, i == 0 ? Style(fg: .yellow, bold: true) : Style(dim: true), clip: grid.bounds)
    }
  }
}

/// The help overlay, generated from the keymap: one column of `key  what it does` while the
/// bindings fit the terminal's height, else as many columns as they need (every binding
/// shown at 80×24).
enum HelpOverlay {
  /// A column's width: the key, then its label.
  static let columnWidth = 37

  static func render(_ model: WorkbenchModel, _ p: Painter, into grid: inout Grid) {
    let bindings = Keymap.bindings(for: model.screen)
    let rows = max(1, min(bindings.count, grid.height - 5))
    let columns = (bindings.count + rows - 1) / rows
    let width = min(grid.width - 2, columns == 1 ? 56 : columns * columnWidth + 2)
    let height = min(grid.height - 2, rows + 4)
    let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
    grid.fill(rect)
    let inner = p.box(&grid, rect, "Keys: \(model.screen.title)", focused: true)
    for (i, b) in bindings.enumerated() {
      let x = inner.x + 1 + (i / rows) * columnWidth
      let y = inner.y + i % rows
      let clip = Rect(x: x, y: y, width: min(columnWidth - 1, inner.maxX - x), height: 1)
      p.write(&grid, b.keyLabel, x, y, Style(fg: .cyan, bold: true), clip: clip)
      p.write(&grid, b.label, x + 10, y, .plain, clip: clip)
    }
    p.write(&grid, "? or Esc closes", inner.x + 1, inner.maxY - 1, Style(dim: true), clip: inner)
  }
}
