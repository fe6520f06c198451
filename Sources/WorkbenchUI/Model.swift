import TerminalGrid
import Training

/// Replay's position and playback.
public struct ReplayState: Sendable, Equatable {
  /// The session file.
  public var file: String
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
  /// The config being composed; `preview` follows every change of its config.
  public var draft = ComposeDraft() {
    didSet { if draft.config != oldValue.config { preview = ComposePreview(config: draft.config) } }
  }
  /// The draft's derived facts (kept in step by `draft`'s observer).
  public private(set) var preview: ComposePreview
  /// The selected Compose field.
  public var field: ComposeField = .tableau
  /// Text being typed into the selected field (nil: not typing).
  public var typing: String?
  /// The tableau editor, when open.
  public var editor: TableauEditor?
  /// The live run (Train screen) or the replayed one (Replay screen).
  public var run: RunView?
  /// Replay's position, on the Replay screen.
  public var replay: ReplayState?
  /// Panes shown on Train and Replay.
  public var panes: Set<Pane> = Set(Pane.allCases)
  /// The focused pane (tab cycles).
  public var focus: Pane = .loss
  /// Log-scale y axes.
  public var logY = true
  /// EMA smoothing of the loss.
  public var smoothing = false
  /// The eigen pane shows the one-step map against the unit circle (else ε·λ of the field).
  public var showMap = false
  /// Saved sessions (Sessions screen).
  public var sessions: [SessionListing] = []
  /// The selected session.
  public var sessionIndex = 0
  /// Sessions whose loss curves are overlaid.
  public var overlay: Set<String> = []
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
  public var hasLiveRun: Bool {
    guard let run, screen != .replay || replay == nil else { return false }
    return [.running, .paused].contains(run.status)
  }
}
