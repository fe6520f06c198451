import Linalg
import Optim

/// Everything needed to continue a run exactly: parameters, optimizer state, generator state.
///
/// Values are kept as `Double` (exact for both precisions); `dtype` says which precision the
/// run uses, and the session codec writes the parameters in that precision.
public struct Checkpoint: Sendable, Equatable {
  /// One parameter's value.
  public struct Parameter: Sendable, Equatable {
    /// The parameter's name.
    public var name: String
    /// The declared shape.
    public var shape: [Int]
    /// Row-major values.
    public var values: [Double]

    /// A parameter.
    public init(name: String, shape: [Int], values: [Double]) {
      self.name = name
      self.shape = shape
      self.values = values
    }
  }

  /// Steps completed when it was taken.
  public var step: Int
  /// The run's precision.
  public var dtype: DType
  /// The parameters in canonical order.
  public var parameters: [Parameter]
  /// The optimizer's state, including its learning rate in `learningRate`.
  public var optimizer: OptimizerState
  /// The learning rate in force.
  public var learningRate: Double
  /// The generator's four state words.
  public var rng: [UInt64]

  /// A checkpoint.
  public init(step: Int, dtype: DType, parameters: [Parameter], optimizer: OptimizerState, learningRate: Double, rng: [UInt64]) {
    self.step = step
    self.dtype = dtype
    self.parameters = parameters
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.rng = rng
  }
}

extension TrainingEngine {
  /// The run's state now.
  public func checkpoint() -> Checkpoint {
    Checkpoint(
      step: step, dtype: Scalar.dtype,
      parameters: parameters.parameters.map {
        .init(name: $0.name, shape: $0.shape, values: $0.value.storage.map(Double.init))
      },
      optimizer: optimizer.state, learningRate: optimizer.learningRate, rng: rng.state)
  }

  /// Continues from a checkpoint of a run with the same config.
  public func restore(_ c: Checkpoint) throws(ConfigError) {
    guard c.dtype == Scalar.dtype else {
      throw ConfigError("checkpoint is \(c.dtype.rawValue) but the config's precision is \(Scalar.dtype.rawValue)")
    }
    guard c.parameters.map(\.name) == parameters.names else {
      throw ConfigError("checkpoint parameters \(c.parameters.map(\.name)) do not match the config's \(parameters.names)")
    }
    for (i, p) in c.parameters.enumerated() {
      guard p.values.count == parameters.parameters[i].value.count else {
        throw ConfigError("checkpoint parameter \(p.name) has \(p.values.count) values, expected \(parameters.parameters[i].value.count)")
      }
    }
    guard let restoredRNG = Xoshiro256(state: c.rng) else { throw ConfigError("checkpoint generator state is invalid") }
    do {
      try optimizer.restore(c.optimizer)
    } catch {
      throw ConfigError("checkpoint optimizer state: \(error.description)")
    }
    for (i, p) in c.parameters.enumerated() {
      parameters.parameters[i].value.storage = p.values.map { Scalar($0) }
    }
    optimizer.learningRate = c.learningRate
    rng = restoredRNG
    step = c.step
  }
}
