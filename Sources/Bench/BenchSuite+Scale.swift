import Foundation
import Linalg
import ODECells
import Training

/// Rows at larger widths and lengths than DESIGN §1.8's: row (a)'s cell (antisymmetric euler,
/// ε = 0.01, γ = 0.01, float32, B = 64, T = 100, adding task) at other `H`.
extension BenchSuite {
  /// The widths of the `antisymmetric-euler-train-hH` rows (with `gemm-64xHxH-f32` beside).
  public static let trainWidths = [512, 1024]
  /// The widths of the `diagnostics-hH` rows.
  public static let diagnosticWidths = [256, 1024]

  /// Row (a)'s config at width `h` (and sequence length `length`).
  public static func antisymmetricConfig(hiddenSize h: Int, length: Int = 100) -> TrainingConfig {
    var config = configs()[0].config
    config.cell.hiddenSize = h
    config.task = .adding(length: length)
    return config
  }

  /// `antisymmetric-euler-train-h512`, `-h1024` (steps/s, with the FLOP model of `BenchFlops`),
  /// `gemm-64xHxH-f32` (the recurrent product's shape at that width);
  /// `diagnostics-h256`, `-h1024` (one eigen diagnostic, `TrainingRun.eigenDiagnostics`: the
  /// closed-form field and map Jacobians, their eigenvalues by `geev`, two spectral norms), and
  /// `diagnostics-h1024-train-steps`, its cost in training steps at that width;
  /// `memory-train-t1000-h128` (MB of the tape's arenas in a steady training step at T = 1000) and
  /// `memory-train-t1000-h128-vs-kept` (that over `keptActivationBytes`).
  /// The large rows run at most 10 repetitions (diagnostics 5) after 2 warm-ups (1).
  static func scaleRows(harness: BenchHarness, wanted: (String) -> Bool, progress: (String) -> Void) throws -> [BenchRow] {
    var rows: [BenchRow] = []
    let large = BenchHarness(warmup: 2, repetitions: min(harness.repetitions, 10))
    var trainSeconds: [Int: Double] = [:]
    for h in trainWidths {
      let name = "antisymmetric-euler-train-h\(h)"
      if wanted(name) {
        progress(name)
        let config = antisymmetricConfig(hiddenSize: h)
        let run = try makeTrainingRun(config)
        var i = 0
        let samples = large.measure {
          run.benchmarkTrainStep(i % 4)
          i += 1
        }
        let row = BenchRow(
          name: name, unit: "steps/s", seconds: samples, work: 1,
          flopsPerUnit: BenchFlops.perBatch(config, task: run.task, training: true))
        trainSeconds[h] = 1 / row.median
        rows.append(row)
      }
      if wanted("gemm-64x\(h)x\(h)-f32") {
        progress("gemm-64x\(h)x\(h)-f32")
        rows.append(gemm(Float.self, m: 64, n: h, k: h, harness: BenchHarness(warmup: 2, repetitions: min(harness.repetitions, 20))))
      }
    }
    for h in diagnosticWidths where wanted("diagnostics-h\(h)") {
      progress("diagnostics-h\(h)")
      let run = try makeTrainingRun(antisymmetricConfig(hiddenSize: h))
      run.benchmarkTrainStep(0)
      let samples = BenchHarness(warmup: 1, repetitions: min(harness.repetitions, 5)).measure { _ = run.eigenDiagnostics() }
      let row = BenchRow(name: "diagnostics-h\(h)", unit: "diagnostics/s", seconds: samples, work: 1)
      rows.append(row)
      if let train = trainSeconds[h] {
        rows.append(BenchRow(name: "diagnostics-h\(h)-train-steps", unit: "train steps", value: (1 / row.median) / train))
      }
    }
    if wanted("memory-train-t1000-h128") {
      progress("memory-train-t1000-h128")
      let engine = try TrainingEngine<Float>(config: antisymmetricConfig(hiddenSize: 128, length: 1000))
      // The second step's: the first grows the arenas, the second records into them as they are.
      engine.benchmarkTrainStep(0)
      engine.benchmarkTrainStep(1)
      let bytes = Double(engine.tapeBytes)
      rows.append(BenchRow(name: "memory-train-t1000-h128", unit: "MB", value: bytes / 1e6))
      rows.append(BenchRow(name: "memory-train-t1000-h128-vs-kept", unit: "× kept", value: bytes / Double(engine.keptActivationBytes)))
    }
    return rows
  }
}
