import Linalg
import ODECells
import Tableaux
import Training

/// The benchmark of DESIGN §1.8 — float32, B = 64, H = 128, T = 100, the adding task — and the
/// GEMM throughput behind it.
///
/// Training rows time one step (forward, backward through time, one Adam update); inference
/// rows one forward pass of a batch. As the peers' scripts do, four batches are generated
/// before timing and cycled, so data generation is not timed.
public enum BenchSuite {
  /// The cells of the benchmark: DESIGN §1.8's three, then Gauss–Legendre 2 under each
  /// implicit solver.
  public static func configs() -> [(name: String, config: TrainingConfig)] {
    func base(_ cell: CellSpec) -> TrainingConfig {
      var c = TrainingConfig(cell: cell, task: .adding(length: 100))
      c.batchSize = 64
      c.precision = .float32
      c.diagnosticsEvery = 1_000_000
      c.checkpointEvery = 100_000_000
      c.optimizer.learningRate = 1e-3
      return c
    }
    let rk4 = ButcherTableau.named("rk4") ?? .euler
    let gauss = ButcherTableau.named("gauss-legendre-2") ?? .euler
    return [
      ("antisymmetric-euler", base(CellSpec(hiddenSize: 128, stepSize: 0.01, structure: .antisymmetric, gamma: 0.01))),
      ("dense-rk4", base(CellSpec(tableau: rk4, hiddenSize: 128, stepSize: 0.1, decay: [1]))),
      ("lstm", base(CellSpec(kind: .lstm, hiddenSize: 128))),
      // The implicit solvers on one cell (dense, ε = 0.1, κ = [1], m = 8): Newton to τ = 1e-5,
      // and exactly 8 Jacobi sweeps. Training rows only.
      ("gauss-legendre-2-newton", base(CellSpec(tableau: gauss, hiddenSize: 128, stepSize: 0.1, decay: [1], solver: .newton))),
      ("gauss-legendre-2-jacobi", base(CellSpec(tableau: gauss, hiddenSize: 128, stepSize: 0.1, decay: [1], solver: .jacobi))),
    ]
  }

  /// Runs every row whose name starts with one of `only` (equals one, when `exact`; every
  /// row when `only` is empty); `progress` is told each row's name before it starts.
  public static func run(
    harness: BenchHarness = BenchHarness(), only: [String] = [], exact: Bool = false, progress: (String) -> Void = { _ in }
  ) throws -> [BenchRow] {
    func wanted(_ name: String) -> Bool { only.isEmpty || only.contains { exact ? name == $0 : name.hasPrefix($0) } }
    var rows: [BenchRow] = []
    var infer: [BenchRow] = []
    for (name, config) in configs() where wanted("\(name)-train") || wanted("\(name)-infer") {
      let run = try makeTrainingRun(config)
      var i = 0
      // An implicit step costs up to seconds (Newton: one LU of size s·t·H per element and
      // iteration): one warm-up and at most five timed steps.
      let rowHarness = config.cell.isImplicit ? BenchHarness(warmup: 1, repetitions: min(harness.repetitions, 5)) : harness
      if wanted("\(name)-train") {
        progress("\(name)-train")
        let train = rowHarness.measure {
          run.benchmarkTrainStep(i % 4)
          i += 1
        }
        let flops = BenchFlops.perBatch(config, task: run.task, training: true)
        rows.append(BenchRow(name: "\(name)-train", unit: "steps/s", seconds: train, work: 1, flopsPerUnit: flops))
      }
      if config.cell.kind == .ode && !config.cell.isImplicit && wanted("\(name)-infer") {
        progress("\(name)-infer")
        let forward = harness.measure {
          run.benchmarkInference(i % 4)
          i += 1
        }
        let flops = BenchFlops.perBatch(config, task: run.task, training: false) / Double(config.batchSize)
        infer.append(
          BenchRow(name: "\(name)-infer", unit: "sequences/s", seconds: forward, work: Double(config.batchSize), flopsPerUnit: flops))
      }
    }
    rows += infer
    rows += try scaleRows(harness: harness, wanted: wanted, progress: progress)
    if ["sync", "thread", "workbench"].contains(where: { wanted("antisymmetric-euler-train-\($0)") }) {
      progress("trainer thread and workbench")
      rows += try trainerRows(repetitions: min(harness.repetitions, 5), wanted: wanted)
    }
    if wanted("workbench-render-200x60") {
      progress("render")
      rows.append(renderRow(harness: harness))
    }
    if wanted("workbench-compose-key-h4096-t3") {
      progress("compose key")
      rows.append(composeKeyRow(harness: harness))
    }
    if wanted("gemm-64x128x128-f32") {
      progress("gemm-64x128x128-f32")
      rows.append(gemm(Float.self, m: 64, n: 128, k: 128, harness: harness))
    }
    if wanted("gemm-64x128x128-f64") {
      progress("gemm-64x128x128-f64")
      rows.append(gemm(Double.self, m: 64, n: 128, k: 128, harness: harness))
    }
    return rows
  }

  /// GFLOP/s of `C = A·Bᵀ` with `A` `m × k`, `B` `n × k` (the recurrent product's shape).
  public static func gemm<S: BLASScalar>(_: S.Type, m: Int, n: Int, k: Int, harness: BenchHarness) -> BenchRow {
    var rng = Xoshiro256(seed: 1)
    let a: Matrix<S> = Initializer.uniform(rows: m, cols: k, bound: 1, using: &rng)
    let b: Matrix<S> = Initializer.uniform(rows: n, cols: k, bound: 1, using: &rng)
    var c = Matrix<S>(rows: m, cols: n)
    let inner = 100
    let samples = harness.measure {
      for _ in 0..<inner { Matrix.gemm(a, transposed: false, b, transposed: true, into: &c) }
    }
    let flops = 2.0 * Double(m * n * k * inner) / 1e9
    let suffix = S.dtype == .float32 ? "f32" : "f64"
    return BenchRow(name: "gemm-\(m)x\(k)x\(n)-\(suffix)", unit: "GFLOP/s", seconds: samples, work: flops)
  }
}
