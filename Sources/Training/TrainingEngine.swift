import Autodiff
import Linalg
import ODECells
import Optim

/// Trains a `SequenceModel` synchronously: no threads, no clocks, one seeded generator.
///
/// The generator's draws, in order: the parameters, the validation set, then one batch per
/// training step (file tasks split their examples from `dataSeed`, on a generator of their own). Same config and seed on the same machine and BLAS core therefore give
/// bit-identical metrics. A step whose loss or gradient is not finite changes nothing and
/// reports itself (`StepMetrics.isFinite == false`); the caller stops there.
public final class TrainingEngine<Scalar: BLASScalar> {
  /// The configuration.
  public let config: TrainingConfig
  /// The task.
  public let task: any SequenceTask
  /// The parameters, updated in place by every step.
  public internal(set) var parameters: ParameterSet<Scalar>
  /// Steps completed.
  public internal(set) var step = 0
  /// The learning rate of the next step.
  public var learningRate: Double {
    get { optimizer.learningRate }
    set { optimizer.learningRate = newValue }
  }

  var optimizer: any Optimizer<Scalar>
  var rng: Xoshiro256
  /// The fixed validation set, drawn once after the parameters.
  public let validation: SequenceBatch<Scalar>
  /// The model the parameters belong to.
  public let model: SequenceModel<Scalar>
  let tape = Tape<Scalar>()
  /// Why the last training step's implicit solve failed (`Tape.solveLog`), if it did.
  public private(set) var solveFailure: String?
  private var benchmarkBatches: [SequenceBatch<Scalar>] = []

  /// Pre-generated batch `index % 4`, drawn from a generator of its own (the run's stream is
  /// not touched).
  func benchmarkBatch(_ index: Int) -> SequenceBatch<Scalar> {
    if benchmarkBatches.isEmpty {
      var own = Xoshiro256(seed: config.seed ^ 0xBE7C)
      benchmarkBatches = (0..<4).map { _ in
        SequenceBatch(converting: task.trainingBatch(size: config.batchSize, using: &own))
      }
    }
    return benchmarkBatches[index % benchmarkBatches.count]
  }

  /// A fresh run: the task (file tasks: their split, from `config.dataSeed`), then the initial
  /// parameters and the validation set, drawn in that order from `config.seed`.
  public init(config: TrainingConfig) throws(ConfigError) {
    self.config = config
    var rng = Xoshiro256(seed: config.seed)
    let task = try config.task.makeTask(dataSeed: config.dataSeed)
    try MemoryEstimate(config: config, task: task).require()  // before anything large exists
    self.task = task
    parameters = ParameterSet(
      spec: config.cell, inputSize: task.inputSize, outputSize: task.outputSize, using: &rng)
    validation = SequenceBatch(converting: task.validationBatch(using: &rng))
    self.rng = rng
    model = SequenceModel(spec: config.cell)
    optimizer = Self.makeOptimizer(config.optimizer, counts: parameters.parameters.map(\.value.count))
  }

  static func makeOptimizer(_ spec: OptimizerSpec, counts: [Int]) -> any Optimizer<Scalar> {
    switch spec.name {
    case .sgd:
      SGD<Scalar>(parameterCounts: counts, learningRate: spec.learningRate, momentum: spec.momentum)
    case .adam:
      Adam<Scalar>(
        parameterCounts: counts, learningRate: spec.learningRate, beta1: spec.beta1,
        beta2: spec.beta2, epsilon: spec.epsilon)
    }
  }

  /// Validation and diagnostics every this many steps (changeable while training).
  public lazy var diagnosticsEvery: Int = config.diagnosticsEvery

  /// Whether step `n` is a diagnostic step (validation, gradient and eigen diagnostics).
  public func isDiagnosticStep(_ n: Int) -> Bool {
    diagnosticsEvery > 0 && n % diagnosticsEvery == 0
  }

  /// One training step: a batch, forward, backward through time, clipping, one optimizer
  /// update, the spectral-norm constraint; at diagnostic steps also the validation loss and
  /// the gradient diagnostics (read off the same backward pass, before the update). A step
  /// whose implicit solve failed has a NaN loss and names the failure.
  @discardableResult
  public func trainStep() -> StepReport {
    let batch = SequenceBatch<Scalar>(converting: task.trainingBatch(size: config.batchSize, using: &rng))
    var gradients: GradientDiagnostics?
    let number = step + 1
    let inspect: ((Tape<Scalar>, RecordedForward) -> Void)? =
      isDiagnosticStep(number)
      ? { tape, forward in
        gradients = GradientDiagnostics(step: number, tape: tape, forward: forward, names: self.parameters.names)
      } : nil
    let metrics = trainStep(on: batch, inspect: inspect)
    return StepReport(metrics: metrics, gradients: gradients, failure: solveFailure)
  }

  /// One training step on a given batch (benchmarks reuse pre-generated batches); `inspect`
  /// sees the tape after the backward pass, which keeps the parameters' gradients and, with
  /// `inspect`, every `h_k`'s (for the gradient norms through time); the others' buffers are
  /// reused within the pass (`Tape.backward(from:keeping:)`), which changes no bit.
  @discardableResult
  public func trainStep(on batch: SequenceBatch<Scalar>, inspect: ((Tape<Scalar>, RecordedForward) -> Void)? = nil) -> StepMetrics {
    tape.reset()
    let forward = model.record(on: tape, parameters: parameters, batch: batch, loss: task.loss)
    solveFailure = tape.solveLog.failure
    let loss = Double(tape.scalar(forward.loss))
    tape.backward(from: forward.loss, keeping: inspect == nil ? [] : forward.hidden)
    // The first recording grew the arena by doubling; the same graph fits exactly from now on.
    tape.shrinkToFit()
    let grads = forward.parameters.map { v in tape.withGradient(v) { $0 } }
    let norm = GradientClipping.globalNorm(grads)
    let lr = optimizer.learningRate
    let number = step + 1
    var metrics = StepMetrics(step: number, loss: loss, gradNorm: norm, lr: lr)
    inspect?(tape, forward)
    guard metrics.isFinite, solveFailure == nil else { return metrics }

    let scale = Scalar(GradientClipping.scale(norm: norm, maxNorm: config.optimizer.clipNorm))
    optimizer.beginStep()
    for i in parameters.parameters.indices {
      parameters.parameters[i].value.storage.withUnsafeMutableBufferPointer { p in
        optimizer.update(i, parameter: p, gradient: grads[i], gradientScale: scale)
      }
    }
    if let rho = config.spectralNorm { projectSpectralNorm(rho) }
    step = number
    if isDiagnosticStep(number) {
      let (valLoss, accuracy) = evaluate()
      metrics.valLoss = valLoss
      metrics.accuracy = accuracy
    }
    return metrics
  }

  /// The loss (and accuracy for crossEntropy tasks) on the fixed validation set.
  public func evaluate() -> (loss: Double, accuracy: Double?) {
    tape.reset()
    let forward = model.recordInference(on: tape, parameters: parameters, batch: validation, loss: task.loss)
    let loss = Double(tape.scalar(forward.loss))
    guard task.loss == .crossEntropy, case .classes(let targets) = validation.targets else {
      return (loss, nil)
    }
    let correct = tape.withValue(forward.outputs) { y in
      Accuracy.countCorrect(logits: y, classes: task.outputSize, targets: targets)
    }
    return (loss, Double(correct) / Double(max(1, targets.count)))
  }

  /// Clips the singular values of `cell.W0` at `ρ` (Miller & Hardt's projection):
  /// `W_0 ← U·diag(min(s, ρ))·Vᵀ`, only when `s_max > ρ`.
  func projectSpectralNorm(_ rho: Double) {
    guard let i = parameters.index(of: .recurrent(0)) else { return }
    let w = parameters.parameters[i].value
    guard let d = try? w.svd(), let top = d.s.first, Double(top) > rho else { return }
    var us = d.u
    for r in 0..<us.rows {
      for c in 0..<us.cols { us[r, c] *= Swift.min(d.s[c], Scalar(rho)) }
    }
    parameters.parameters[i].value = us * d.vt
  }
}

/// Classification accuracy from logits.
public enum Accuracy {
  /// The number of rows whose argmax equals the target.
  public static func countCorrect<S: BLASScalar>(logits y: UnsafeBufferPointer<S>, classes: Int, targets: [Int32]) -> Int {
    var correct = 0
    for (row, t) in targets.enumerated() {
      var best = 0
      for j in 1..<classes where y[row * classes + j] > y[row * classes + best] { best = j }
      if best == Int(t) { correct += 1 }
    }
    return correct
  }
}
