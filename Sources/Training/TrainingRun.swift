import Linalg
import ODECells

/// A training run in either precision, behind one interface (the CLI, the trainer thread
/// and the workbench hold `any TrainingRun`).
public protocol TrainingRun: AnyObject {
  /// The effective configuration.
  var config: TrainingConfig { get }
  /// The task.
  var task: any SequenceTask { get }
  /// Steps completed.
  var step: Int { get }
  /// The learning rate of the next step.
  var learningRate: Double { get set }
  /// Validation and diagnostics every this many steps.
  var diagnosticsEvery: Int { get set }
  /// The number of trainable scalars.
  var parameterCount: Int { get }
  /// The parameters' names and declared shapes, in order.
  var parameterShapes: [(name: String, shape: [Int])] { get }
  /// One training step.
  func trainStep() -> StepReport
  /// Whether step `n` is a diagnostic step.
  func isDiagnosticStep(_ n: Int) -> Bool
  /// Loss and accuracy on the fixed validation set.
  func evaluate() -> (loss: Double, accuracy: Double?)
  /// Eigenvalues and norms of the cell's Jacobians (see `TrainingEngine.eigenDiagnostics`).
  func eigenDiagnostics() -> EigenDiagnostics?
  /// The same, taken now and computed later (see `TrainingEngine.eigenJob`).
  func eigenJob() -> EigenJob?
  /// The run's state.
  func checkpoint() -> Checkpoint
  /// Continues from a checkpoint of the same config.
  func restore(_ checkpoint: Checkpoint) throws(ConfigError)
  /// A training step on pre-generated batch `index % 4` (benchmarks: data generation untimed).
  func benchmarkTrainStep(_ index: Int)
  /// A forward pass (no update) on pre-generated batch `index % 4`; returns the loss.
  @discardableResult func benchmarkInference(_ index: Int) -> Double
}

extension TrainingRun {
  /// Computed now, handed out as done (a run that cannot defer its diagnostics).
  public func eigenJob() -> EigenJob? {
    let e = eigenDiagnostics()
    return EigenJob(step: step) { e }
  }
}

extension TrainingEngine: TrainingRun {
  public var parameterCount: Int { parameters.scalarCount }

  public var parameterShapes: [(name: String, shape: [Int])] {
    parameters.parameters.map { ($0.name, $0.shape) }
  }

  public func benchmarkTrainStep(_ index: Int) {
    trainStep(on: benchmarkBatch(index))
  }

  @discardableResult
  public func benchmarkInference(_ index: Int) -> Double {
    tape.reset()
    let forward = model.recordInference(on: tape, parameters: parameters, batch: benchmarkBatch(index), loss: task.loss)
    return Double(tape.scalar(forward.loss))
  }
}

/// A run in the config's precision.
public func makeTrainingRun(_ config: TrainingConfig) throws(ConfigError) -> any TrainingRun {
  switch config.precision {
  case .float32: try TrainingEngine<Float>(config: config)
  case .float64: try TrainingEngine<Double>(config: config)
  }
}
