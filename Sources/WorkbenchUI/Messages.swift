import TerminalGrid
import Tableaux
import Training

/// Everything that can happen to the workbench: keys, resizes, clock ticks, the trainer's
/// events, and what the runtime reports back after carrying out an effect.
///
/// Messages about a run carry its id (`LiveRun.id`): the runtime tags every event with the
/// run whose thread posted it, and `update` ignores what belongs to a run that is no longer
/// the live one (the final events of a run stopped to start the next).
public enum Msg: Sendable {
  /// A key press.
  case key(Key)
  /// The terminal's new size.
  case resize(Size)
  /// The clock, in seconds since the workbench started (the runtime's; update has none).
  case tick(Double)
  /// An event from the trainer thread of run `run`.
  case trainer(run: Int, TrainerEvent)
  /// The runtime started run `run`'s thread, writing `session` (nil: no session file could be
  /// created; a notice says why).
  case runStarted(run: Int, session: String?, warnings: [String] = [])
  /// Run `run` could not start (its config or data could not be used).
  case runFailed(run: Int, String)
  /// The runtime listed ./sessions (headers and ends only).
  case sessionsListed([SessionListing])
  /// The runtime read the metrics of these sessions (answering `.loadCurves`).
  case curvesLoaded([String: SessionCurve])
  /// The runtime read a session for replay.
  case replayLoaded(file: String, config: TrainingConfig, events: [RunEvent])
  /// Overlay every listed session (`odernn tui --sessions DIR`: a sweep's runs together).
  case overlayAll
  /// A one-line notice for the status line (saved, an error); nil clears it.
  case notice(String?)
  /// The runtime read the tableau file the user typed on Compose.
  case tableauLoaded(ButcherTableau, file: String)
}

/// What `update` asks the runtime to do.
public enum Effect: Sendable, Equatable {
  /// Start run `run` of this config: the runtime first stops the current run (its final
  /// checkpoint, its session closed, its thread joined), then starts one trainer thread and
  /// a session file, and sets it stepping. Answered by `.runStarted` or `.runFailed`.
  case startTraining(run: Int, TrainingConfig)
  /// Send the live run's trainer a command.
  case send(TrainerCommand)
  /// Stop the live run (final checkpoint), close its session and join its thread.
  case stopTraining
  /// Force a checkpoint into the session and flush it (ctrl-s).
  case save
  /// List ./sessions, reading each file's header and end only.
  case listSessions
  /// Read the metrics of these sessions in full (the overlaid or selected runs' curves).
  case loadCurves([String])
  /// Read a session for replay.
  case loadSession(String)
  /// Read a tableau file (DESIGN §1.2's JSON) for Compose.
  case loadTableau(String)
  /// Stop the live run (as `stopTraining`), then restore the terminal and exit.
  case quit
}
