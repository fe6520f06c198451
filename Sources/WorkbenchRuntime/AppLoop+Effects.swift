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
    case .startTraining(let config): start(config)
    case .send(let command): trainer?.send(command)
    case .stopTraining: stop()
    case .save:
      trainer?.send(.checkpoint)
      if let path = writer?.path { send(.notice("saved: checkpoint written to \(path)")) }
    case .listSessions: send(.sessionsListed(SessionCatalog.list(folder: folder)))
    case .loadSession(let file): load(path: "\(folder)/\(file)", name: file)
    case .loadTableau(let file):
      switch TableauLoading.tableau(nameOrFile: file) {
      case .success(let tableau): send(.tableauLoaded(tableau, file: file))
      case .failure(let error): send(.notice("tableau: \(error.description)"))
      }
    case .quit: quitting = true
    }
  }

  func start(_ config: TrainingConfig) {
    BLAS.threads = config.threads
    var failure: String?
    let started = threadStarter {
      do {
        return Trainer(run: try makeTrainingRun(config))
      } catch {
        failure = "\(error)"
        return nil
      }
    }
    guard let started else {
      send(.notice("cannot start: \(failure ?? "unknown error")"))
      return
    }
    do {
      let header = SessionHeader(
        created: SessionFiles.isoNow(), odernn: version, blasCore: BLAS.coreName,
        blasThreads: BLAS.threads, parent: nil, config: config.json)
      writer = try SessionFiles.createWriter(for: config, folder: folder, header: header)
    } catch {
      writer = nil
      send(.notice("training without a session file: \(error)"))
    }
    trainer = started
    if let writer { send(.sessionStarted(path: writer.path)) }
  }

  /// Stops the trainer (it writes a final checkpoint), records its last events and closes
  /// the session. Waits for the thread's `stopped` event, at most 30 s.
  func stop() {
    guard let trainer else { return }
    trainer.send(.stop)
    let deadline = clock.now + .seconds(30)
    var stopped = false
    while !stopped && clock.now < deadline {
      trainer.events.wait(timeout: 0.5)
      for event in trainer.drainEvents() {
        record(event)
        send(.trainer(event))
        if case .stopped = event { stopped = true }
      }
    }
    writer?.close()
    writer = nil
    self.trainer = nil
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

/// The Sessions screen's listing of a folder.
public enum SessionCatalog {
  /// The readable sessions in `folder`, oldest first (unreadable ones are skipped).
  public static func list(folder: String) -> [SessionListing] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".session") }.sorted()
    return names.compactMap { name in
      guard let session = try? Session.read(path: "\(folder)/\(name)") else { return nil }
      let s = SessionSummary(file: name, session: session)
      var loss = MetricsHistory(capacity: 2048)
      for m in session.metrics { loss.append(step: m.step, value: m.loss) }
      let cell = s.derivativeOrder.map { "\(s.tableau) t=\($0)" } ?? s.tableau
      return SessionListing(file: name, cell: cell, task: s.task, steps: s.steps, finalLoss: s.finalLoss, status: s.status, loss: loss)
    }
  }
}
