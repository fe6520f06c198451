import Foundation
import Linalg
import Sessions
import Synchronization
import TerminalGrid
import Training
import WorkbenchUI

/// The workbench's event loop: keys and the trainer's events in, frames out.
///
/// Each iteration waits up to one frame (33 ms) for a key, drains the trainer's mailbox
/// (appending every run event to the session file), feeds everything through
/// `Workbench.update`, carries out the effects, renders the model into a fresh grid and sends
/// only the changed cells to the terminal. Only this thread touches the terminal.
public final class AppLoop {
  let backend: any TerminalBackend
  var model: WorkbenchModel
  var trainer: Trainer?
  var writer: SessionWriter?
  var previous: Grid
  var quitting = false
  let folder: String
  let version: String
  let clock = ContinuousClock()
  let started: ContinuousClock.Instant
  /// Wraps the creation of the trainer's thread (the ncurses backend blocks terminal signals
  /// around it, so they reach the main thread).
  public var threadStarter: (() -> Trainer?) -> Trainer? = { $0() }

  /// A loop over `backend`, saving sessions into `folder`; `version` goes into their headers.
  /// Compose opens on `draft` when given (`odernn tui --config`), else on the default cell.
  public init(backend: any TerminalBackend, folder: String = "sessions", version: String, draft: TrainingConfig? = nil) {
    self.backend = backend
    self.folder = folder
    self.version = version
    model = WorkbenchModel(size: backend.size, mode: backend.renderMode, depth: backend.colorDepth)
    if let draft { model.draft = ComposeDraft(config: draft) }
    previous = Grid(width: 0, height: 0)
    started = clock.now
  }

  /// Feeds a message through `update` and carries out the effects.
  public func send(_ msg: Msg) {
    let effects = Workbench.update(&model, msg)
    for effect in effects { perform(effect) }
  }

  /// Runs until the user quits (or SIGINT/SIGTERM arrives); the trainer is stopped and the
  /// session closed first. Opening a session for replay first is `send(.replayLoaded…)`.
  public func run(interrupted: () -> Bool) {
    draw()
    while !quitting {
      if interrupted() { break }
      iterate(timeoutMilliseconds: 33)
    }
    if trainer != nil { perform(.stopTraining) }
  }

  /// One iteration: a key (waiting up to one frame), the trainer's events, a clock tick, a
  /// frame. Tests drive the loop with this.
  public func iterate(timeoutMilliseconds: Int) {
    if let key = backend.readKey(timeoutMilliseconds: timeoutMilliseconds) {
      if key == .resize { previous = Grid(width: 0, height: 0) }  // the backend cleared its screen
      send(key == .resize ? .resize(backend.size) : .key(key))
    }
    pumpTrainer()
    send(.tick(seconds))
    if !quitting { draw() }
  }

  /// Whether the user asked to quit.
  public var hasQuit: Bool { quitting }

  /// The model (read-only, for tests and the executable).
  public var state: WorkbenchModel { model }

  var seconds: Double { (clock.now - started).inSeconds }

  /// Draws the model, sending only what changed since the last frame.
  func draw() {
    let frame = Workbench.render(model)
    let changes = frame.changes(from: previous)  // every row when the size changed
    if !changes.isEmpty {
      backend.draw(changes)
      backend.present()
    }
    previous = frame
  }

  /// Drains the trainer's events into the session file and the model.
  func pumpTrainer() {
    guard let trainer else { return }
    for event in trainer.drainEvents() {
      record(event)
      send(.trainer(event))
    }
  }

  func record(_ event: TrainerEvent) {
    guard case .run(let e) = event, let writer else { return }
    do {
      try writer.append([e])
    } catch {
      send(.notice("cannot write the session: \(error)"))
    }
  }
}
