import TerminalGrid
import Training

extension Workbench {
  static func composeAction(_ model: inout WorkbenchModel, _ action: Action) -> [Effect] {
    let fields = model.draft.visibleFields
    let index = fields.firstIndex(of: model.field) ?? 0
    switch action {
    case .moveUp: model.field = fields[max(0, index - 1)]
    case .moveDown: model.field = fields[min(fields.count - 1, index + 1)]
    case .decrease, .increase:
      model.notice = model.draft.nudge(model.field, action == .increase ? 1 : -1)
      draftChanged(&model)
    case .typeValue:
      model.typing = ""
      model.notice = model.draft.typingHint(model.field)
    case .editTableau:
      if model.draft.config.cell.kind == .ode { model.editor = TableauEditor(model.draft.config.cell.tableau) }
    case .toggleRun: return startRun(&model, model.draft.config)
    default: break
    }
    return []
  }

  /// Keeps the selection on a row the draft shows: a row that disappeared (the implicit sweeps
  /// after an explicit tableau file is loaded) hands the selection to the nearest row above it.
  static func draftChanged(_ model: inout WorkbenchModel) {
    let visible = model.draft.visibleFields
    guard !visible.contains(model.field), let first = visible.first else { return }
    let keys = ConfigSchema.fields.map(\.key)
    let position = keys.firstIndex(of: model.field.key) ?? 0
    model.field = visible.last { (keys.firstIndex(of: $0.key) ?? 0) < position } ?? first
  }

  /// Starts a run of `config` (stopping a live one first) and switches to Train.
  static func startRun(_ model: inout WorkbenchModel, _ config: TrainingConfig) -> [Effect] {
    let stop: [Effect] = model.hasLiveRun ? [.stopTraining] : []
    var view = RunView(config: config)
    view.status = .running
    model.run = view
    model.replay = nil
    model.rateSamples = []
    model.screen = .train
    return stop + [.startTraining(config), .send(.start)]
  }

  static func trainAction(_ model: inout WorkbenchModel, _ action: Action) -> [Effect] {
    guard let run = model.run else { return [] }
    switch action {
    case .toggleRun:
      switch run.status {
      case .running:
        model.run?.status = .paused
        return [.send(.pause)]
      case .paused:
        model.run?.status = .running
        return [.send(.resume)]
      default:
        model.notice = "the run has ended; r restarts it with the same seed"
        return []
      }
    case .singleStep:
      return run.status == .paused ? [.send(.singleStep)] : []
    case .reset:
      return startRun(&model, run.config)
    case .learningRateUp, .learningRateDown:
      guard model.hasLiveRun else { return [] }
      let lr = run.currentLearningRate * (action == .learningRateUp ? 2 : 0.5)
      model.notice = "learning rate → \(Format.number(lr))"
      return [.send(.setLearningRate(lr))]
    case .editTableau:
      model.screen = .compose
      return composeAction(&model, .editTableau)
    default:
      viewAction(&model, action)
      return []
    }
  }

  static func sessionsAction(_ model: inout WorkbenchModel, _ action: Action) -> [Effect] {
    let count = model.sessions.count
    switch action {
    case .moveUp: model.sessionIndex = max(0, model.sessionIndex - 1)
    case .moveDown: model.sessionIndex = max(0, min(count - 1, model.sessionIndex + 1))
    case .toggleOverlay:
      guard model.sessions.indices.contains(model.sessionIndex) else { return [] }
      let file = model.sessions[model.sessionIndex].file
      if model.overlay.contains(file) { model.overlay.remove(file) } else { model.overlay.insert(file) }
    case .openReplay:
      guard model.sessions.indices.contains(model.sessionIndex) else { return [] }
      return [.loadSession(model.sessions[model.sessionIndex].file)]
    case .toggleLogY: model.logY.toggle()
    default: break
    }
    return []
  }

  static func replayAction(_ model: inout WorkbenchModel, _ action: Action) -> [Effect] {
    guard var r = model.replay else { return [] }
    let chunk = max(1, r.lastStep / 100)
    switch action {
    case .replayBack: r.cursor = max(0, r.cursor - chunk)
    case .replayForward: r.cursor = min(r.lastStep, r.cursor + chunk)
    case .replayFirst: r.cursor = 0
    case .replayLast: r.cursor = r.lastStep
    case .replayPlay:
      if !r.playing && r.cursor >= r.lastStep { r.cursor = 0 }
      r.playing.toggle()
    case .replayFaster: r.speed = min(51_200, r.speed * 2)
    case .replaySlower: r.speed = max(1.5625, r.speed / 2)
    default: viewAction(&model, action)
    }
    model.replay = r
    return []
  }

  static func tick(_ model: inout WorkbenchModel, _ t: Double) -> [Effect] {
    let dt = max(0, t - model.now)
    model.now = t
    if let run = model.run, model.replay == nil {
      model.rateSamples.append((t, run.step))
      model.rateSamples.removeAll { t - $0.time > 3 }
    }
    if var r = model.replay, r.playing {
      r.carry += dt * r.speed
      let whole = Int(r.carry)
      r.carry -= Double(whole)
      r.cursor = min(r.lastStep, r.cursor + whole)
      if r.cursor >= r.lastStep { r.playing = false }
      model.replay = r
    }
    return []
  }

  static func trainerEvent(_ model: inout WorkbenchModel, _ event: TrainerEvent) -> [Effect] {
    guard model.run != nil, model.replay == nil else { return [] }
    switch event {
    case .run(let e):
      model.run?.apply(e)
    case .running(let on):
      if let s = model.run?.status, s == .running || s == .paused { model.run?.status = on ? .running : .paused }
    case .stopped(let failure):
      if let failure {
        model.run?.status = .failed
        model.run?.message = failure
      } else if let s = model.run?.status, s == .running || s == .paused {
        model.run?.status = .stopped
      }
    }
    return []
  }
}
