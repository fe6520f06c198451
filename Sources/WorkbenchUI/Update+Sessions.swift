import TerminalGrid

/// The Sessions screen: moving through the filtered, sorted list, overlaying curves, sorting,
/// filtering, and keeping the listing (and the drawn curves) fresh while a run writes.
extension Workbench {
  /// How often the Sessions screen lists ./sessions again, in clock seconds.
  static let refreshInterval = 2.0

  static func sessionsAction(_ model: inout WorkbenchModel, _ action: Action) -> [Effect] {
    let count = model.visibleSessions.count
    switch action {
    case .moveUp: model.sessionIndex = max(0, model.sessionIndex - 1)
    case .moveDown: model.sessionIndex = max(0, min(count - 1, model.sessionIndex + 1))
    case .toggleOverlay:
      guard let file = model.selectedSession?.file else { return [] }
      if let i = model.overlay.firstIndex(of: file) { model.overlay.remove(at: i) } else { model.overlay.append(file) }
    case .openReplay:
      guard let file = model.selectedSession?.file else { return [] }
      return [.loadSession(file)]
    case .toggleLogY: model.logY.toggle()
    case .cycleSort:
      let all = SessionColumn.allCases
      model.sessionSort = all[((all.firstIndex(of: model.sessionSort) ?? 0) + 1) % all.count]
      model.sessionIndex = 0
    case .reverseSort:
      model.sortDescending.toggle()
      model.sessionIndex = 0
    case .filterSessions:
      model.filtering = true
      return []
    case .compareConfigs:
      model.showConfigs.toggle()
      model.showSpectra = false
      model.diagnosing = nil
      return []
    case .diagnoseSession:
      guard let file = model.selectedSession?.file, model.diagnosing != file else {
        model.diagnosing = nil
        return []
      }
      model.diagnosing = file
      model.showConfigs = false
      model.showSpectra = false
      // A finished run's diagnosis is kept; a run that is still writing is diagnosed anew.
      let fresh = model.diagnoses[file] != nil && model.selectedSession.map { model.status(of: $0) } != "running"
      return fresh ? [] : [.diagnoseSession(file)]
    case .compareSpectra:
      model.showSpectra.toggle()
      model.showConfigs = false
      model.diagnosing = nil
      model.spectraStep = nil
      return curveRequests(model)
    case .cursorLeft, .cursorRight:
      guard model.showSpectra else { return [] }
      model.spectraStep = SpectraCompareView.step(model, moving: action == .cursorLeft ? -1 : 1)
      return []
    case .cycleMetric:
      let all = OverlayMetric.allCases
      model.overlayMetric = all[((all.firstIndex(of: model.overlayMetric) ?? 0) + 1) % all.count]
      return []
    case .composeSession:
      guard let file = model.selectedSession?.file else { return [] }
      return [.openSessionConfig(file)]
    case .resumeSession:
      guard let s = model.selectedSession else { return [] }
      if model.status(of: s) == "running" {
        model.notice = "\(s.name) is the live run: t returns to it"
        return []
      }
      return [.readResume(s.file)]
    case .exportSession:
      guard let s = model.selectedSession else { return [] }
      model.prompt = Prompt(.exportSession(s.file), "export ", subject: s.name, after: " as CSV to", text: s.name + ".csv")
      return []
    case .deleteSession:
      guard let s = model.selectedSession else { return [] }
      if model.status(of: s) == "running" {
        model.notice = "\(s.name) is being written by the live run: stop it first"
        return []
      }
      model.prompt = Prompt(.deleteSession(s.file), "delete ", subject: s.file, after: "?", detail: " y deletes, any other key keeps it")
      return []
    default: break
    }
    return curveRequests(model)
  }

  /// Keys while the filter is typed: characters narrow the list as they are typed, backspace
  /// widens it, Enter keeps the filter, Esc clears it.
  static func filterKey(_ model: inout WorkbenchModel, _ key: Key) -> [Effect] {
    switch key {
    case .enter: model.filtering = false
    case .escape:
      model.filtering = false
      model.sessionFilter = ""
    case .backspace:
      if !model.sessionFilter.isEmpty { model.sessionFilter.removeLast() }
    case .character(let c):
      if model.sessionFilter.unicodeScalars.count < 80 { model.sessionFilter.unicodeScalars.append(c) }
    default: return []
    }
    model.sessionIndex = max(0, min(model.sessionIndex, model.visibleSessions.count - 1))
    return curveRequests(model)
  }

  /// A new listing: the selection stays in range, overlays of vanished files are dropped, and
  /// curves that are missing or shorter than their session are read.
  static func sessionsListed(_ model: inout WorkbenchModel, _ listings: [SessionListing]) -> [Effect] {
    model.sessions = listings
    model.sessionIndex = max(0, min(model.sessionIndex, model.visibleSessions.count - 1))
    model.overlay = model.overlay.filter { f in listings.contains { $0.file == f } }
    return curveRequests(model)
  }

  /// The runs whose curves the screen draws: the overlaid ones, else the selected one.
  static func drawnRuns(_ model: WorkbenchModel) -> [SessionListing] {
    let overlaid = model.overlay.compactMap { f in model.sessions.first { $0.file == f } }
    return overlaid.isEmpty ? model.selectedSession.map { [$0] } ?? [] : overlaid
  }

  /// Reads the drawn runs' curves that are not read yet or have grown since.
  static func curveRequests(_ model: WorkbenchModel) -> [Effect] {
    let stale = drawnRuns(model).filter { model.curves[$0.file]?.steps != $0.steps }.map(\.file)
    return stale.isEmpty ? [] : [.loadCurves(stale)]
  }

  /// Lists ./sessions again every `refreshInterval` while the Sessions screen is shown.
  static func refreshSessions(_ model: inout WorkbenchModel) -> [Effect] {
    guard model.screen == .sessions, model.now - model.listedAt >= refreshInterval else { return [] }
    model.listedAt = model.now
    return [.listSessions]
  }
}
