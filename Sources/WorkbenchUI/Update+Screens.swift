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
    case .toggleComposePane: model.showRegion.toggle()
    case .writeConfig:
      if let problem = model.draft.problem {
        model.notice = "cannot write: \(problem)"
        return []
      }
      model.prompt = Prompt(.writeConfig, "write the config to", text: suggestedConfigName(model.draft.config))
    case .toggleRun:
      // Validated before anything stops: a draft that cannot train leaves the live run alone.
      if let problem = model.draft.problem {
        model.notice = "cannot train: \(problem)"
        return []
      }
      return startRun(&model, model.draft.config.normalized)
    default: break
    }
    return []
  }

  /// `TABLEAU-TASK.json` (or `lstm-TASK.json`): the name `w` offers.
  static func suggestedConfigName(_ config: TrainingConfig) -> String {
    let cell = config.cell.kind == .ode ? config.cell.tableau.name : config.cell.kind.rawValue
    let safe = cell.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") ? Character($0) : "_" }
    return String(safe) + "-\(config.task.kind.rawValue).json"
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

  /// Starts a new run of `config` and switches to Train. The runtime stops the current run
  /// first (it owns the lifecycle); the new run is `.starting` until its thread reports.
  static func startRun(_ model: inout WorkbenchModel, _ config: TrainingConfig) -> [Effect] {
    let id = model.nextRunID
    model.nextRunID += 1
    model.live = LiveRun(id: id, config: config)
    model.rateSamples = []
    model.screen = .train
    return [.startTraining(run: id, config)]
  }

  static func trainAction(_ model: inout WorkbenchModel, _ action: Action) -> [Effect] {
    guard let live = model.live else { return [] }
    switch action {
    case .toggleRun:
      guard live.isActive else {
        model.notice = "the run has ended; r restarts it with the same seed"
        return []
      }
      let running = !live.wantsRunning
      model.live?.requestedRunning = running
      return [.send(running ? .resume : .pause)]
    case .singleStep:
      return live.isActive && !live.wantsRunning ? [.send(.singleStep)] : []
    case .reset:
      return startRun(&model, live.view.config)
    case .learningRateUp, .learningRateDown:
      guard live.isActive else { return [] }
      let lr = live.learningRate * (action == .learningRateUp ? 2 : 0.5)
      model.live?.requestedLearningRate = lr
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
    if let live = model.live, live.isActive {
      model.rateSamples.append((t, live.view.step))
      model.rateSamples.removeAll { t - $0.time > 3 }
    }
    let refresh = refreshSessions(&model)
    if var r = model.replay, r.playing {
      r.carry += dt * r.speed
      let whole = Int(r.carry)
      r.carry -= Double(whole)
      r.cursor = min(r.lastStep, r.cursor + whole)
      if r.cursor >= r.lastStep { r.playing = false }
      model.replay = r
    }
    return refresh
  }

  /// What run `id`'s thread reported. The live run's status follows the thread: `.running`
  /// says whether it steps, `.stopped` that it exited, `finished`/`diverged` that the run ended.
  /// Events of any other run (one stopped to start this one) are ignored.
  static func trainerEvent(_ model: inout WorkbenchModel, run id: Int, _ event: TrainerEvent) -> [Effect] {
    guard var live = model.live, live.id == id else { return [] }
    switch event {
    case .run(let e):
      live.view.apply(e)
    case .running(let on):
      if live.isActive { live.view.status = on ? .running : .paused }
      if live.requestedRunning == on { live.requestedRunning = nil }
    case .stopped(let failure):
      if let failure {
        live.view.status = .failed
        live.view.message = failure
      } else if live.isActive {
        live.view.status = .stopped
      }
      live.requestedRunning = nil
    }
    model.live = live
    return []
  }
}
