import TerminalGrid

/// One key binding: the key, what it does, and how help shows it.
public struct Binding: Sendable, Equatable {
  /// The key.
  public var key: Key
  /// The action.
  public var action: Action
  /// The key as help shows it (`space`, `ctrl-s`, `↑`).
  public var keyLabel: String
  /// What it does, in a few words.
  public var label: String
  /// Whether the key-help bar shows it (help always does).
  public var inBar: Bool

  init(_ key: Key, _ action: Action, _ keyLabel: String, _ label: String, bar: Bool = true) {
    self.key = key
    self.action = action
    self.keyLabel = keyLabel
    self.label = label
    inBar = bar
  }
}

/// The key bindings of every screen, as data. Screen bindings win over global ones; the help
/// overlay and the key-help bar are generated from these tables.
public enum Keymap {
  static func ch(_ c: Unicode.Scalar) -> Key { .character(c) }

  /// Keys that work on every screen.
  public static let global: [Binding] = [
    Binding(ch("?"), .help, "?", "help"),
    Binding(ch("q"), .quit, "q", "quit"),
    Binding(.escape, .back, "Esc", "back", bar: false),
    Binding(.control("s"), .save, "ctrl-s", "save", bar: false),
  ]

  /// Keys per screen.
  public static let screens: [Screen: [Binding]] = [
    .compose: [
      Binding(ch(" "), .toggleRun, "space", "train"),
      Binding(.up, .moveUp, "↑", "field", bar: false),
      Binding(.down, .moveDown, "↓", "field", bar: false),
      Binding(ch("k"), .moveUp, "k", "field up", bar: false),
      Binding(ch("j"), .moveDown, "j", "field down", bar: false),
      Binding(.left, .decrease, "←", "less", bar: false),
      Binding(.right, .increase, "→", "more", bar: false),
      Binding(ch("h"), .decrease, "h", "less", bar: false),
      Binding(ch("l"), .increase, "l", "more", bar: false),
      Binding(.enter, .typeValue, "Enter", "type a value"),
      Binding(ch("e"), .editTableau, "e", "edit tableau"),
      Binding(ch("w"), .writeConfig, "w", "write config"),
      Binding(ch("S"), .openSessions, "S", "sessions"),
      Binding(ch("v"), .toggleComposePane, "v", "tableau/region pane", bar: false),
      Binding(ch("X"), .openExperiments, "X", "experiments", bar: false),
      Binding(.tab, .openTrain, "tab", "train screen", bar: false),
      Binding(ch("t"), .openTrain, "t", "back to the live run", bar: false),
    ],
    .train: [
      Binding(ch(" "), .toggleRun, "space", "pause/resume"),
      Binding(ch("n"), .singleStep, "n", "step"),
      Binding(ch("r"), .reset, "r", "reset"),
      Binding(ch("+"), .learningRateUp, "+", "lr×2"),
      Binding(ch("-"), .learningRateDown, "-", "lr÷2"),
      Binding(ch("y"), .toggleLogY, "y", "log-y"),
      Binding(ch("s"), .toggleSmoothing, "s", "smooth"),
      Binding(ch("v"), .toggleEigenView, "v", "field/map"),
      Binding(.tab, .cycleFocus, "tab", "focus", bar: false),
      Binding(.left, .cursorLeft, "←", "cursor back", bar: false),
      Binding(.right, .cursorRight, "→", "cursor forward", bar: false),
      Binding(.home, .cursorFirst, "Home", "cursor to the first step", bar: false),
      Binding(.end, .cursorLast, "End", "cursor off", bar: false),
      Binding(ch("1"), .togglePane1, "1", "loss pane", bar: false),
      Binding(ch("2"), .togglePane2, "2", "gradient pane", bar: false),
      Binding(ch("3"), .togglePane3, "3", "heatmap pane", bar: false),
      Binding(ch("4"), .togglePane4, "4", "eigen pane", bar: false),
      Binding(ch("c"), .openCompose, "c", "compose", bar: false),
      Binding(ch("S"), .openSessions, "S", "sessions", bar: false),
      Binding(ch("X"), .openExperiments, "X", "experiments", bar: false),
      Binding(ch("e"), .editTableau, "e", "edit tableau", bar: false),
    ],
    .sessions: [
      Binding(.up, .moveUp, "↑", "previous", bar: false),
      Binding(.down, .moveDown, "↓", "next", bar: false),
      Binding(ch("k"), .moveUp, "k", "previous", bar: false),
      Binding(ch("j"), .moveDown, "j", "next", bar: false),
      Binding(ch(" "), .toggleOverlay, "space", "overlay"),
      Binding(.enter, .openReplay, "Enter", "replay"),
      Binding(ch("/"), .filterSessions, "/", "filter"),
      Binding(ch("o"), .cycleSort, "o", "sort"),
      Binding(ch("O"), .reverseSort, "O", "reverse", bar: false),
      Binding(ch("d"), .compareConfigs, "d", "configs"),
      Binding(ch("m"), .cycleMetric, "m", "metric"),
      Binding(ch("E"), .compareSpectra, "E", "spectra", bar: false),
      Binding(ch("g"), .diagnoseSession, "g", "diagnose it", bar: false),
      Binding(ch(","), .cursorLeft, ",", "spectra: earlier step", bar: false),
      Binding(ch("."), .cursorRight, ".", "spectra: later step", bar: false),
      Binding(ch("e"), .composeSession, "e", "compose it"),
      Binding(ch("R"), .resumeSession, "R", "resume it", bar: false),
      Binding(ch("x"), .exportSession, "x", "export CSV", bar: false),
      Binding(ch("D"), .deleteSession, "D", "delete", bar: false),
      Binding(ch("y"), .toggleLogY, "y", "log-y", bar: false),
      Binding(ch("c"), .openCompose, "c", "compose"),
      Binding(ch("X"), .openExperiments, "X", "experiments", bar: false),
      Binding(ch("t"), .openTrain, "t", "back to the live run", bar: false),
    ],
    .experiments: [
      Binding(.up, .moveUp, "↑", "previous", bar: false),
      Binding(.down, .moveDown, "↓", "next", bar: false),
      Binding(ch("k"), .moveUp, "k", "previous", bar: false),
      Binding(ch("j"), .moveDown, "j", "next", bar: false),
      Binding(.enter, .runExperiment, "Enter", "run"),
      Binding(ch("f"), .toggleQuick, "f", "quick/full"),
      Binding(ch("v"), .cycleExperimentView, "v", "view"),
      Binding(ch("x"), .stopExperiment, "x", "stop"),
      Binding(.pageUp, .pageUp, "PgUp", "table up", bar: false),
      Binding(.pageDown, .pageDown, "PgDn", "table down", bar: false),
      Binding(ch("c"), .openCompose, "c", "compose", bar: false),
      Binding(ch("S"), .openSessions, "S", "sessions", bar: false),
      Binding(ch("t"), .openTrain, "t", "back to the live run", bar: false),
    ],
    .replay: [
      Binding(ch("["), .replayBack, "[", "back"),
      Binding(ch("]"), .replayForward, "]", "forward"),
      Binding(.left, .replayBack, "←", "back", bar: false),
      Binding(.right, .replayForward, "→", "forward", bar: false),
      Binding(ch(","), .cursorLeft, ",", "cursor back", bar: false),
      Binding(ch("."), .cursorRight, ".", "cursor forward", bar: false),
      Binding(.home, .cursorFirst, "Home", "cursor to the first step", bar: false),
      Binding(.end, .cursorLast, "End", "cursor off", bar: false),
      Binding(ch("g"), .replayFirst, "g", "first"),
      Binding(ch("G"), .replayLast, "G", "last"),
      Binding(ch(" "), .replayPlay, "space", "play/pause"),
      Binding(ch("+"), .replayFaster, "+", "faster"),
      Binding(ch("-"), .replaySlower, "-", "slower"),
      Binding(ch("y"), .toggleLogY, "y", "log-y", bar: false),
      Binding(ch("s"), .toggleSmoothing, "s", "smooth", bar: false),
      Binding(ch("v"), .toggleEigenView, "v", "field/map", bar: false),
      Binding(ch("1"), .togglePane1, "1", "loss pane", bar: false),
      Binding(ch("2"), .togglePane2, "2", "gradient pane", bar: false),
      Binding(ch("3"), .togglePane3, "3", "heatmap pane", bar: false),
      Binding(ch("4"), .togglePane4, "4", "eigen pane", bar: false),
      Binding(ch("S"), .openSessions, "S", "sessions", bar: false),
      Binding(ch("X"), .openExperiments, "X", "experiments", bar: false),
      Binding(ch("t"), .openTrain, "t", "back to the live run", bar: false),
    ],
  ]

  /// Keys while the tableau editor is open.
  public static let tableauEditor: [Binding] = [
    Binding(.up, .moveUp, "↑↓←→", "move", bar: true),
    Binding(.enter, .select, "Enter", "apply"),
    Binding(.escape, .back, "Esc", "cancel"),
    Binding(ch("+"), .addStage, "+", "add stage"),
    Binding(.control("d"), .removeStage, "ctrl-d", "remove stage"),
  ]

  /// The action `key` triggers on `screen`.
  public static func action(for key: Key, on screen: Screen) -> Action? {
    (screens[screen] ?? []).first { $0.key == key }?.action ?? global.first { $0.key == key }?.action
  }

  /// The bindings of a screen, screen first, without duplicates of one action and label.
  public static func bindings(for screen: Screen) -> [Binding] {
    var seen: Set<String> = []
    return ((screens[screen] ?? []) + global).filter { seen.insert("\($0.action)|\($0.keyLabel)").inserted }
  }
}
