import Autodiff
import Foundation
import Linalg
import ODECells

/// What a run will hold in memory, estimated before anything large is allocated, so that a
/// config whose every value is in range but whose run cannot fit is refused with a message
/// instead of dying in the allocator (`failed to allocate …`).
///
/// - activations: the tape of one training step, `2·s` bytes a value element (`s` the
///   precision's size) with half again for the arena's growth by doubling — an upper bound:
///   the lean backward pass keeps its gradients mostly in values no rule reads, so the tape
///   itself takes about `s` a value (`memory-train-t1000-h128` in `odernn bench`), and the
///   rest covers the first step's growth and the `h_k` gradients kept at diagnostic steps.
///   Its element count is measured, not modelled: the real `SequenceModel.record` runs on tiny
///   probes (batch 1, `T ∈ {2, 3}`, `H ∈ {1, 2, 3}`), which gives the elements per time step
///   and batch row as `a + b·H` exactly (every per-step value is a `[B, ·]` block) and the
///   once-per-step part (parameters on the tape) as a quadratic in `H`; the run has
///   `B·T·(a + b·H) + c(H)` of them.
/// - data: a training batch and the validation set, generated in `Double` and converted.
/// - diagnostics: the eigen step (batch `t·H`, one time step) and its dense Jacobians
///   (`4·(t·H)²` doubles: the matrix and LAPACK's copies).
/// - parameters: values, gradients, the optimizer's two buffers and a checkpoint's text.
public struct MemoryEstimate: Sendable, Equatable, CustomStringConvertible {
  /// Bytes of the training step's tape.
  public var activations: Int
  /// Bytes of one training batch and the validation set.
  public var data: Int
  /// Bytes of the eigen diagnostics.
  public var diagnostics: Int
  /// Bytes of parameters, gradients, optimizer state and a checkpoint.
  public var parameters: Int

  /// The sum.
  public var total: Int { activations.addingSaturating(data).addingSaturating(diagnostics).addingSaturating(parameters) }

  /// The estimate for `config` with its task (whose sizes file tasks know once read).
  public init(config: TrainingConfig, task: any SequenceTask) {
    let cell = config.cell
    let s = config.precision.byteCount
    let (a, b, constant) = Self.perStepElements(cell, task)
    let h = Double(cell.hiddenSize)
    let t = Double(task.steps)
    let batch = Double(config.batchSize)
    let elements = batch * t * (a + b * h) + constant
    activations = Self.bytes(elements * Double(2 * s) * 1.5)
    let validation = Double(syntheticValidationSize)
    let io = Double(task.inputSize + task.outputSize)
    data = Self.bytes((batch + validation) * t * io * Double(8 + s))
    let n = Double(cell.stateCount * cell.hiddenSize)
    diagnostics = Self.bytes(n * (a + b * h) * Double(2 * s) * 1.5 + 4 * n * n * 8)
    let p = Double(ParameterLayout(spec: cell, inputSize: task.inputSize, outputSize: task.outputSize).entries
      .reduce(0) { $0 + $1.shape.reduce(1, *) })
    parameters = Self.bytes(p * Double(2 * s + 16 + 8 * s))
  }

  /// The estimate without reading any file: nil for file tasks (idx, csv).
  public static func of(_ config: TrainingConfig) -> MemoryEstimate? {
    switch config.task {
    case .idx, .csv: return nil
    default:
      guard let task = try? config.task.makeTask(dataSeed: config.dataSeed) else { return nil }
      return MemoryEstimate(config: config, task: task)
    }
  }

  /// Throws when the run needs more than `available` bytes (by default the system's
  /// `MemAvailable`; nothing is checked where it cannot be read).
  public func require(available: Int? = MemoryEstimate.available) throws(ConfigError) {
    guard let available, total > available else { return }
    throw ConfigError("this run needs about \(Self.format(total)) of memory (\(description)), but \(Self.format(available)) is available: lower batchSize, the task's length or cell.hiddenSize")
  }

  /// `activations 1.2 GiB, data 3 MiB, diagnostics 40 MiB, parameters 1 MiB`.
  public var description: String {
    "activations \(Self.format(activations)), data \(Self.format(data)), diagnostics \(Self.format(diagnostics)), parameters \(Self.format(parameters))"
  }

  /// The system's available memory (`MemAvailable` of /proc/meminfo), in bytes.
  public static var available: Int? {
    guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
      let kib = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kib * 1024
  }

  /// `512 B`, `3.0 MiB`, `38.2 GiB`.
  public static func format(_ bytes: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
  }

  static func bytes(_ x: Double) -> Int { x >= Double(Int.max) ? Int.max : Int(x.rounded(.up)) }

  /// `(a, b, c)`: a run's tape holds `B·T·(a + b·H) + c` elements, from six probe records.
  static func perStepElements(_ cell: CellSpec, _ task: any SequenceTask) -> (Double, Double, Double) {
    func used(hidden: Int, steps: Int) -> Double {
      var probe = cell
      probe.hiddenSize = hidden
      var rng = Xoshiro256(seed: 0)
      let params = ParameterSet<Double>(spec: probe, inputSize: task.inputSize, outputSize: task.outputSize, using: &rng)
      let everyStep = task.readoutSteps.count > 1
      let readout = everyStep ? 0..<steps : (steps - 1)..<steps
      let rows = readout.count
      let targets: Targets<Double> =
        task.loss == .mse
        ? .values(Matrix(rows: rows, cols: task.outputSize)) : .classes(Array(repeating: 0, count: rows))
      let batch = SequenceBatch(
        inputs: Matrix<Double>(rows: steps, cols: task.inputSize), steps: steps, batch: 1,
        targets: targets, readoutSteps: readout)
      let tape = Tape<Double>()
      _ = SequenceModel<Double>(spec: probe).record(on: tape, parameters: params, batch: batch, loss: task.loss)
      return Double(tape.arenaUsed)
    }
    // Per time step and batch row: a + b·H. Once per step: c0 + c1·H + c2·H² (parameters
    // [H, H], [H, I], [O, H] and their copies), fitted exactly through H = 1, 2, 3.
    let per = (1...3).map { h in used(hidden: h, steps: 3) - used(hidden: h, steps: 2) }
    let once = (1...3).map { h in used(hidden: h, steps: 2) - 2 * per[h - 1] }
    let b = per[1] - per[0]
    let a = per[0] - b
    let c2 = (once[2] - 2 * once[1] + once[0]) / 2
    let c1 = once[1] - once[0] - 3 * c2
    let c0 = once[0] - c1 - c2
    let h = Double(cell.hiddenSize)
    return (a, b, c0 + c1 * h + c2 * h * h)
  }
}

extension Int {
  func addingSaturating(_ other: Int) -> Int {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? .max : sum
  }
}
