import Experiments

extension Workbench {
  /// Keys on the Experiments screen: ↑/↓ pick an experiment, Enter runs it (quick or full,
  /// `f`), `x` stops the one running, `v` cycles table / charts / sessions overlaid, PgUp/PgDn
  /// scroll the table. One experiment runs at a time, beside any live training run.
  static func experimentsAction(_ model: inout WorkbenchModel, _ action: Action) -> [Effect] {
    var e = model.experiments
    defer { model.experiments = e }
    switch action {
    case .moveUp, .moveDown:
      e.index = max(0, min(e.catalog.count - 1, e.index + (action == .moveUp ? -1 : 1)))
      e.scroll = 0
      return experimentCurveRequests(model, e)
    case .toggleQuick:
      e.quick.toggle()
      model.notice = e.quick ? "Enter runs the quick version (≤ 3 min)" : "Enter runs the full version (≤ 20 min)"
    case .cycleExperimentView:
      let all = ExperimentView.allCases
      e.view = all[((all.firstIndex(of: e.view) ?? 0) + 1) % all.count]
      return experimentCurveRequests(model, e)
    case .pageUp, .pageDown:
      e.scroll = max(0, e.scroll + (action == .pageUp ? -10 : 10))
    case .runExperiment:
      guard let chosen = e.selected else { return [] }
      if let running = e.running {
        model.notice = "\(running.name) is running; x stops it"
        return []
      }
      e.running = RunningExperiment(name: chosen.name, quick: e.quick)
      e.failures[chosen.name] = nil
      e.view = .table
      return [.runExperiment(name: chosen.name, quick: e.quick)]
    case .stopExperiment:
      guard let running = e.running, !running.stopping else {
        model.notice = "no experiment is running"
        return []
      }
      model.prompt = Prompt(
        .stopExperiment, "stop ", subject: running.name, after: "?", detail: " y stops it (finished runs are kept), any other key lets it run")
    default: break
    }
    return []
  }

  /// The runtime's answers about experiments: the catalog and the saved reports, progress,
  /// and how a run ended.
  static func experimentMessage(_ model: inout WorkbenchModel, _ msg: ExperimentMsg) -> [Effect] {
    var e = model.experiments
    defer { model.experiments = e }
    switch msg {
    case .listed(let catalog, let saved):
      e.catalog = catalog
      e.saved.merge(saved) { _, listed in listed }
      e.index = min(e.index, max(0, catalog.count - 1))
    case .progress(let name, let progress):
      guard e.running?.name == name else { return [] }
      e.running?.progress = progress
    case .ended(let name, .report(let saved)):
      if e.running?.name == name { e.running = nil }
      e.saved[name] = saved
      model.notice = "\(name): the claim \(saved.report.holds ? "holds" : "does not hold") (\(saved.folder))"
    case .ended(let name, .failed(let why)):
      if e.running?.name == name { e.running = nil }
      e.failures[name] = .failed(why)
      model.notice = "\(name): \(why)"
    case .ended(let name, .stopped(let what)):
      if e.running?.name == name { e.running = nil }
      e.failures[name] = .stopped(what)
      model.notice = "\(name) stopped"
    }
    return experimentCurveRequests(model, e)
  }

  /// The curves of the selected experiment's sessions, when they are to be drawn and not read.
  static func experimentCurveRequests(_ model: WorkbenchModel, _ e: ExperimentsState) -> [Effect] {
    guard e.view == .curves, let name = e.selected?.name, let saved = e.saved[name] else { return [] }
    let missing = saved.report.sessions.filter { model.curves[$0] == nil }
    return missing.isEmpty ? [] : [.loadExperimentCurves(missing)]
  }
}

/// What the runtime says about experiments (`Msg.experiment`).
public enum ExperimentMsg: Sendable {
  /// The catalog, and each experiment's newest saved report (answering `.listExperiments`).
  case listed([ExperimentInfo], saved: [String: SavedExperiment])
  /// The running experiment's progress.
  case progress(name: String, ExperimentProgress)
  /// It ended: with a report (also saved in its folder), or why not.
  case ended(name: String, ExperimentOutcome)
}

/// How an experiment's run ended.
public enum ExperimentOutcome: Sendable {
  case report(SavedExperiment)
  /// It could not finish (a failed training run, a refused config): one line.
  case failed(String)
  /// It was stopped (`x`): what became of its runs, one line.
  case stopped(String)
}
