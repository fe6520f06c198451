import TerminalGrid
import Tableaux
import Training

/// One saved session as the Sessions screen lists it.
public struct SessionListing: Sendable {
  /// The file name in ./sessions.
  public var file: String
  /// Tableau (or baseline kind) and derivative order, e.g. `rk4 t=1`.
  public var cell: String
  /// The task's name.
  public var task: String
  /// Steps recorded.
  public var steps: Int
  /// The last loss.
  public var finalLoss: Double?
  /// finished, diverged or interrupted.
  public var status: String
  /// The loss curve.
  public var loss: MetricsHistory

  /// A listing.
  public init(file: String, cell: String, task: String, steps: Int, finalLoss: Double?, status: String, loss: MetricsHistory) {
    self.file = file
    self.cell = cell
    self.task = task
    self.steps = steps
    self.finalLoss = finalLoss
    self.status = status
    self.loss = loss
  }
}

/// Everything that can happen to the workbench: keys, resizes, clock ticks, the trainer's
/// events, and what the runtime reports back after carrying out an effect.
public enum Msg: Sendable {
  /// A key press.
  case key(Key)
  /// The terminal's new size.
  case resize(Size)
  /// The clock, in seconds since the workbench started (the runtime's; update has none).
  case tick(Double)
  /// An event from the trainer thread.
  case trainer(TrainerEvent)
  /// The runtime created the session file for the run it started.
  case sessionStarted(path: String)
  /// The runtime listed ./sessions.
  case sessionsListed([SessionListing])
  /// The runtime read a session for replay.
  case replayLoaded(file: String, config: TrainingConfig, events: [RunEvent])
  /// A one-line notice for the status line (saved, an error).
  case notice(String)
  /// The runtime read the tableau file the user typed on Compose.
  case tableauLoaded(ButcherTableau, file: String)
}

/// What `update` asks the runtime to do.
public enum Effect: Sendable, Equatable {
  /// Start a trainer thread on this config and a session file for it.
  case startTraining(TrainingConfig)
  /// Send the trainer a command.
  case send(TrainerCommand)
  /// Stop the trainer (final checkpoint) and close its session.
  case stopTraining
  /// Force a checkpoint into the session and flush it (ctrl-s).
  case save
  /// List ./sessions.
  case listSessions
  /// Read a session for replay.
  case loadSession(String)
  /// Read a tableau file (DESIGN §1.2's JSON) for Compose.
  case loadTableau(String)
  /// Restore the terminal and exit (after any stopTraining before it).
  case quit
}
