import TerminalGrid

/// The mouse: a click on a header tab opens its screen; on Train and Replay a click focuses
/// the pane under it and the wheel moves the chart cursor; on Sessions a click selects the
/// row under it and the wheel moves the selection; on Compose a click selects the field and
/// the wheel moves between fields. Hit-testing uses the same layout functions the screens
/// draw with, so what is clicked is what is shown. While a value, a filter or a tableau is
/// being typed, or the terminal is too small, the mouse does nothing; a click closes help.
extension Workbench {
  static func mouse(_ model: inout WorkbenchModel, _ event: MouseEvent) -> [Effect] {
    guard !model.isTooSmall, model.editor == nil, model.typing == nil, !model.filtering, model.prompt == nil else { return [] }
    if model.showHelp {
      if case .press = event.kind { model.showHelp = false }
      return []
    }
    let at = event.at
    switch event.kind {
    case .release, .press(button: 1...):
      return []
    case .press:
      if at.y == 0 {
        guard let tab = tabs().first(where: { $0.columns.contains(at.x) })?.screen else { return [] }
        return openTab(&model, tab)
      }
      return click(&model, at)
    case .wheelUp, .wheelDown:
      return wheel(&model, at, up: event.kind == .wheelUp)
    }
  }

  /// Opens a screen from its tab (Replay only when a session is loaded).
  static func openTab(_ model: inout WorkbenchModel, _ screen: Screen) -> [Effect] {
    guard screen != model.screen else { return [] }
    model.notice = nil
    switch screen {
    case .compose: return perform(&model, .openCompose)
    case .sessions: return perform(&model, .openSessions)
    case .train: return perform(&model, .openTrain)
    case .experiments: return perform(&model, .openExperiments)
    case .replay:
      if model.replay != nil { model.screen = .replay } else { model.notice = "no replay yet: Enter on a session opens one" }
      return []
    }
  }

  static func click(_ model: inout WorkbenchModel, _ at: Point) -> [Effect] {
    let body = bodyRect(model)
    switch model.screen {
    case .train, .replay:
      guard model.shownRun != nil, let hit = TrainScreen.panes(model, in: body).first(where: { $0.rect.contains(at) }) else { return [] }
      model.focus = hit.pane
    case .sessions:
      guard !model.showConfigs, !model.showSpectra, let index = sessionRow(model, at) else { return [] }
      model.sessionIndex = index
      return curveRequests(model)
    case .compose:
      if let field = composeRow(model, at) { model.field = field }
    case .experiments:
      let inner = ExperimentsScreen.areas(body)[0].inset(by: 1)
      let index = at.y - inner.y
      guard inner.contains(at), model.experiments.catalog.indices.contains(index) else { return [] }
      model.experiments.index = index
      model.experiments.scroll = 0
      return experimentCurveRequests(model, model.experiments)
    }
    return []
  }

  static func wheel(_ model: inout WorkbenchModel, _ at: Point, up: Bool) -> [Effect] {
    let body = bodyRect(model)
    switch model.screen {
    case .train, .replay:
      guard TrainScreen.panes(model, in: body).contains(where: { $0.rect.contains(at) }) else { return [] }
      cursorAction(&model, up ? .cursorLeft : .cursorRight)
      return []
    case .sessions:
      guard !model.showConfigs, !model.showSpectra, SessionsScreen.areas(body)[0].contains(at) else { return [] }
      return sessionsAction(&model, up ? .moveUp : .moveDown)
    case .compose:
      guard ComposeScreen.areas(body)[0].contains(at) else { return [] }
      return composeAction(&model, up ? .moveUp : .moveDown)
    case .experiments:
      let onList = ExperimentsScreen.areas(body)[0].contains(at)
      return experimentsAction(&model, onList ? (up ? .moveUp : .moveDown) : (up ? .pageUp : .pageDown))
    }
  }

  /// The index in `visibleSessions` of the list row at `at`, if a session is shown there.
  static func sessionRow(_ model: WorkbenchModel, _ at: Point) -> Int? {
    let inner = SessionsScreen.areas(bodyRect(model))[0].inset(by: 1)
    let (rows, start) = SessionsScreen.rowLayout(model, inner: inner)
    guard rows.contains(at), at.y > rows.y else { return nil }
    let index = start + at.y - rows.y - 1
    return model.visibleSessions.indices.contains(index) ? index : nil
  }

  /// The Compose field on the row at `at`, if one is shown there.
  static func composeRow(_ model: WorkbenchModel, _ at: Point) -> ComposeField? {
    let inner = ComposeScreen.listInside(model, box: ComposeScreen.areas(bodyRect(model))[0].inset(by: 1))
    guard inner.contains(at) else { return nil }
    let (rows, first) = ComposeScreen.rows(model, height: max(1, inner.height))
    let index = first + at.y - inner.y
    guard rows.indices.contains(index), let field = rows[index].field else { return nil }
    return ComposeField(field.key)
  }
}
