import Foundation
import JSON
import Linalg
import Sessions
import Testing
import Training

/// A fresh directory under the system's temporary folder, removed by `cleanUp()`.
struct ScratchDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("sessions-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

func parseConfig(_ text: String) throws -> TrainingConfig {
  try TrainingConfig.parse(try JSON.parse(text))
}

func header(_ config: TrainingConfig, parent: (file: String, step: Int)? = nil) -> SessionHeader {
  SessionHeader(
    created: "2026-01-02T03:04:05Z", odernn: "test", blasCore: "Test", blasThreads: 1, parent: parent,
    config: config.json)
}

/// Bit-level equality of doubles, where any NaN equals any NaN (the file spells NaN "nan").
func same(_ a: Double, _ b: Double) -> Bool {
  (a.isNaN && b.isNaN) || a.bitPattern == b.bitPattern
}

func same(_ a: Double?, _ b: Double?) -> Bool {
  switch (a, b) {
  case (nil, nil): true
  case (let x?, let y?): same(x, y)
  default: false
  }
}

func same(_ a: [Double], _ b: [Double]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
}

func same(_ a: [Complex<Double>], _ b: [Complex<Double>]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { same($0.real, $1.real) && same($0.imaginary, $1.imaginary) }
}

func same(_ a: StepMetrics, _ b: StepMetrics) -> Bool {
  a.step == b.step && same(a.loss, b.loss) && same(a.gradNorm, b.gradNorm) && same(a.lr, b.lr)
    && same(a.valLoss, b.valLoss) && same(a.accuracy, b.accuracy)
}

/// Bit-level equality of two events (NaN-tolerant as above).
func same(_ a: TimedEvent, _ b: TimedEvent) -> Bool {
  guard same(a.time, b.time) else { return false }
  switch (a.event, b.event) {
  case (.metrics(let x), .metrics(let y)):
    return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
  case (.grads(let x), .grads(let y)):
    return x.step == y.step && x.byParameter.map(\.name) == y.byParameter.map(\.name)
      && same(x.byParameter.map(\.norm), y.byParameter.map(\.norm)) && same(x.throughTime, y.throughTime)
  case (.eigen(let x), .eigen(let y)):
    return x.step == y.step && same(x.field, y.field) && same(x.map, y.map) && same(x.spectralNorm, y.spectralNorm)
      && same(x.mapNorm, y.mapNorm) && same(x.headroom, y.headroom)
  case (.checkpoint(let x), .checkpoint(let y)):
    return x.step == y.step && x.dtype == y.dtype && x.parameters.map(\.name) == y.parameters.map(\.name)
      && x.parameters.map(\.shape) == y.parameters.map(\.shape)
      && zip(x.parameters, y.parameters).allSatisfy { $0.values.map(\.bitPattern) == $1.values.map(\.bitPattern) }
      && x.optimizer.name == y.optimizer.name && x.optimizer.step == y.optimizer.step
      && x.optimizer.buffers.keys.sorted() == y.optimizer.buffers.keys.sorted()
      && x.optimizer.buffers.allSatisfy { key, v in y.optimizer.buffers[key].map { $0.map(\.bitPattern) == v.map(\.bitPattern) } ?? false }
      && x.learningRate.bitPattern == y.learningRate.bitPattern && x.rng == y.rng
  default:
    return a == b
  }
}

/// Trains `steps` steps through the driver, applying `controls` (step → action, value) before
/// their steps, and returns the session's events in order (as the CLI records them).
func recordRun(_ config: TrainingConfig, steps: Int, from checkpoint: Checkpoint? = nil, controls: [Int: (ControlEvent.Action, Double?)] = [:]) throws -> [RunEvent] {
  let run = try makeTrainingRun(config)
  if let checkpoint { try run.restore(checkpoint) }
  let driver = TrainingDriver(run: run)
  var events: [RunEvent] = []
  while !driver.isDone && run.step < (checkpoint?.step ?? 0) + steps {
    if let (action, value) = controls[run.step + 1] { events.append(driver.apply(action, value: value)) }
    events += driver.advance()
  }
  return events
}

/// Writes a session file with the given header and events (time stamps 0.001·index).
func writeSession(_ path: String, _ header: SessionHeader, _ events: [RunEvent]) throws {
  let writer = try SessionWriter(path: path, header: header)
  try writer.append(events.enumerated().map { TimedEvent(time: Double($0.offset) / 1000, event: $0.element) })
  writer.close()
}

/// `text` split into lines (no trailing empty line).
func lines(_ path: String) throws -> [String] {
  try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    .map(String.init).filter { !$0.isEmpty }
}
