import Tableaux
import TerminalGrid
import Training

extension Workbench {
  /// Keys while a Compose value is being typed: printable characters, backspace, Enter
  /// (apply, with validation), Esc (cancel).
  static func typingKey(_ model: inout WorkbenchModel, _ key: Key) -> [Effect] {
    switch key {
    case .escape:
      model.typing = nil
      model.notice = nil
    case .enter:
      let text = model.typing ?? ""
      model.typing = nil
      model.notice = nil
      // A name outside the catalog: a tableau file, which the runtime reads (update does no I/O).
      if model.field == .tableau, case .string(let name) = ConfigOverride.value(of: text), !name.isEmpty,
        ButcherTableau.named(name) == nil
      {
        return [.loadTableau(name)]
      }
      if let error = model.draft.set(model.field, text: text) {
        model.notice = error
      } else {
        draftChanged(&model)
      }
    case .backspace:
      if model.typing?.isEmpty == false { model.typing?.removeLast() }
    case .tab where model.draft.takesPath(model.field):
      return [.completePath(model.typing ?? "")]
    case .character(let c):
      if (model.typing?.unicodeScalars.count ?? 0) < 240 { model.typing?.unicodeScalars.append(c) }
    default:
      break
    }
    return []
  }

  /// Keys in the tableau editor: arrows move, characters type, Enter applies a valid tableau,
  /// Esc cancels, `+` adds a stage, ctrl-d removes one.
  static func editorKey(_ model: inout WorkbenchModel, _ key: Key) -> [Effect] {
    guard var e = model.editor else { return [] }
    switch key {
    case .escape:
      model.editor = nil
      return []
    case .enter:
      switch e.result {
      case .success(let tableau):
        model.draft.config.cell.tableau = tableau
        model.editor = nil
        draftChanged(&model)
        model.notice = "tableau \(tableau.name): order \(tableau.order)" + (tableau.warnings.first.map { "; \($0)" } ?? "")
      case .failure(let error):
        model.notice = "\(error)"
      }
      return []
    case .up: e.move(rows: -1, columns: 0)
    case .down: e.move(rows: 1, columns: 0)
    case .left: e.move(rows: 0, columns: -1)
    case .right, .tab: e.move(rows: 0, columns: 1)
    case .backspace: e.backspace()
    case .control("d"): e.removeStage()
    case .character("+"): e.addStage()
    case .character(let c): e.type(c)
    case .control("s"): return []
    default: break
    }
    model.editor = e
    return []
  }
}
