import Foundation
import JSON
import Linalg
import Testing
import Training

/// Parses a config from JSON text (test fixtures are written as JSON, as users write them).
func parseConfig(_ text: String, _ rules: ConfigRules = .file) throws -> TrainingConfig {
  try TrainingConfig.parse(try JSON.parse(text), rules)
}

/// The message of the `ConfigError` that parsing `text` throws, or nil when it parses.
func configError(_ text: String, _ rules: ConfigRules = .file) -> String? {
  let json: JSON
  do { json = try JSON.parse(text) } catch { return "JSON syntax error in the fixture: \(error)" }
  do {
    _ = try TrainingConfig.parse(json, rules)
    return nil
  } catch {
    return error.description
  }
}

/// A fresh directory under the system's temporary folder, removed by `cleanUp()`.
struct ScratchDirectory {
  let url: URL

  init(_ label: String = "training-tests") throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// The bit patterns of every field of a metrics row (absent optionals as nil), so that two runs
/// can be compared bit for bit (NaN included).
struct MetricBits: Equatable, CustomStringConvertible {
  var step: Int
  var loss: UInt64
  var gradNorm: UInt64
  var lr: UInt64
  var valLoss: UInt64?
  var accuracy: UInt64?

  init(_ m: StepMetrics) {
    step = m.step
    loss = m.loss.bitPattern
    gradNorm = m.gradNorm.bitPattern
    lr = m.lr.bitPattern
    valLoss = m.valLoss?.bitPattern
    accuracy = m.accuracy?.bitPattern
  }

  var description: String {
    "step \(step): loss \(Double(bitPattern: loss)) gradNorm \(Double(bitPattern: gradNorm)) lr \(Double(bitPattern: lr))"
      + " valLoss \(valLoss.map { "\(Double(bitPattern: $0))" } ?? "-")"
  }
}

/// Runs `steps` synchronous training steps of a fresh engine and returns their metrics.
func trainMetrics(_ config: TrainingConfig, steps: Int) throws -> [StepMetrics] {
  let run = try makeTrainingRun(config)
  return (0..<steps).map { _ in run.trainStep().metrics }
}

/// Greedily pairs every expected point with the nearest unused actual one; returns the worst
/// relative distance `|a − e| / max(1, |e|)` (infinity when the counts differ).
func worstMultisetDistance(_ actual: [Complex<Double>], _ expected: [Complex<Double>]) -> Double {
  guard actual.count == expected.count else { return .infinity }
  var unused = actual
  var worst = 0.0
  // Match the largest expected values first: they are the least ambiguous.
  for e in expected.sorted(by: { $0.length > $1.length }) {
    var best = 0
    var bestDistance = Double.infinity
    for (i, a) in unused.enumerated() {
      let d = (a - e).length
      if d < bestDistance {
        bestDistance = d
        best = i
      }
    }
    worst = max(worst, bestDistance / max(1, e.length))
    unused.remove(at: best)
  }
  return worst
}
