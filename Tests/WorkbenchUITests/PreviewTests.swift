import Foundation
import Synchronization
import ODECells
import TerminalGrid
import Testing
import Training
import WorkbenchRuntime
import WorkbenchUI

/// A gate a test holds shut: computations wait at it until the test opens it. It counts the
/// computations that have arrived, so the test knows one is running.
final class Gate: @unchecked Sendable {
  private let condition = NSCondition()
  private var open = false
  private var arrivals: [TrainingConfig] = []

  /// Blocks until the gate is opened (a hang guard of 300 s keeps a broken test from hanging).
  func pass(_ config: TrainingConfig) {
    condition.lock()
    arrivals.append(config)
    condition.broadcast()
    let guardTime = Date(timeIntervalSinceNow: 300)
    while !open && Date() < guardTime { _ = condition.wait(until: guardTime) }
    condition.unlock()
  }

  /// The configs whose computation has started.
  var arrived: [TrainingConfig] {
    condition.lock()
    defer { condition.unlock() }
    return arrivals
  }

  /// Waits (hang guard 300 s) until `n` computations have started.
  func awaitArrivals(_ n: Int) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    let guardTime = Date(timeIntervalSinceNow: 300)
    while arrivals.count < n && Date() < guardTime { _ = condition.wait(until: guardTime) }
    return arrivals.count >= n
  }

  func openUp() {
    condition.lock()
    open = true
    condition.broadcast()
    condition.unlock()
  }
}

/// The Compose preview is computed off the main thread: every draft change asks for the new
/// generation's preview once, results of older generations are dropped, and keys are handled
/// while a preview is being computed.
@Suite("Compose preview off the main thread")
struct PreviewTests {
  @Test func everyDraftChangeAsksOnceAndStaleResultsAreDropped() {
    var m = Fixtures.model(Size(width: 120, height: 40))
    m.field = ComposeField("cell.hiddenSize")
    let first = Workbench.update(&m, .key(.right))
    let generation = m.previewGeneration
    #expect(first == [.computePreview(generation: generation, m.draft.config)])
    #expect(m.preview.parameterCount > 0 && !m.preview.isComplete, "the facts at once, the spectrum pending")
    #expect(Workbench.update(&m, .key(.down)).isEmpty, "no draft change, no request")
    let h128 = m.draft.config
    _ = Workbench.update(&m, .key(.up))
    _ = Workbench.update(&m, .key(.right))
    #expect(m.previewGeneration == generation + 1)
    // The answer for H = 128 arrives after the draft moved on to H = 256: dropped.
    let stale = ComposePreview(config: h128)
    _ = Workbench.update(&m, .previewComputed(generation: generation, stale))
    #expect(!m.preview.isComplete && m.preview.spectrum.isEmpty)
    let current = ComposePreview(config: m.draft.config)
    _ = Workbench.update(&m, .previewComputed(generation: m.previewGeneration, current))
    #expect(m.preview == current && m.preview.spectrum.count == 256)
    let screen = Workbench.render(m).lines().joined()
    #expect(!screen.contains("computing the spectrum"))
  }

  @Test func aPendingSpectrumIsShownAsBeingComputed() {
    var m = Fixtures.model(Size(width: 120, height: 40))
    m.field = ComposeField("cell.hiddenSize")
    _ = Workbench.update(&m, .key(.left))
    #expect(Workbench.render(m).lines().joined().contains("computing the spectrum"))
  }

  /// The real loop with a computation that blocks until the test lets it go: while the
  /// preview of H = 4096, t = 3 is being computed, keys reach `update` (the selection moves,
  /// the draft changes, frames are drawn); once released, the stale result is dropped and the
  /// newest draft's preview is shown. No clock is involved: the order is forced by the gate.
  @Test func keysReachUpdateWhileAPreviewIsComputed() throws {
    let gate = Gate()
    var config = ComposeDraft().config
    config.cell.hiddenSize = 4096
    config.cell.derivativeOrder = 3
    config.cell.decay = [0, 0, 0]
    let terminal = HeadlessTerminal(size: Size(width: 120, height: 40))
    let loop = AppLoop(backend: terminal, folder: NSTemporaryDirectory(), version: "test", draft: config) { config, _ in
      gate.pass(config)
      var p = ComposePreview(factsOf: config)
      p.isComplete = true
      p.note = "computed for t=\(config.cell.derivativeOrder)"
      return p
    }
    loop.iterate(timeoutMilliseconds: 0)
    #expect(gate.awaitArrivals(1), "the preview of the opening draft was asked for")
    #expect(gate.arrived.first?.cell.hiddenSize == 4096 && gate.arrived.first?.cell.derivativeOrder == 3)
    // The computation is blocked at the gate: the keys are handled all the same.
    terminal.enqueue(.down)
    for _ in 0..<3 { loop.iterate(timeoutMilliseconds: 0) }
    #expect(loop.state.field == ComposeField("cell.derivativeOrder"))
    terminal.enqueue(.left)
    for _ in 0..<3 { loop.iterate(timeoutMilliseconds: 0) }
    #expect(loop.state.draft.config.cell.derivativeOrder == 2)
    #expect(terminal.screen.lines().joined().contains("t=2 H=4096"), "the frame after the key was drawn")
    #expect(gate.arrived.count == 1, "still computing the first")
    gate.openUp()
    let hangGuard = Date(timeIntervalSinceNow: 300)
    while loop.state.preview.note != "computed for t=2" && Date() < hangGuard { loop.iterate(timeoutMilliseconds: 5) }
    #expect(loop.state.preview.note == "computed for t=2")
    #expect(gate.arrived.map(\.cell.derivativeOrder) == [3, 2])
    #expect(terminal.screen.lines().joined().contains("computed for t=2"))
  }
}

/// Where the spectrum is computed and where it is not: every `t·H` up to
/// `ComposePreview.spectrumLimit` in the background ("computing…" first), above it a reason
/// that the region pane shows whole; a computation gives up once a newer draft waits.
@Suite("Compose preview: large cells")
struct LargePreviewTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

  static func config(h: Int, t: Int) -> TrainingConfig {
    var config = ComposeDraft().config
    config.cell.hiddenSize = h
    config.cell.derivativeOrder = t
    config.cell.decay = Array(repeating: 0, count: t)
    return config
  }

  /// The region pane's words, lines joined (a wrapped note reads whole, a cut one does not).
  static func regionWords(_ m: WorkbenchModel) -> String {
    var m = m
    if m.size.height - 3 < 30 { _ = Workbench.update(&m, .key(.character("v"))) }
    let left = min(44, m.size.width / 2)
    let lines = Workbench.render(m).lines().map { String(Array($0).dropFirst(left + 1).dropLast()) }
    return lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
  }

  /// H = 4096, t = 3 (t·H = 12288): no spectrum, and the pane says why, whole, at every size;
  /// the facts are complete at once (nothing is left computing).
  @Test(arguments: sizes)
  func aCellAboveTheLimitSaysWhy(size: Size) {
    var m = Fixtures.model(size)
    m.draft = ComposeDraft(config: Self.config(h: 4096, t: 3))
    #expect(m.preview.isComplete && m.preview.spectrum.isEmpty)
    let reason = "no spectrum preview: t·H = 12288 is over \(ComposePreview.spectrumLimit) (its eigenproblem would take minutes)"
    #expect(m.preview.note == reason)
    #expect(Self.regionWords(m).contains(reason), "\(size)\n\(Workbench.render(m).lines().joined(separator: "\n"))")
  }

  /// H = 1024, t = 3 (t·H = 3072, at the limit): asked of the runtime, shown as being computed
  /// with the eigenproblem's size meanwhile.
  @Test(arguments: sizes)
  func aLargeCellWithinTheLimitIsComputedInTheBackground(size: Size) {
    var m = Fixtures.model(size)
    m.field = ComposeField("cell.derivativeOrder")
    m.draft = ComposeDraft(config: Self.config(h: 1024, t: 2))
    let effects = Workbench.update(&m, .key(.right))
    #expect(m.draft.config.cell.derivativeOrder == 3)
    #expect(effects.contains(.computePreview(generation: m.previewGeneration, m.draft.config)))
    #expect(!m.preview.isComplete)
    #expect(Self.regionWords(m).contains("computing the spectrum (3072 eigenvalues, seconds)…"), "\(size)")
  }

  /// H = 1024, t = 1: the real computation gives all 1024 eigenvalues, drawn with no note.
  @Test func h1024HasItsSpectrum() {
    let config = Self.config(h: 1024, t: 1)
    let preview = ComposePreview(config: config)
    #expect(preview.isComplete && preview.note == nil && preview.spectrum.count == 1024)
    var m = Fixtures.model(Size(width: 120, height: 40))
    m.draft = ComposeDraft(config: config)
    _ = Workbench.update(&m, .previewComputed(generation: m.previewGeneration, preview))
    let words = Self.regionWords(m)
    #expect(!words.contains("computing") && !words.contains("no spectrum"))
    #expect(Workbench.render(m).lines().joined().contains("●"), "the eigenvalues are drawn")
  }

  /// A computation asked to stop gives up at each of its checks: nil, whichever check says so;
  /// never asked, it is the whole preview.
  @Test func aCancelledComputationGivesUp() {
    let config = Self.config(h: 32, t: 1)
    #expect(ComposePreview.compute(config, isCancelled: { false }) == ComposePreview(config: config))
    var checks = 0
    _ = ComposePreview.compute(config) { checks += 1; return false }
    #expect(checks == 3, "before the weights, the Jacobian and the eigenvalues")
    for k in 1...checks {
      var n = 0
      #expect(ComposePreview.compute(config) { n += 1; return n == k } == nil, "cancelled at check \(k)")
    }
  }

  /// The real loop: a computation blocked at a gate is told it is stale once a newer draft is
  /// asked for, and its result (nil: it gave up) never reaches the model; the newest draft's
  /// does.
  @Test func aNewerDraftMakesTheRunningComputationStale() {
    let gate = Gate()
    let staleness = Mutex<[Bool]>([])
    let terminal = HeadlessTerminal(size: Size(width: 120, height: 40))
    let loop = AppLoop(backend: terminal, folder: NSTemporaryDirectory(), version: "test", draft: Self.config(h: 4096, t: 3)) { config, isStale in
      if config.cell.derivativeOrder == 3 { gate.pass(config) }
      staleness.withLock { $0.append(isStale()) }
      if isStale() { return nil }
      var p = ComposePreview(factsOf: config)
      p.isComplete = true
      p.note = "computed for t=\(config.cell.derivativeOrder)"
      return p
    }
    loop.iterate(timeoutMilliseconds: 0)
    #expect(gate.awaitArrivals(1))
    terminal.enqueue(.down)
    terminal.enqueue(.left)
    for _ in 0..<4 { loop.iterate(timeoutMilliseconds: 0) }
    #expect(loop.state.draft.config.cell.derivativeOrder == 2)
    gate.openUp()
    let hangGuard = Date(timeIntervalSinceNow: 300)
    while loop.state.preview.note != "computed for t=2" && Date() < hangGuard { loop.iterate(timeoutMilliseconds: 5) }
    #expect(loop.state.preview.note == "computed for t=2")
    #expect(staleness.withLock { $0 } == [true, false], "the t=3 computation was stale, the t=2 one not")
  }
}
