import TerminalGrid
import Training

/// The run the workbench trains: at most one at a time, owned by the runtime's one trainer
/// thread, and kept apart from any replay so that it stays reachable while replaying.
///
/// Its status is what the thread last reported (`.starting` until it first does), never a
/// guess from a key press: the user's pause/resume and learning-rate changes that the thread
/// has not confirmed yet are held as requests, so quick repeated presses build on each other.
public struct LiveRun: Sendable {
  /// The run's id: every event the runtime hands back for it carries it.
  public let id: Int
  /// Everything the Train screen shows of it.
  public var view: RunView
  /// The running state last asked for and not yet reported by the thread.
  public var requestedRunning: Bool?
  /// The learning rate last asked for (`+`/`-`), the base of the next press.
  public var requestedLearningRate: Double?
  /// What building the run's task warned of (a csv column that looks like an index, …):
  /// shown as a notice when it starts, and on Compose while the draft has the same task.
  public var warnings: [String] = []

  /// A run that was asked to start.
  public init(id: Int, config: TrainingConfig) {
    self.id = id
    view = RunView(config: config)
    view.status = .starting
  }

  /// Whether its thread exists (starting, running or paused).
  public var isActive: Bool { view.status.isActive }

  /// Whether the thread is (or was last asked to be) stepping.
  public var wantsRunning: Bool { requestedRunning ?? (view.status == .running || view.status == .starting) }

  /// The learning rate the next `+`/`-` starts from.
  public var learningRate: Double { requestedLearningRate ?? view.currentLearningRate }
}

/// A replayed session: its run, folded from the recorded events, and the step every pane shows.
public struct ReplaySession: Sendable {
  /// The session file.
  public var file: String
  /// The recorded run.
  public var view: RunView
  /// The step every pane shows.
  public var cursor: Int
  /// The last recorded step.
  public var lastStep: Int
  /// Playing (advancing with the clock) or paused.
  public var playing = false
  /// Playback speed in steps per second.
  public var speed = 50.0
  /// Fractional steps carried between ticks.
  public var carry = 0.0

  /// A replay of `view`, positioned at its last step.
  public init(file: String, view: RunView) {
    self.file = file
    self.view = view
    cursor = view.step
    lastStep = view.step
  }
}

/// The whole state of the workbench. Only `update` changes it; `render` draws it.
public struct WorkbenchModel: Sendable {
  /// The screen shown.
  public var screen: Screen = .compose
  /// The help overlay is open.
  public var showHelp = false
  /// The terminal's size.
  public var size: Size
  /// Unicode or ASCII drawing.
  public var mode: RenderMode
  /// Colours available.
  public var depth: ColorDepth
  /// The config being composed. Every change of its config recomputes the preview's facts
  /// and starts a new preview generation, whose spectrum `update` asks of the runtime.
  public var draft = ComposeDraft() {
    didSet {
      if draft.config != oldValue.config {
        preview = ComposePreview(factsOf: draft.config)
        previewGeneration += 1
      }
    }
  }
  /// The draft's derived facts (kept in step by `draft`'s observer); the spectrum arrives
  /// later as `.previewComputed` of the current generation.
  public internal(set) var preview: ComposePreview
  /// Counts the draft's config changes: a computed preview is taken only if it is of the
  /// current generation (older ones are stale and dropped).
  public private(set) var previewGeneration = 0
  /// The generation last asked of the runtime (`Effect.computePreview`).
  var previewRequested = 0
  /// The selected Compose field.
  public var field: ComposeField = .tableau
  /// Text being typed into the selected field (nil: not typing).
  public var typing: String?
  /// The tableau editor, when open.
  public var editor: TableauEditor?
  /// The run being trained (Train screen), if any.
  public var live: LiveRun?
  /// The session being replayed (Replay screen), if any.
  public var replay: ReplaySession?
  /// The id the next run gets.
  public var nextRunID = 1
  /// Panes shown on Train and Replay.
  public var panes: Set<Pane> = Set(Pane.allCases)
  /// The focused pane (tab cycles).
  public var focus: Pane = .loss
  /// Log-scale y axes.
  public var logY = true
  /// The EMA weight of the loss curves' smoothing: 0 (off), 0.6 or 0.9 (`s` cycles them,
  /// TensorBoard's values); the smoothed line is drawn over the dim raw one.
  public var smoothing = 0.0

  /// The smoothing weights `s` cycles through.
  public static let smoothingSteps = [0.0, 0.6, 0.9]
  /// The loss chart's cursor step on Train and Replay (nil: no cursor).
  public var chartCursor: Int?
  /// The eigen pane shows the one-step map against the unit circle (else ε·λ of the field).
  public var showMap = false
  /// Where Compose's right-hand panes collapse to one (a low terminal), the stability region
  /// is the one shown (else the tableau and its facts); `v` switches.
  public var showRegion = false
  /// Saved sessions (Sessions screen).
  public var sessions: [SessionListing] = []
  /// The selected row of `visibleSessions`.
  public var sessionIndex = 0
  /// Sessions whose loss curves are overlaid, in the order they were picked (their colours).
  public var overlay: [String] = []
  /// The folder the Sessions screen lists, as shown (`./sessions`, or `tui --sessions DIR`).
  public var sessionsFolder = "./sessions"
  /// The curves read so far, by file (only overlaid or selected runs are read).
  public var curves: [String: SessionCurve] = [:]
  /// The metric the Sessions screen overlays (`m` cycles).
  public var overlayMetric: OverlayMetric = .loss
  /// The column the list is sorted by.
  public var sessionSort: SessionColumn = .file
  /// Sorted in descending order.
  public var sortDescending = false
  /// Text the list is filtered by (file, cell, task or status containing it).
  public var sessionFilter = ""
  /// The filter is being typed (`/`).
  public var filtering = false
  /// The drawn runs' configs are shown side by side instead of the list and curves (`d`).
  public var showConfigs = false
  /// The drawn runs' spectra are shown side by side at one step instead of the curves (`E`).
  public var showSpectra = false
  /// The step the spectra view shows (nil: the latest step every drawn run has diagnostics at).
  public var spectraStep: Int?
  /// When ./sessions was last listed (clock seconds), for the refresh every 2 s.
  public var listedAt = -Double.infinity
  /// The open prompt (a path to write or export to, a deletion to confirm), if any.
  public var prompt: Prompt?
  /// The Experiments screen.
  public var experiments = ExperimentsState()
  /// The session whose diagnosis the Sessions screen shows instead of the curves (`g`).
  public var diagnosing: String?
  /// Sessions' diagnoses, by file, as the runtime answered (a failure says why).
  public var diagnoses: [String: Result<RunDiagnosis, DiagnosticError>] = [:]
  /// A one-line notice for the status line.
  public var notice: String?
  /// Clock samples `(seconds, step)` for the steps/s estimate.
  public var rateSamples: [(time: Double, step: Int)] = []
  /// The latest clock reading.
  public var now = 0.0

  /// A fresh workbench.
  public init(size: Size, mode: RenderMode = .unicode, depth: ColorDepth = .ansi256) {
    self.size = size
    self.mode = mode
    self.depth = depth
    preview = ComposePreview(config: draft.config)
  }

  /// The smallest usable terminal.
  public static let minimumSize = Size(width: 80, height: 24)

  /// Whether the terminal is too small to draw the screens.
  public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

  /// Steps per second over the last ~2 s of clock samples.
  public var stepsPerSecond: Double? {
    guard let last = rateSamples.last, let first = rateSamples.first(where: { last.time - $0.time <= 2.5 }),
      last.time > first.time
    else { return nil }
    return Double(last.step - first.step) / (last.time - first.time)
  }

  /// Whether a trainer thread exists for the live run.
  public var hasLiveRun: Bool { live?.isActive ?? false }

  /// The run the current screen shows: the replayed one on Replay, else the live one.
  public var shownRun: RunView? { screen == .replay ? replay?.view : live?.view }
}
