import Foundation
import JSON
import Sessions
import TerminalGrid
import Testing
import Training
import WorkbenchRuntime
import WorkbenchUI

/// Prompts: `w` writes the Compose draft as a config file, and on Sessions `x` exports a run
/// as CSV, `D` deletes it after a `y`, `e` composes its config; Tab completes typed paths.
@Suite("Prompts: write, export, delete, compose a session, path completion")
struct PromptTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

  func press(_ m: inout WorkbenchModel, _ keys: Key...) -> [Effect] {
    keys.flatMap { Workbench.update(&m, .key($0)) }.withoutPreviews
  }

  func type(_ m: inout WorkbenchModel, _ text: String) {
    for c in text.unicodeScalars { _ = Workbench.update(&m, .key(.character(c))) }
  }

  @Test(arguments: sizes)
  func wAsksForAPathAndWritesABoundedConfig(size: Size) {
    var m = Fixtures.model(size)
    #expect(press(&m, .character("w")).isEmpty)
    #expect(m.prompt?.text == "euler-adding.json")
    let screen = Workbench.render(m).lines()
    #expect(screen[size.height - 2].hasPrefix(" write the config to: euler-adding.json▏"), "\(screen[size.height - 2])")
    #expect(screen[size.height - 1].contains("Enter ok") && screen[size.height - 1].contains("Esc cancel"))
    for _ in 0..<"adding.json".count { _ = press(&m, .backspace) }
    type(&m, "mine.json")
    let effects = press(&m, .enter)
    var expected = m.draft.config.normalized
    expected.steps = 2000  // the draft trains until stopped; a config file needs a number
    #expect(effects == [.writeConfig(path: "euler-mine.json", expected)])
    #expect(m.prompt == nil)
  }

  @Test func escCancelsAndAnInvalidDraftIsNotWritten() {
    var m = Fixtures.model(Size(width: 120, height: 40))
    _ = press(&m, .character("w"))
    #expect(press(&m, .escape).isEmpty && m.prompt == nil)
    m.draft.config.task = .idx(IDXTaskSpec(images: "", labels: ""))
    #expect(press(&m, .character("w")).isEmpty && m.prompt == nil)
    #expect(m.notice?.hasPrefix("cannot write: \"task.images\"") == true, "\(m.notice ?? "")")
  }

  @Test(arguments: sizes)
  func deleteNeedsAYesAndTheLiveRunsFileCannotBeDeleted(size: Size) {
    var m = SessionsFixtures.model(size, overlaid: 0)
    let file = m.selectedSession?.file ?? ""
    #expect(press(&m, .character("D")).isEmpty && m.prompt?.isConfirmation == true)
    let line = Workbench.render(m).lines()[size.height - 2]
    #expect(line.contains("delete "), "\(line)")
    #expect(Workbench.render(m)[1, size.height - 2].style.fg == .yellow, "the question stands out")
    #expect(press(&m, .character("n")).isEmpty && m.prompt == nil && m.notice == "not deleted")
    _ = press(&m, .character("D"))
    #expect(press(&m, .character("y")) == [.deleteSession(file)])
    // The live run writes the last fixture: it is refused.
    while m.selectedSession?.file != SessionsFixtures.live { _ = press(&m, .down) }
    #expect(press(&m, .character("D")).isEmpty && m.prompt == nil)
    #expect(m.notice?.contains("being written by the live run") == true)
  }

  @Test func exportAndComposeFromARow() {
    var m = SessionsFixtures.model(Size(width: 120, height: 40), overlaid: 0)
    let s = m.selectedSession
    _ = press(&m, .character("x"))
    #expect(m.prompt?.text == "\(s?.name ?? "").csv")
    #expect(press(&m, .enter) == [.exportSession(file: s?.file ?? "", csv: "\(s?.name ?? "").csv")])
    #expect(press(&m, .character("e")) == [.openSessionConfig(s?.file ?? "")])
    var config = ComposeDraft().config
    config.cell.hiddenSize = 12
    _ = Workbench.update(&m, .sessionConfigLoaded(file: s?.file ?? "", config))
    #expect(m.screen == .compose && m.draft.config.cell.hiddenSize == 12)
  }

  @Test func tabCompletesPathsInPromptsAndFileFields() {
    #expect(PathCompletion.apply("da", ["data/"]) == ("data/", nil))
    let several = PathCompletion.apply("data/tr", ["data/train-images.idx", "data/train-labels.idx"])
    #expect(several.text == "data/train-" && several.notice == "train-images.idx  train-labels.idx")
    #expect(PathCompletion.apply("zz", []).notice == "no file matches zz")
    var m = Fixtures.model(Size(width: 120, height: 40))
    m.draft.config.task = .idx(IDXTaskSpec(images: "", labels: ""))
    m.field = ComposeField("task.images")
    _ = press(&m, .enter)
    type(&m, "da")
    #expect(press(&m, .tab) == [.completePath("da")])
    _ = Workbench.update(&m, .pathsCompleted(text: "da", ["data/"]))
    #expect(m.typing == "data/")
    // An answer to text that has changed since is dropped.
    _ = Workbench.update(&m, .pathsCompleted(text: "da", ["dance/"]))
    #expect(m.typing == "data/")
    // Not on a number.
    _ = press(&m, .escape)
    m.field = ComposeField("cell.hiddenSize")
    _ = press(&m, .enter)
    #expect(press(&m, .tab).isEmpty)
  }

  // MARK: through the runtime, on real files

  func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-prompts-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  func iterate(_ loop: AppLoop, until condition: () -> Bool) -> Bool {
    for _ in 0..<400 {
      loop.iterate(timeoutMilliseconds: 0)
      if condition() { return true }
    }
    return condition()
  }

  func enqueue(_ terminal: HeadlessTerminal, _ text: String) {
    for c in text.unicodeScalars { terminal.enqueue(.character(c)) }
  }

  @Test func theWrittenConfigIsOneTrainReads() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let terminal = HeadlessTerminal(size: Size(width: 120, height: 40))
    let loop = AppLoop(backend: terminal, folder: dir, version: "test")
    terminal.enqueue(.character("w"))
    for _ in 0..<40 { terminal.enqueue(.backspace) }
    enqueue(terminal, "\(dir)/draft.json")
    terminal.enqueue(.enter)
    let path = "\(dir)/draft.json"
    #expect(iterate(loop) { FileManager.default.fileExists(atPath: path) })
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let config = try TrainingConfig.parse(try JSON.parse(text), .file)
    var expected = loop.state.draft.config.normalized
    expected.steps = 2000
    #expect(config == expected)
    #expect(loop.state.notice?.hasPrefix("config written to \(path), 2000 steps") == true, "\(loop.state.notice ?? "")")
    // Never replaced.
    terminal.enqueue(.character("w"))
    for _ in 0..<40 { terminal.enqueue(.backspace) }
    enqueue(terminal, path)
    terminal.enqueue(.enter)
    #expect(iterate(loop) { loop.state.notice?.hasPrefix("not written") == true }, "\(loop.state.notice ?? "")")
    // Tab completes the directory's entries.
    terminal.enqueue(.character("w"))
    for _ in 0..<40 { terminal.enqueue(.backspace) }
    enqueue(terminal, "\(dir)/dr")
    terminal.enqueue(.tab)
    #expect(iterate(loop) { loop.state.prompt?.text == path }, "\(loop.state.prompt?.text ?? "")")
  }

  @Test func exportComposeAndDeleteASession() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let example = "rk4-t2-sine.session"
    try FileManager.default.copyItem(atPath: repo.appendingPathComponent("sessions/\(example)").path, toPath: "\(dir)/\(example)")
    let terminal = HeadlessTerminal(size: Size(width: 120, height: 40))
    let loop = AppLoop(backend: terminal, folder: dir, version: "test")
    terminal.enqueue(.character("S"))
    #expect(iterate(loop) { loop.state.sessions.count == 1 })
    terminal.enqueue(.character("x"))
    for _ in 0..<60 { terminal.enqueue(.backspace) }
    enqueue(terminal, "\(dir)/out.csv")
    terminal.enqueue(.enter)
    #expect(iterate(loop) { FileManager.default.fileExists(atPath: "\(dir)/out.csv") })
    let session = try Session.read(path: "\(dir)/\(example)")
    #expect(try String(contentsOfFile: "\(dir)/out.csv", encoding: .utf8) == MetricsCSV.text(session.metrics))
    terminal.enqueue(.character("e"))
    #expect(iterate(loop) { loop.state.screen == .compose })
    #expect(loop.state.draft.config == (try session.header.trainingConfig()))
    terminal.enqueue(.character("S"))
    #expect(iterate(loop) { loop.state.screen == .sessions })
    terminal.enqueue(.character("D"), .character("y"))
    #expect(iterate(loop) { loop.state.sessions.isEmpty })
    #expect(!FileManager.default.fileExists(atPath: "\(dir)/\(example)"))
    #expect(loop.state.notice == "deleted \(example)")
  }
}
