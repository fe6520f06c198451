import Foundation
import Linalg
import ODECells
import TerminalGrid
import Testing
import Training
import WorkbenchUI

/// Deterministic inputs for screen tests: a hand-made event stream (no training, so the
/// screens do not depend on the machine's BLAS rounding).
enum Fixtures {
  static var config: TrainingConfig { ComposeDraft().config }

  /// 200 steps of a decaying loss with diagnostics every 25 steps.
  static func events(steps: Int = 200) -> [RunEvent] {
    var events: [RunEvent] = []
    let h = config.cell.hiddenSize
    for s in 1...steps {
      let loss = 0.17 * exp(-Double(s) / 80) + 0.01 * (1 + sin(Double(s)))
      var m = StepMetrics(step: s, loss: loss, gradNorm: 0.5 + 0.3 * cos(Double(s) / 7), lr: 0.003)
      if s % 25 == 0 { m.valLoss = loss * 1.1 }
      events.append(.metrics([m]))
      if s % 25 == 0 {
        events.append(
          .grads(
            GradientDiagnostics(
              step: s, byParameter: [
                (ParameterID.recurrent(0).name, 0.1 * Double(s) / 25), (ParameterID.input.name, 0.05),
                (ParameterID.bias.name, 0.02), (ParameterID.readoutWeight.name, 0.3), (ParameterID.readoutBias.name, 0.1),
              ],
              throughTime: (1...100).map { k in exp(-Double(100 - k) / (20 + Double(s) / 10)) })))
        let field = (0..<8).map { i in Complex(-0.001 * Double(s) / 25, 0.02 * Double(i - 4) * Double(s) / 100) }
        let map = field.map { Complex(1 + $0.real, $0.imaginary) }
        events.append(.eigen(EigenDiagnostics(step: s, field: field, map: map, spectralNorm: 1.3, mapNorm: 1.001, headroom: 47.5)))
        _ = h
      }
    }
    return events
  }

  static func model(_ size: Size, mode: RenderMode = .unicode, depth: ColorDepth = .ansi256) -> WorkbenchModel {
    WorkbenchModel(size: size, mode: mode, depth: depth)
  }

  /// A model on the Train screen after the fixture's events.
  static func training(_ size: Size, mode: RenderMode = .unicode) -> WorkbenchModel {
    var m = model(size, mode: mode)
    _ = Workbench.update(&m, .key(.character(" ")))
    let id = m.live?.id ?? 0
    _ = Workbench.update(&m, .runStarted(run: id, session: "sessions/20261122-050000-euler-adding.session"))
    _ = Workbench.update(&m, .trainer(run: id, .running(true)))
    for e in events() { _ = Workbench.update(&m, .trainer(run: id, .run(e))) }
    return m
  }
}

/// Compares a rendered screen with `__Snapshots__/NAME.txt`; `RECORD_SNAPSHOTS=1` writes it
/// (and fails, so a recording is never mistaken for a pass).
func expectSnapshot(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
  let file = folder.appendingPathComponent("\(name).txt")
  let actual = grid.lines().joined(separator: "\n") + "\n"
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try? actual.write(to: file, atomically: true, encoding: .utf8)
    Issue.record("recorded snapshot \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
    return
  }
  guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
    Issue.record("missing snapshot \(name) (record with RECORD_SNAPSHOTS=1)", sourceLocation: sourceLocation)
    return
  }
  if expected != actual {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
    Issue.record(
      "snapshot \(name) differs at line \(firstDiff + 1):\nexpected: \(firstDiff < e.count ? String(e[firstDiff]) : "<none>")\nactual:   \(firstDiff < a.count ? String(a[firstDiff]) : "<none>")\n--- actual screen ---\n\(actual)",
      sourceLocation: sourceLocation)
  }
}

extension Array where Element == Effect {
  /// The effects other than preview requests (which follow every draft change; PreviewTests
  /// covers them).
  var withoutPreviews: [Effect] {
    filter {
      if case .computePreview = $0 { return false }
      return true
    }
  }
}
