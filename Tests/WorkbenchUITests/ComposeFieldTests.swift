import Tableaux
import TerminalGrid
import Testing
import Training
import WorkbenchUI

/// Compose's rows come from the config schema: exactly the fields that apply, stepped by
/// their nudges, typed values applied by the schema (so the messages are a config file's).
@Suite("Compose: fields from the schema")
struct ComposeFieldTests {
  static let size = Size(width: 100, height: 30)

  func press(_ m: inout WorkbenchModel, _ keys: Key...) -> [Effect] {
    keys.flatMap { Workbench.update(&m, .key($0)) }
  }

  /// Selects `key`'s row and types `text` into it.
  func type(_ m: inout WorkbenchModel, _ key: String, _ text: String) -> [Effect] {
    m.field = ComposeField(key)
    return press(&m, .enter) + text.unicodeScalars.flatMap { press(&m, .character($0)) } + press(&m, .enter)
  }

  func draft(_ change: (inout TrainingConfig) throws -> Void) rethrows -> ComposeDraft {
    var c = ComposeDraft().config
    try change(&c)
    return ComposeDraft(config: c)
  }

  @Test func theRowsAreExactlyTheFieldsThatApply() throws {
    let run = ["batchSize", "steps", "seed", "precision", "threads", "diagnosticsEvery", "checkpointEvery", "constraint.spectralNorm"]
    let adam = ["optimizer.name", "optimizer.learningRate", "optimizer.beta1", "optimizer.beta2", "optimizer.epsilon", "optimizer.clipNorm"]
    #expect(ComposeDraft().visibleFields.map(\.key) == [
      "cell.kind", "cell.tableau", "cell.derivativeOrder", "cell.hiddenSize", "cell.stepSize", "cell.activation", "cell.structure",
      "cell.gamma", "cell.decay", "cell.gated", "task.name", "task.length",
    ] + adam + run)
    let keys = { (d: ComposeDraft) in Set(d.visibleFields.map(\.key)) }
    let dense = try draft { try $0.set("cell.structure", to: "dense") }
    #expect(!keys(dense).contains("cell.gamma"))
    let implicit = try draft { try $0.set("cell.tableau", to: "gauss-legendre-2") }
    #expect(keys(implicit).contains("cell.implicitIterations"))
    let lstm = try draft { try $0.set("cell.kind", to: "lstm") }
    #expect(lstm.visibleFields.map(\.key).filter { $0.hasPrefix("cell.") } == ["cell.kind", "cell.hiddenSize"])
    let copy = try draft { try $0.set("task.name", to: "copy") }
    #expect(copy.visibleFields.map(\.key).filter { $0.hasPrefix("task.") } == ["task.name", "task.delay", "task.symbols", "task.length"])
    let sgd = try draft { try $0.set("optimizer.name", to: "sgd") }
    #expect(sgd.visibleFields.map(\.key).filter { $0.hasPrefix("optimizer.") } == [
      "optimizer.name", "optimizer.learningRate", "optimizer.momentum", "optimizer.clipNorm",
    ])
  }

  @Test func typingAChoiceSetsItAndAnInvalidOneIsTheConfigError() {
    var m = Fixtures.model(Self.size)
    #expect(type(&m, "cell.activation", "identity").withoutPreviews == [])
    #expect(m.draft.config.cell.activation == .identity && m.notice == nil)
    _ = type(&m, "cell.activation", "tahn")
    #expect(m.draft.config.cell.activation == .identity)
    #expect(m.notice == #""cell.activation": expected one of tanh, relu, sigmoid, identity, got "tahn""#)
    _ = type(&m, "cell.decay", "[0.5]")
    #expect(m.draft.config.cell.decay == [0.5] && m.draft.text(ComposeField("cell.decay")) == "[0.5]")
    _ = type(&m, "cell.gated", "true")
    #expect(m.draft.config.cell.gated && m.draft.text(ComposeField("cell.gated")) == "true")
  }

  /// The copy task's rows: its length is the copied symbols, its delay its own row.
  @Test func copyLengthIsTheLengthAndDelayItsOwnRow() {
    var m = Fixtures.model(Self.size)
    m.field = ComposeField("task.name")
    _ = press(&m, .right)
    #expect(m.draft.config.task == .copy(delay: 100, symbols: 8, length: 10))
    _ = type(&m, "task.length", "20")
    _ = type(&m, "task.delay", "30")
    #expect(m.draft.config.task == .copy(delay: 30, symbols: 8, length: 20))
    _ = type(&m, "task.length", "0")
    #expect(m.notice == #""task.length": expected an integer in 1...1000000, got 0"#)
  }

  @Test func nudgesCycleScaleAndStepWithinTheRanges() {
    var m = Fixtures.model(Self.size)
    m.field = ComposeField("cell.kind")
    _ = press(&m, .right)
    #expect(m.draft.config.cell.kind == .lstm && m.field == ComposeField("cell.kind"))
    _ = press(&m, .right, .right)
    #expect(m.draft.config.cell.kind == .ode)
    m.field = ComposeField("steps")
    #expect(m.draft.text(m.field) == "until stopped")
    _ = press(&m, .right, .right)
    #expect(m.draft.config.steps == 4000)
    // Straight on the draft from here (the workbench's preview of H = 4096 takes seconds).
    var d = m.draft
    let hidden = ComposeField("cell.hiddenSize")
    for _ in 0..<8 { #expect(d.nudge(hidden, 1) == nil) }
    #expect(d.config.cell.hiddenSize == 4096)
    for _ in 0..<14 { _ = d.nudge(hidden, -1) }
    #expect(d.config.cell.hiddenSize == 1)
    _ = d.nudge(ComposeField("seed"), -1)
    _ = d.nudge(ComposeField("seed"), -1)
    #expect(d.config.seed == 0)
    _ = d.nudge(ComposeField("cell.gamma"), 1)
    #expect(d.config.cell.gamma == 0.02)
    _ = d.nudge(ComposeField("optimizer.beta1"), 1)
    _ = d.nudge(ComposeField("optimizer.beta1"), 1)
    #expect(d.config.optimizer.beta1 == 0.9 + 0.05, "a step out of [0, 1) changes nothing")
    _ = d.nudge(ComposeField("task.name"), -1)
    #expect(d.config.task.kind == .csv, "the tasks cycle, wrapping")
  }

  @Test func nullableRowsSayWhatNullMeans() {
    var m = Fixtures.model(Self.size)
    m.field = ComposeField("steps")
    _ = press(&m, .enter)
    #expect(m.notice == "a value, or null: until stopped")
    _ = press(&m, .character("9"), .enter)
    #expect(m.draft.config.steps == 9 && m.draft.text(m.field) == "9")
    _ = type(&m, "steps", "null")
    #expect(m.draft.config.steps == nil)
    _ = type(&m, "optimizer.clipNorm", "2")
    #expect(m.draft.config.optimizer.clipNorm == 2)
  }

  /// A row that disappears (an implicit tableau replaced by an explicit one) hands the
  /// selection to the nearest row above it.
  @Test func theSelectionMovesUpWhenItsRowDisappears() throws {
    var m = Fixtures.model(Self.size)
    _ = type(&m, "cell.tableau", "radau-iia-2")
    m.field = ComposeField("cell.implicitIterations")
    _ = Workbench.update(&m, .tableauLoaded(try #require(ButcherTableau.named("heun")), file: "h.json"))
    #expect(m.field == ComposeField("cell.gated"))
  }

  @Test func theDraftsProblemIsShownUntilItIsFixed() {
    var m = Fixtures.model(Self.size)
    m.field = ComposeField("task.name")
    _ = press(&m, .right, .right, .right)
    #expect(m.draft.config.task.kind == .idx)
    let problem = #""task.images": expected a non-empty string, got """#
    #expect(m.draft.problem == problem)
    // Wrapped in red under the rows.
    let screen = Workbench.render(m).lines()
    #expect(screen.contains { $0.contains(#"│ "task.images": expected a non-empty "#) } && screen.contains { $0.contains(#"│ string, got ""  "#) })
    _ = type(&m, "task.images", "train-images.idx")
    _ = type(&m, "task.labels", "train-labels.idx")
    #expect(m.draft.problem == nil && m.draft.config.task.images == "train-images.idx")
    #expect(!Workbench.render(m).lines().contains { $0.contains("expected") })
  }
}
