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
///
/// A frame is rendered only when the model may have changed since the last one: a message
/// other than the clock's tick was sent, or a run is live or a replay plays (their ticks
/// move the rate and the cursor). The views read nothing of the clock itself, so an idle
/// workbench renders nothing between keys.
///
/// The loop owns the run lifecycle: `active` is the one run with a trainer thread. Starting a
/// run stops the active one first (final checkpoint, session closed, thread joined), so at
/// most one trainer thread exists at any time (`aliveTrainerThreads`).
public final class AppLoop {
  let backend: any TerminalBackend
  var model: WorkbenchModel
  var active: ActiveRun?
  /// Every trainer this loop started, to count the threads still alive.
  var started: [Trainer] = []
  var previous: Grid
  /// Whether a message may have changed what the model shows since the last frame.
  var stale = true
  /// Frames rendered so far (for tests of the idle loop).
  public private(set) var framesRendered = 0
  var quitting = false
  let folder: String
  let version: String
  let clock = ContinuousClock()
  let opened: ContinuousClock.Instant
  /// Wraps the creation of the trainer's thread (the ncurses backend blocks terminal signals
  /// around it, so they reach the main thread).
  public var threadStarter: (() -> Trainer?) -> Trainer? = { $0() }
  /// Computes Compose previews off this thread.
  let previews: PreviewWorker
  /// Runs slow reads (a session's diagnosis) off this thread.
  let jobs = BackgroundJobs()
  /// Runs experiments off this thread (nil: the workbench was built without them).
  let experiments: ExperimentWorker?
  /// Where experiments write their folders: `experiments/` in the Sessions folder, as
  /// `odernn experiment` does by default.
  var experimentsRoot: String { "\(folder)/experiments" }

  /// A loop over `backend`, saving sessions into `folder`; `version` goes into their headers.
  /// Compose opens on `draft` when given (`odernn tui --config`), else on the default cell.
  /// `computePreview` is the Compose preview's computation, run on a thread of its own
  /// (tests inject one that blocks, to show keys are handled while it runs); its second
  /// argument says whether a newer draft waits (then it may give up and return nil).
  /// `experiments` runs the Experiments screen's experiments (tests inject their own).
  public init(
    backend: any TerminalBackend, folder: String = "sessions", version: String, draft: TrainingConfig? = nil,
    computePreview: @escaping @Sendable (TrainingConfig, () -> Bool) -> ComposePreview? = { ComposePreview.compute($0, isCancelled: $1) },
    experiments: ExperimentService? = nil
  ) {
    previews = PreviewWorker(compute: computePreview)
    self.experiments = experiments.map(ExperimentWorker.init(service:))
    self.backend = backend
    self.folder = folder
    self.version = version
    model = WorkbenchModel(size: backend.size, mode: backend.renderMode, depth: backend.colorDepth)
    if let draft { model.draft = ComposeDraft(config: draft) }
    model.sessionsFolder = folder == "sessions" ? "./sessions" : folder
    previous = Grid(width: 0, height: 0)
    opened = clock.now
  }

  deinit {
    previews.close()
    jobs.close()
  }

  /// Feeds a message through `update` and carries out the effects.
  public func send(_ msg: Msg) {
    if case .tick = msg {} else { stale = true }
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
    stopEverything()
  }

  /// Stops the live run (final checkpoint) and the running experiment (its training runs
  /// stop with a final checkpoint; the screen says so while they do), and waits for both.
  func stopEverything() {
    if active != nil { perform(.stopTraining) }
    guard let experiments, experiments.isRunning else { return }
    experiments.stop()
    send(.notice("stopping the experiment: its runs keep a final checkpoint…"))
    draw()
    experiments.join()
  }

  /// One iteration: a key (waiting up to one frame), the trainer's events, a clock tick, a
  /// frame. Tests drive the loop with this.
  public func iterate(timeoutMilliseconds: Int) {
    if let key = backend.readKey(timeoutMilliseconds: timeoutMilliseconds) {
      if key == .resize { previous = Grid(width: 0, height: 0) }  // the backend cleared its screen
      switch key {
      case .resize: send(.resize(backend.size))
      case .mouse(let event): send(.mouse(event))
      default: send(.key(key))
      }
    }
    for result in previews.results.drain() { send(.previewComputed(generation: result.generation, result.preview)) }
    for message in experiments?.messages.drain() ?? [] { send(.experiment(message)) }
    for message in jobs.results.drain() { send(message) }
    pumpTrainer()
    send(.tick(seconds))
    if model.live?.isActive == true || model.replay?.playing == true { stale = true }
    if !quitting && stale { draw() }
  }

  /// Whether the user asked to quit.
  public var hasQuit: Bool { quitting }

  /// The model (read-only, for tests and the executable).
  public var state: WorkbenchModel { model }

  var seconds: Double { (clock.now - opened).inSeconds }

  /// The trainer threads this loop started that have not exited: 0 or 1.
  public var aliveTrainerThreads: Int { started.filter(\.isAlive).count }

  /// The session file of the active run, if it has one.
  public var activeSessionPath: String? { active?.writer?.path }

  /// Draws the model, sending only what changed since the last frame.
  func draw() {
    stale = false
    framesRendered += 1
    let frame = Workbench.render(model)
    let changes = frame.changes(from: previous)  // every row when the size changed
    if !changes.isEmpty {
      backend.draw(changes)
      backend.present()
    }
    previous = frame
  }

  /// Drains the active trainer's events into its session file and the model. A run that
  /// finished or diverged has nothing left to do: its thread is told to stop, and once it
  /// has, it is joined and its session closed.
  func pumpTrainer() {
    guard let run = active else { return }
    for event in run.trainer.drainEvents() {
      deliver(event, of: run)
      switch event {
      case .run(.finished), .run(.diverged): run.trainer.send(.stop)
      case .stopped:
        run.trainer.join()
        run.writer?.close()
        active = nil
      default: break
      }
    }
  }

  /// Records `event` in `run`'s session and hands it to `update`, tagged with the run's id.
  func deliver(_ event: TrainerEvent, of run: ActiveRun) {
    if case .run(let e) = event, let writer = run.writer {
      do {
        try writer.append([e])
      } catch {
        send(.notice("cannot write the session: \(error)"))
      }
    }
    send(.trainer(run: run.id, event))
  }
}

/// The run with a trainer thread: its id, its trainer and its session file.
final class ActiveRun {
  let id: Int
  let trainer: Trainer
  let writer: SessionWriter?

  init(id: Int, trainer: Trainer, writer: SessionWriter?) {
    self.id = id
    self.trainer = trainer
    self.writer = writer
  }
}
