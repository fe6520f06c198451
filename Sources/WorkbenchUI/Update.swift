import TerminalGrid
import Training

/// The workbench's one state transition: `update(&model, msg) → effects`. Pure: no I/O, no
/// clocks, no threads; time arrives as `.tick` messages.
public enum Workbench {
  /// Applies a message; returns what the runtime must do. Whatever changed the draft, the
  /// new generation's preview is asked for once, here.
  public static func update(_ model: inout WorkbenchModel, _ msg: Msg) -> [Effect] {
    var effects = apply(&model, msg)
    if model.previewRequested != model.previewGeneration {
      model.previewRequested = model.previewGeneration
      effects.append(.computePreview(generation: model.previewGeneration, model.draft.config))
    }
    return effects
  }

  static func apply(_ model: inout WorkbenchModel, _ msg: Msg) -> [Effect] {
    switch msg {
    case .previewComputed(let generation, let preview):
      if generation == model.previewGeneration { model.preview = preview }
      return []
    case .mouse(let event):
      return mouse(&model, event)
    case .pathsCompleted(let text, let candidates):
      pathsCompleted(&model, text: text, candidates)
      return []
    case .resumeReady(let file, let config, let step):
      let effects = startRun(&model, config)
      guard case .startTraining(let id, let c)? = effects.first else { return effects }
      model.live?.view.step = step
      model.notice = "resuming \(file) from step \(step)"
      return [.resumeTraining(run: id, c, file: file, step: step)]
    case .sessionConfigLoaded(let file, let config):
      model.draft = ComposeDraft(config: config)
      draftChanged(&model)
      model.screen = .compose
      model.notice = "composing the config of \(file)"
      return []
    case .resize(let size):
      model.size = size
      return []
    case .tick(let t):
      return tick(&model, t)
    case .trainer(let id, let event):
      return trainerEvent(&model, run: id, event)
    case .runStarted(let id, let session, let warnings):
      guard model.live?.id == id else { return [] }
      model.live?.view.sessionName = session
      model.live?.warnings = warnings
      if let first = warnings.first { model.notice = "warning: \(first)" }
      return []
    case .runFailed(let id, let message):
      guard model.live?.id == id else { return [] }
      model.live?.view.status = .failed
      model.live?.view.message = "cannot start: \(message)"
      return []
    case .sessionsListed(let listings):
      return sessionsListed(&model, listings)
    case .curvesLoaded(let curves):
      model.curves.merge(curves) { $1 }
      return []
    case .replayLoaded(let file, let config, let events):
      var view = RunView(config: config, sessionName: file)
      for e in events { view.apply(e) }
      if view.status == .idle { view.status = .stopped }
      model.replay = ReplaySession(file: file, view: view)
      model.screen = .replay
      model.notice = nil
      return []
    case .overlayAll:
      model.overlay = model.sessions.map(\.file)
      return curveRequests(model)
    case .notice(let text):
      model.notice = text
      return []
    case .tableauLoaded(let tableau, let file):
      model.draft.config.cell.tableau = tableau
      draftChanged(&model)
      model.notice = "tableau \(tableau.name) loaded from \(file)"
      return []
    case .key(let key):
      return keyPressed(&model, key)
    case .experiment(let m):
      return experimentMessage(&model, m)
    case .sessionDiagnosed(let file, let result):
      model.diagnoses[file] = result
      return []
    }
  }

  static func keyPressed(_ model: inout WorkbenchModel, _ key: Key) -> [Effect] {
    if key == .resize { return [] }
    if case .mouse(let event) = key { return mouse(&model, event) }
    if model.isTooSmall {
      return Keymap.action(for: key, on: model.screen) == .quit ? quit(&model) : []
    }
    if model.prompt != nil { return promptKey(&model, key) }
    if model.editor != nil { return editorKey(&model, key) }
    if model.typing != nil { return typingKey(&model, key) }
    if model.filtering { return filterKey(&model, key) }
    guard let action = Keymap.action(for: key, on: model.screen) else { return [] }
    if model.showHelp {
      switch action {
      case .help, .back: model.showHelp = false
      case .quit: return quit(&model)
      default: break
      }
      return []
    }
    model.notice = nil
    return perform(&model, action)
  }

  /// What an action does on the current screen.
  public static func perform(_ model: inout WorkbenchModel, _ action: Action) -> [Effect] {
    switch action {
    case .help:
      model.showHelp = true
      return []
    case .quit:
      return quit(&model)
    case .save:
      return model.hasLiveRun ? [.save] : []
    case .back where model.screen == .sessions && (model.showConfigs || model.showSpectra || model.diagnosing != nil):
      model.showConfigs = false
      model.showSpectra = false
      model.diagnosing = nil
      return []
    case .back:
      switch model.screen {
      case .train, .sessions, .experiments: model.screen = .compose
      case .replay: model.screen = .sessions
      case .compose: break
      }
      return []
    case .openSessions:
      model.screen = .sessions
      model.listedAt = model.now
      return [.listSessions]
    case .openCompose:
      model.screen = .compose
      return []
    case .openExperiments:
      model.screen = .experiments
      return [.listExperiments] + experimentCurveRequests(model, model.experiments)
    case .openTrain:
      if model.live != nil {
        model.screen = .train
      } else {
        model.notice = "no run yet: compose a cell and press space"
      }
      return []
    default:
      break
    }
    switch model.screen {
    case .compose: return composeAction(&model, action)
    case .train: return trainAction(&model, action)
    case .sessions: return sessionsAction(&model, action)
    case .replay: return replayAction(&model, action)
    case .experiments: return experimentsAction(&model, action)
    }
  }

  /// Quitting: the runtime stops the live run first (final checkpoint, thread joined).
  static func quit(_ model: inout WorkbenchModel) -> [Effect] { [.quit] }

  /// Pane toggles, focus, log-y, smoothing and the eigen view: shared by Train and Replay.
  static func viewAction(_ model: inout WorkbenchModel, _ action: Action) {
    switch action {
    case .togglePane1: toggle(&model, .loss)
    case .togglePane2: toggle(&model, .gradients)
    case .togglePane3: toggle(&model, .heatmap)
    case .togglePane4: toggle(&model, .eigen)
    case .toggleLogY: model.logY.toggle()
    case .toggleSmoothing:
      let steps = WorkbenchModel.smoothingSteps
      model.smoothing = steps[((steps.firstIndex(of: model.smoothing) ?? 0) + 1) % steps.count]
    case .toggleEigenView: model.showMap.toggle()
    case .cursorLeft, .cursorRight, .cursorFirst, .cursorLast: cursorAction(&model, action)
    case .cycleFocus:
      let visible = Pane.allCases.filter { model.panes.contains($0) }
      if let i = visible.firstIndex(of: model.focus) {
        model.focus = visible[(i + 1) % visible.count]
      } else if let first = visible.first {
        model.focus = first
      }
    default: break
    }
  }

  static func toggle(_ model: inout WorkbenchModel, _ pane: Pane) {
    if model.panes.contains(pane) {
      if model.panes.count > 1 { model.panes.remove(pane) }
    } else {
      model.panes.insert(pane)
    }
  }
}
