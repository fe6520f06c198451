import Foundation
import TerminalGrid
import Training

/// A one-line question on the status row that takes the keys until it is answered: a path to
/// write the draft to (`w` on Compose), a CSV path to export a session to (`x` on Sessions),
/// or a yes/no before deleting a session (`D` on Sessions) or stopping an experiment (`x` on
/// Experiments). Enter answers, Esc cancels.
public struct Prompt: Sendable, Equatable {
  /// What the answer is for.
  public enum Purpose: Sendable, Equatable {
    /// Write the Compose draft as a config file at the typed path.
    case writeConfig
    /// Export the session's metrics as CSV to the typed path.
    case exportSession(String)
    /// Delete the session file (answered with `y`).
    case deleteSession(String)
    /// Stop the running experiment (answered with `y`).
    case stopExperiment
  }

  /// What the answer is for.
  public var purpose: Purpose
  /// The question's words before its subject (`delete `).
  public var before: String
  /// What the question is about (a session's file name): shortened in the middle when the
  /// row is narrow, so its start and its end stay.
  public var subject: String
  /// The question's words after its subject (`?`).
  public var after: String
  /// A hint after the question (` y deletes, any other key keeps it`), left out when the row
  /// is narrow (the key bar says it too).
  public var detail: String
  /// The text typed so far (prefilled with a suggestion for paths).
  public var text: String

  /// A prompt asking `before + subject + after`, then `detail`.
  public init(_ purpose: Purpose, _ before: String, subject: String = "", after: String = "", detail: String = "", text: String = "") {
    self.purpose = purpose
    self.before = before
    self.subject = subject
    self.after = after
    self.detail = detail
    self.text = text
  }

  /// The whole question.
  public var question: String { before + subject + after + detail }

  /// The question in at most `width` characters: whole if it fits, else without its detail,
  /// else with its subject shortened in the middle with `ellipsis` (the words around it
  /// always whole). `spell` is how the screen will write it (ASCII mode spells glyphs out).
  public func question(fitting width: Int, spell: (String) -> String = { $0 }, ellipsis: String = "…") -> String {
    if spell(question).count <= width { return spell(question) }
    let bare = spell(before + subject + after)
    if bare.count <= width { return bare }
    let around = spell(before).count + spell(after).count
    return spell(before) + SessionColumns.middle(spell(subject), max(1, width - around), ellipsis: ellipsis) + spell(after)
  }

  /// Whether the answer is a yes/no (the key answers at once) rather than typed text.
  public var isConfirmation: Bool {
    switch purpose {
    case .deleteSession, .stopExperiment: true
    case .writeConfig, .exportSession: false
    }
  }
}

extension Workbench {
  /// Keys while a prompt is open: a confirmation takes `y` (anything else cancels); a path
  /// takes characters, backspace, Tab (path completion, answered by `.pathsCompleted`),
  /// Enter (answer) and Esc (cancel).
  static func promptKey(_ model: inout WorkbenchModel, _ key: Key) -> [Effect] {
    guard var prompt = model.prompt else { return [] }
    if prompt.isConfirmation {
      model.prompt = nil
      let yes = key == .character("y") || key == .character("Y")
      switch prompt.purpose {
      case .deleteSession(let file):
        guard yes else {
          model.notice = "not deleted"
          return []
        }
        return [.deleteSession(file)]
      case .stopExperiment:
        guard yes, model.experiments.running != nil else {
          model.notice = "still running"
          return []
        }
        model.experiments.running?.stopping = true
        return [.stopExperiment]
      case .writeConfig, .exportSession:
        return []
      }
    }
    switch key {
    case .escape:
      model.prompt = nil
      model.notice = nil
      return []
    case .enter:
      model.prompt = nil
      let path = prompt.text.trimmingCharacters(in: .whitespaces)
      guard !path.isEmpty else {
        model.notice = "no path given: nothing written"
        return []
      }
      return answer(&model, prompt.purpose, path)
    case .tab:
      return [.completePath(prompt.text)]
    case .backspace:
      if !prompt.text.isEmpty { prompt.text.removeLast() }
    case .character(let c):
      if prompt.text.unicodeScalars.count < 240 { prompt.text.unicodeScalars.append(c) }
    default:
      return []
    }
    model.prompt = prompt
    return []
  }

  /// What answering a path prompt asks of the runtime.
  static func answer(_ model: inout WorkbenchModel, _ purpose: Prompt.Purpose, _ path: String) -> [Effect] {
    switch purpose {
    case .writeConfig:
      var config = model.draft.config.normalized
      // A config file trains a bounded number of steps (`train --config` refuses null); the
      // runtime's notice names the number written.
      if config.steps == nil { config.steps = ConfigSchema.defaults.steps }
      return [.writeConfig(path: path, config)]
    case .exportSession(let file):
      return [.exportSession(file: file, csv: path)]
    case .deleteSession, .stopExperiment:
      return []
    }
  }

  /// Paths that complete the prompt's text arrived: one is taken whole, several extend the text
  /// by their common prefix and are listed in the notice.
  /// The text is a prompt's or a Compose value being typed; a completion of text that has
  /// changed since it was asked for is dropped.
  static func pathsCompleted(_ model: inout WorkbenchModel, text: String, _ candidates: [String]) {
    let updated = PathCompletion.apply(text, candidates)
    if model.prompt?.text == text {
      model.prompt?.text = updated.text
    } else if model.typing == text {
      model.typing = updated.text
    } else {
      return
    }
    model.notice = updated.notice
  }
}

/// Completing a typed path from the directory entries the runtime read.
public enum PathCompletion {
  /// The text after completion and a notice: the one candidate whole; else the candidates'
  /// longest common prefix, with the candidates' names listed (at most 8, then `…`).
  public static func apply(_ text: String, _ candidates: [String]) -> (text: String, notice: String?) {
    guard let first = candidates.first else { return (text, "no file matches \(text)") }
    if candidates.count == 1 { return (first, nil) }
    var common = first
    for c in candidates.dropFirst() {
      while !c.hasPrefix(common) { common.removeLast() }
    }
    let names = candidates.map { $0.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? $0 }
    let shown = names.prefix(8).joined(separator: "  ") + (names.count > 8 ? "  …" : "")
    return (common.count > text.count ? common : text, shown)
  }
}
