import RealModule
import Linalg

/// Stochastic gradient descent with heavy-ball momentum, PyTorch semantics
/// (Sutskever et al. 2013; `torch.optim.SGD`, dampening 0, no Nesterov):
/// ```
/// b_t = μ·b_{t−1} + g_t   (b_1 = g_1)
/// θ_t = θ_{t−1} − η·b_t
/// ```
/// With `μ = 0` this is plain gradient descent and keeps no buffers.
public struct SGD<Scalar: BLASScalar>: Optimizer {
  /// `η`.
  public var learningRate: Double
  /// `μ ≥ 0`.
  public let momentum: Double
  /// Steps taken.
  public private(set) var stepCount = 0
  private var buffers: [[Scalar]]

  /// An optimizer for parameters of the given element counts.
  public init(parameterCounts: [Int], learningRate: Double, momentum: Double = 0) {
    precondition(learningRate >= 0 && momentum >= 0, "SGD: negative hyperparameter")
    self.learningRate = learningRate
    self.momentum = momentum
    buffers = momentum == 0 ? [] : parameterCounts.map { [Scalar](repeating: 0, count: $0) }
  }

  /// Advances the step counter.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func beginStep() { stepCount += 1 }

  /// `θ ← θ − η·b`, `b ← μ·b + s·g`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(
    _ index: Int, parameter p: UnsafeMutableBufferPointer<Scalar>,
    gradient g: UnsafeBufferPointer<Scalar>, gradientScale s: Scalar
  ) {
    let lr = Scalar(learningRate)
    if momentum == 0 {
      for i in p.indices { p[i] -= lr * (s * g[i]) }
      return
    }
    let mu = Scalar(momentum)
    let first = stepCount == 1
    buffers[index].withUnsafeMutableBufferPointer { b in
      for i in p.indices {
        let gi = s * g[i]
        b[i] = first ? gi : mu * b[i] + gi
        p[i] -= lr * b[i]
      }
    }
  }

  /// `momentum_buffer.i` per parameter.
  public var state: OptimizerState {
    var named: [String: [Double]] = [:]
    for (i, b) in buffers.enumerated() { named["momentum_buffer.\(i)"] = b.map(Double.init) }
    return OptimizerState(name: "sgd", step: stepCount, buffers: named)
  }

  /// Restores buffers saved by `state`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func restore(_ saved: OptimizerState) throws(OptimizerStateError) {
    guard saved.name == "sgd" else {
      throw OptimizerStateError(description: "checkpoint holds \(saved.name) state, not sgd")
    }
    for i in buffers.indices {
      guard let b = saved.buffers["momentum_buffer.\(i)"], b.count == buffers[i].count else {
        throw OptimizerStateError(description: "momentum_buffer.\(i) is missing or has the wrong size")
      }
      buffers[i] = b.map { Scalar($0) }
    }
    stepCount = saved.step
  }
}
