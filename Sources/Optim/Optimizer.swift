import RealModule
import Linalg

/// A first-order optimizer over a fixed list of parameters.
///
/// The training loop calls `beginStep()` once per step, then `update(_:parameter:gradient:
/// gradientScale:)` for every parameter in order; `gradientScale` applies global-norm
/// clipping without rewriting the gradients. Updates read and write raw buffers, so a step
/// allocates nothing.
public protocol Optimizer<Scalar>: Sendable {
  associatedtype Scalar: BLASScalar
  /// The learning rate `η` (changeable between steps).
  var learningRate: Double { get set }
  /// Steps taken so far.
  var stepCount: Int { get }
  /// Advances the step counter (Adam's bias corrections use it).
  mutating func beginStep()
  /// Updates parameter `index` in place from its gradient `g` scaled by `gradientScale`.
  mutating func update(
    _ index: Int, parameter: UnsafeMutableBufferPointer<Scalar>,
    gradient: UnsafeBufferPointer<Scalar>, gradientScale: Scalar)
  /// The full state as named buffers (for checkpoints), e.g. `["exp_avg.0": …]`.
  var state: OptimizerState { get }
  /// Restores a state saved by `state`.
  mutating func restore(_ state: OptimizerState) throws(OptimizerStateError)
}

/// An optimizer's serialisable state: its step count and named float64 buffers.
public struct OptimizerState: Sendable, Equatable {
  /// The optimizer's name (`sgd`, `adam`).
  public var name: String
  /// Steps taken.
  public var step: Int
  /// Per-parameter buffers, keyed `kind.index` (e.g. `exp_avg.0`), stored as `Double`
  /// (exact for both `Float` and `Double` parameters).
  public var buffers: [String: [Double]]

  /// A state.
  public init(name: String, step: Int, buffers: [String: [Double]]) {
    self.name = name
    self.step = step
    self.buffers = buffers
  }
}

/// A checkpointed optimizer state that does not fit the optimizer.
public struct OptimizerStateError: Error, CustomStringConvertible {
  /// What does not fit.
  public let description: String
}

extension Optimizer {
  /// One step over parameter matrices and gradient matrices (tests and small tools).
  public mutating func step(
    _ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>], gradientScale: Scalar = 1
  ) {
    precondition(parameters.count == gradients.count, "step: \(parameters.count) parameters, \(gradients.count) gradients")
    beginStep()
    for i in parameters.indices {
      precondition(parameters[i].count == gradients[i].count, "step: gradient \(i) has the wrong size")
      parameters[i].storage.withUnsafeMutableBufferPointer { p in
        gradients[i].storage.withUnsafeBufferPointer { g in
          update(i, parameter: p, gradient: g, gradientScale: gradientScale)
        }
      }
    }
  }
}

/// Global-norm gradient clipping (PyTorch's `clip_grad_norm_`).
public enum GradientClipping {
  /// `‖g‖ = sqrt(Σ_p Σ_i g_pi²)` over all parameters, accumulated in `Double`.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public static func globalNorm<S: BLASScalar>(_ gradients: [UnsafeBufferPointer<S>]) -> Double {
    var s = 0.0
    for g in gradients {
      for x in g { s += Double(x) * Double(x) }
    }
    return s.squareRoot()
  }

  /// The factor that clips a gradient of norm `norm` to `maxNorm`:
  /// `min(1, maxNorm / (norm + 1e-6))`. Scaling every gradient by it keeps the direction.
  public static func scale(norm: Double, maxNorm: Double?) -> Double {
    guard let maxNorm, norm.isFinite else { return 1 }
    return min(1, maxNorm / (norm + 1e-6))
  }
}
