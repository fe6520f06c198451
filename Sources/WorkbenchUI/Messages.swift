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
  /// The runtime computed the preview of generation `generation` of the draft (answering
  /// `.computePreview`); taken only while that generation is current.
  case previewComputed(generation: Int, ComposePreview)
  /// A mouse press, release or wheel turn.
  case mouse(MouseEvent)
  /// The paths that complete `text` (answering `.completePath`), directories ending in `/`.
  case pathsCompleted(text: String, [String])
  /// The runtime read a session to resume (answering `.readResume`): its config, with the
  /// steps it has left (nil: until stopped), and the step of its last checkpoint.
  case resumeReady(file: String, config: TrainingConfig, step: Int)
  /// The runtime read a session's config (answering `.openSessionConfig`).
  case sessionConfigLoaded(file: String, TrainingConfig)
  /// About experiments: the catalog, a running one's progress, how it ended.
  case experiment(ExperimentMsg)
  /// The runtime diagnosed a session's last checkpoint (answering `.diagnoseSession`), or
  /// says why it could not.
  case sessionDiagnosed(file: String, Result<RunDiagnosis, DiagnosticError>)
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
  /// Compute the whole preview of this config (its spectrum) off the main thread and answer
  /// `.previewComputed(generation:…)`; a newer request supersedes one not yet started.
  case computePreview(generation: Int, TrainingConfig)
  /// Write `config` as a config file (its effective config, DESIGN §1.4) at `path`, refusing
  /// to replace an existing file; answered by a notice.
  case writeConfig(path: String, TrainingConfig)
  /// Export the session's metrics as CSV (as `odernn export --csv`), refusing to replace a file.
  case exportSession(file: String, csv: String)
  /// Delete the session file, then list the folder again.
  case deleteSession(String)
  /// Read a session's config for Compose; answered by `.sessionConfigLoaded` or a notice.
  case openSessionConfig(String)
  /// Read a session's config and last checkpoint to resume it; answered by `.resumeReady` or
  /// a notice.
  case readResume(String)
  /// As `.startTraining`, but continuing the session `file` in the Sessions folder from its
  /// checkpoint at `step` (restored before the first step), into a new session whose header
  /// names it as the parent, as `odernn train --resume` does.
  case resumeTraining(run: Int, TrainingConfig, file: String, step: Int)
  /// List the paths that complete `text`; answered by `.pathsCompleted`.
  case completePath(String)
  /// List the experiments and read each one's newest `report.json`; answered by
  /// `.experiment(.listed…)`.
  case listExperiments
  /// Run an experiment on a thread of its own (its training runs as child processes), into a
  /// new folder; answered by `.experiment(.progress…)` as it goes and `.experiment(.ended…)`.
  case runExperiment(name: String, quick: Bool)
  /// Stop the running experiment (its runs keep a final checkpoint; running it again resumes
  /// nothing: a new folder is used); answered by `.experiment(.ended…)`.
  case stopExperiment
  /// Read the metrics of these session paths (an experiment's, as its report names them);
  /// answered by `.curvesLoaded`, keyed by path.
  case loadExperimentCurves([String])
  /// Diagnose the session's last checkpoint (`RunDiagnosis`: ‖h_t‖, the truncation gap, the
  /// singular values of ∂S_T/∂S_0) off the main thread; answered by `.sessionDiagnosed`.
  case diagnoseSession(String)
  /// Stop the live run (as `stopTraining`), then restore the terminal and exit.
  case quit
}
