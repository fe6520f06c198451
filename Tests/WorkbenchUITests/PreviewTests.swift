import Foundation
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
    let loop = AppLoop(backend: terminal, folder: NSTemporaryDirectory(), version: "test", draft: config) { config in
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
