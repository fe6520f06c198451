import Foundation
import Linalg
import Sessions
import TerminalGrid
import Training
import WorkbenchUI

extension AppLoop {
  /// Carries out one effect.
  func perform(_ effect: Effect) {
    switch effect {
    case .startTraining(let id, let config): start(id, config)
    case .readResume(let file):
      switch WorkbenchFiles.resumePoint(folder: folder, file: file) {
      case .success(let point): send(.resumeReady(file: file, config: point.config, step: point.checkpoint.step))
      case .failure(let message): send(.notice("cannot resume \(file): \(message.description)"))
      }
    case .resumeTraining(let id, let config, let file, let step):
      switch WorkbenchFiles.resumePoint(folder: folder, file: file, step: step) {
      case .success(let point): start(id, config, resume: (file, point.checkpoint))
      case .failure(let message): send(.runFailed(run: id, message.description))
      }
    case .send(let command): active?.trainer.send(command)
    case .stopTraining: stop()
    case .save:
      active?.trainer.send(.checkpoint)
      if let path = active?.writer?.path { send(.notice("saved: checkpoint written to \(path)")) }
    case .listSessions: send(.sessionsListed(SessionCatalog.list(folder: folder)))
    case .loadCurves(let files): send(.curvesLoaded(SessionCatalog.curves(folder: folder, files: files)))
    case .loadSession(let file): load(path: "\(folder)/\(file)", name: file)
    case .loadTableau(let file):
      switch TableauLoading.tableau(nameOrFile: file) {
      case .success(let tableau): send(.tableauLoaded(tableau, file: file))
      case .failure(let error): send(.notice("tableau: \(error.description)"))
      }
    case .computePreview(let generation, let config): previews.request(generation, config)
    case .writeConfig(let path, let config): send(.notice(WorkbenchFiles.writeConfig(config, to: path)))
    case .exportSession(let file, let csv): send(.notice(WorkbenchFiles.exportCSV(folder: folder, file: file, to: csv)))
    case .deleteSession(let file):
      send(.notice(WorkbenchFiles.delete(folder: folder, file: file)))
      send(.sessionsListed(SessionCatalog.list(folder: folder)))
    case .openSessionConfig(let file):
      switch WorkbenchFiles.config(folder: folder, file: file) {
      case .success(let config): send(.sessionConfigLoaded(file: file, config))
      case .failure(let message): send(.notice(message.description))
      }
    case .completePath(let text): send(.pathsCompleted(text: text, WorkbenchFiles.completions(of: text)))
    case .listExperiments:
      let names = experiments?.service.catalog.map(\.name) ?? []
      send(.experiment(.listed(experiments?.service.catalog ?? [], saved: ExperimentService.savedReports(root: experimentsRoot, names: names))))
    case .runExperiment(let name, let quick):
      guard let experiments else { return send(.experiment(.ended(name: name, .failed("experiments are not available here")))) }
      let (folder, resumes) = experiments.service.folder(name, quick, experimentsRoot)
      if resumes { send(.notice("\(name): resuming \(folder)")) }
      if !experiments.start(name, quick: quick, folder: folder) {
        send(.experiment(.ended(name: name, .failed("another experiment is still running"))))
      }
    case .stopExperiment: experiments?.stop()
    case .loadExperimentCurves(let paths): send(.curvesLoaded(SessionCatalog.curves(folder: nil, files: paths)))
    case .diagnoseSession(let file):
      let folder = self.folder
      jobs.run { .sessionDiagnosed(file: file, WorkbenchFiles.diagnosis(folder: folder, file: file)) }
    case .quit:
      stopEverything()
      quitting = true
    }
  }

  /// Starts run `id`: stops the active run first, then builds the run (a failure is
  /// `.runFailed`), starts its one thread and its session file, and sets it stepping.
  /// With `resume`, the run continues that session (in the Sessions folder) from its
  /// checkpoint, and the new session names it as its parent.
  func start(_ id: Int, _ config: TrainingConfig, resume: (file: String, checkpoint: Checkpoint)? = nil) {
    stop()
    BLAS.threads = config.threads
    var failure: String?
    var warnings: [String] = []
    let trainer = threadStarter {
      do {
        let run = try makeTrainingRun(config)
        if let resume { try run.restore(resume.checkpoint) }
        warnings = run.task.warnings
        return Trainer(run: run)
      } catch {
        failure = "\(error)"
        return nil
      }
    }
    guard let trainer else {
      send(.runFailed(run: id, failure ?? "unknown error"))
      return
    }
    started.removeAll { !$0.isAlive }
    started.append(trainer)
    var writer: SessionWriter?
    do {
      let header = SessionHeader(
        created: SessionFiles.isoNow(), odernn: version, blasCore: BLAS.coreName,
        blasThreads: BLAS.threads, parent: resume.map { ($0.file, $0.checkpoint.step) }, config: config.json)
      writer = try SessionFiles.createWriter(for: config, folder: folder, header: header)
    } catch {
      send(.notice("training without a session file: \(error)"))
    }
    active = ActiveRun(id: id, trainer: trainer, writer: writer)
    send(.runStarted(run: id, session: writer?.path, warnings: warnings))
    trainer.send(.start)
  }

  /// Stops the active run: the trainer writes a final checkpoint and posts `.stopped`; its
  /// last events go to its session and to `update`; the session is closed and the thread
  /// joined before this returns, however long its current step takes.
  func stop() {
    guard let run = active else { return }
    let waiting = "stopping the run (its current step ends first)…"
    send(.notice(waiting))
    draw()
    run.trainer.send(.stop)
    var stopped = false
    while !stopped {
      run.trainer.events.wait(timeout: 0.5)
      for event in run.trainer.drainEvents() {
        deliver(event, of: run)
        if case .stopped = event { stopped = true }
      }
    }
    run.trainer.join()
    run.writer?.close()
    active = nil
    if model.notice == waiting { send(.notice(nil)) }
  }

  func load(path: String, name: String) {
    do {
      let session = try Session.read(path: path)
      let config = try session.header.trainingConfig()
      send(.replayLoaded(file: name, config: config, events: session.events.map(\.event)))
    } catch {
      send(.notice("cannot open \(name): \(error)"))
    }
  }
}
