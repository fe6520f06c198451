import ArgumentParser
import Foundation
import Sessions
import TerminalGrid
import TerminalNCurses
import Training
import WorkbenchRuntime
import WorkbenchUI

/// `odernn tui`: the workbench (the default subcommand).
struct TUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tui",
    abstract: "Open the workbench: compose a cell, train it live, replay sessions.",
    discussion: """
      --set KEY=VALUE (repeatable; VALUE as JSON, else a string) changes a key of --config \
      before it is validated, or a field of the default cell as Compose would.
      """)

  @Option(help: "Open this session for replay.")
  var session: String?

  @Option(help: "Open Compose on this config (DESIGN §1.4) instead of the default cell.")
  var config: String?

  @Option(
    name: .customLong("set"), parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Override a key of --config or of the default cell: KEY=VALUE (repeatable).", valueName: "key=value"))
  var overrides: [String] = []

  @Flag(help: "Draw with ASCII only (also the default when the locale is not UTF-8).")
  var ascii = false

  @Option(help: "Open the Sessions screen on this folder (a sweep's --out) with every run overlaid; new runs are saved there too.")
  var sessions: String?

  func run() throws {
    let draft = try composeDraft()
    let replay = try session.map { ($0, try CommandSupport.readSession($0)) }
    if let sessions {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: sessions, isDirectory: &isFolder), isFolder.boolValue else {
        throw CommandSupport.bad("--sessions \(sessions): not a folder")
      }
    }
    try Workbench.open(replaying: replay, draft: draft, sessions: sessions, ascii: ascii)
  }
}

extension TUICommand {
  /// The config Compose opens on: `--config` with the `--set`s applied to its document, or the
  /// default draft with each `--set` applied as Compose applies a typed value (so
  /// `--set cell.kind=lstm` needs no other change), normalised (what no longer applies back
  /// at its default); nil for the plain default.
  func composeDraft() throws -> TrainingConfig? {
    let overrides = try CommandSupport.overrides(self.overrides)
    if let config { return try CommandSupport.loadConfig(config, overrides: overrides, .workbench) }
    guard !overrides.isEmpty else { return nil }
    var draft = ComposeDraft().config
    do {
      for o in overrides { try draft.set(o.key, to: o.value, .workbench) }
      try draft.validate(.workbench)
    } catch {
      throw CommandSupport.bad(ConfigOverride.explain(error, overrides))
    }
    return draft.normalized
  }
}

extension Workbench {
  /// Runs the workbench on the terminal until the user quits; the terminal is restored on
  /// every exit path (quit, SIGINT, SIGTERM, errors).
  static func open(
    replaying replay: (file: String, session: Session)?, draft: TrainingConfig? = nil, sessions: String? = nil, ascii: Bool
  ) throws {
    guard isatty(1) != 0, isatty(0) != 0 else {
      throw CommandFailure(
        description: "stdout is not a terminal; use `odernn train --config CFG.json` for headless training",
        exitCode: 2)
    }
    let replayConfig = try replay.map { try CommandSupport.trainingConfig(of: $0.session, $0.file) }
    try CommandSupport.setUpBLAS(threads: 1)
    // ctrl-c, SIGTERM and SIGHUP are orderly exits: the loop stops the run (final checkpoint,
    // `stopped`) and the terminal is restored.
    InterruptFlag.install(signals: [SIGINT, SIGTERM, SIGHUP])
    let terminal: NCursesTerminal
    do {
      terminal = try NCursesTerminal(options: NCursesTerminal.Options(forceASCII: ascii))
    } catch {
      throw CommandSupport.bad("\(error)".replacingOccurrences(of: "odernn: ", with: ""))
    }
    defer { terminal.restore() }
    let loop = AppLoop(
      backend: terminal, folder: sessions ?? "sessions", version: Odernn.version, draft: draft, experiments: WorkbenchExperiments.service)
    loop.threadStarter = { make in NCursesTerminal.withMainThreadSignalsBlocked(make) }
    if sessions != nil {
      loop.send(.key(.character("S")))  // the Sessions screen, listed
      loop.send(.overlayAll)
    }
    if let replay, let replayConfig {
      let name = URL(fileURLWithPath: replay.file).lastPathComponent
      loop.send(.replayLoaded(file: name, config: replayConfig, events: replay.session.events.map(\.event)))
    }
    loop.run { InterruptFlag.isRaised }
  }
}
