import Autodiff
import Linalg
import ODECells
import Tableaux

/// The per-step cost of an implicit cell under each solver (issue 12), for `tableau show` and
/// Compose.
///
/// Jacobi runs `1 + m·s` field evaluations (the shared start `F(S_k)`, then `m` sweeps over the
/// `s` stages) and no linear solve. Newton, for `n` iterations, evaluates the `s` stage fields
/// `n + 1` times (every iterate, the last one to confirm convergence) and solves `n` linear
/// systems of size `N = s·t·H` (LU per batch element), plus one transposed solve per step when
/// training. `n` depends on the weights and the data, so it is measured: one forward pass of a
/// few sequences, read off `Tape.solveLog`.
public struct ImplicitCost: Sendable, Equatable {
  /// `s`.
  public var stages: Int
  /// `N = s·t·H`, the size of Newton's linear systems.
  public var systemSize: Int
  /// `m`: Jacobi's sweeps, Newton's iteration limit.
  public var iterations: Int
  /// Newton's measured iterations per step (mean and max), and what they were measured on.
  public var newtonMean: Double?
  public var newtonMax: Int?
  public var measuredOn: String?
  /// Why the measurement failed (a solve that did not converge), if it did.
  public var newtonFailure: String?
  /// Why Newton's iterations are not shown, when neither measured nor failed: being measured,
  /// or not measured at all (the system too large, a file task).
  public var unmeasured: String?

  /// Jacobi's field evaluations per step: `1 + m·s`.
  public var jacobiFieldEvaluations: Int { 1 + iterations * stages }

  /// Newton's field evaluations per step for `n` iterations: `s·(n + 1)`.
  public func newtonFieldEvaluations(_ n: Double) -> Double { Double(stages) * (n + 1) }

  /// The cost of `cell` (an implicit ODE cell), without a measurement.
  public init?(cell: CellSpec) {
    guard cell.isImplicit else { return nil }
    stages = cell.tableau.stages
    systemSize = stages * cell.derivativeOrder * cell.hiddenSize
    iterations = cell.implicitIterations
  }

  /// The cost with Newton's iterations measured on `parameters` (`Double`), over the first
  /// `steps` time steps of `sequences` training sequences of the config's task drawn from a
  /// generator of their own (nothing of the run's stream); nil for explicit cells. File tasks
  /// are not read here: no measurement.
  public static func measure(
    config: TrainingConfig, parameters: ParameterSet<Double>, weights: String, sequences: Int = 2, steps: Int = 10
  ) -> ImplicitCost? {
    guard var cost = ImplicitCost(cell: config.cell) else { return nil }
    guard !config.task.isFileTask, let task = try? config.task.makeTask(dataSeed: config.dataSeed) else {
      cost.unmeasured = "Newton's iterations not measured: the task's file is read when the run starts"
      return cost
    }
    var rng = Xoshiro256(seed: config.seed ^ 0x1A7E)
    let full = task.trainingBatch(size: sequences, using: &rng)
    let t = min(steps, full.steps)
    let inputs = Matrix<Double>(
      rows: t * sequences, cols: full.inputSize, storage: Array(full.inputs.storage[0..<(t * sequences * full.inputSize)]))
    let batch = SequenceBatch(
      inputs: inputs, steps: t, batch: sequences, targets: .values(Matrix(rows: sequences, cols: task.outputSize)),
      readoutSteps: (t - 1)..<t)
    var cell = config.cell
    cell.solver = .newton
    // In Double, but to the run's own τ (float32's 1e-5 unless set): its iterations, not float64's.
    let tau = config.cell.newtonTolerance(config.precision)
    cell.solverTolerance = tau
    let tape = Tape<Double>()
    _ = SequenceModel<Double>(spec: cell).recordInference(on: tape, parameters: parameters, batch: batch, loss: .mse)
    let log = tape.solveLog
    cost.measuredOn = "\(sequences) sequences × \(t) steps, \(weights), τ = \(tau)"
    cost.newtonFailure = log.failure
    if log.failure == nil, log.systems > 0 {
      cost.newtonMean = log.meanIterations
      cost.newtonMax = log.maxIterations
    }
    return cost
  }

  /// The reference cell `tableau show` measures on: DESIGN §1.3's defaults with this tableau
  /// and H = 64 (ε = 1, tanh, dense, t = 1, m = 8) on the adding task, seed 1, its initial
  /// weights drawn as a run draws them.
  public static func reference(_ tableau: ButcherTableau) -> ImplicitCost? {
    let config = TrainingConfig(cell: CellSpec(tableau: tableau, hiddenSize: 64), task: .standard(.adding))
    var rng = Xoshiro256(seed: config.seed)
    let parameters = ParameterSet<Double>(spec: config.cell, inputSize: 2, outputSize: 1, using: &rng)
    return measure(config: config, parameters: parameters, weights: "initial weights of H=64, ε=1, tanh, adding, seed 1")
  }

  /// `jacobi (m=8): 17 f-evals/step, no linear solves`, then
  /// `newton: 2.5 iterations/step (max 3): 7 f-evals, 2.5 LU solves of size 256` and what it
  /// was measured on.
  public var lines: [String] {
    let jacobi = "jacobi (m=\(iterations)): \(jacobiFieldEvaluations) f-evals/step, no linear solves"
    let training = "+1 transposed solve per step in training"
    guard let mean = newtonMean, let max = newtonMax, let on = measuredOn else {
      let perIteration = "newton: per iteration \(stages) f-evals and one LU solve of size \(systemSize) (s·t·H), at most \(iterations)"
      if let failure = newtonFailure { return [jacobi, perIteration, "  \(failure) on \(measuredOn ?? "the weights")"] }
      return [jacobi, perIteration, "  (\(unmeasured.map { "\($0); " } ?? "")\(training))"]
    }
    let n = Self.format(mean)
    return [
      jacobi,
      "newton: \(n) iterations/step (max \(max)): \(Self.format(newtonFieldEvaluations(mean))) f-evals, \(n) LU solves of size \(systemSize)",
      "  (measured on \(on); \(training))",
    ]
  }

  static func format(_ x: Double) -> String {
    let r = (x * 100).rounded() / 100
    return r == r.rounded() ? "\(Int(r))" : "\(r)"
  }
}
