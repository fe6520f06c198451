import Linalg
import RealModule

/// Adam (Kingma & Ba 2015) with bias correction, computed as `torch.optim.Adam` does:
/// ```
/// m_t = β₁·m_{t−1} + (1 − β₁)·g_t
/// v_t = β₂·v_{t−1} + (1 − β₂)·g_t²
/// θ_t = θ_{t−1} − (η / (1 − β₁ᵗ)) · m_t / (sqrt(v_t) / sqrt(1 − β₂ᵗ) + ε)
/// ```
/// Scalars (`η/(1−β₁ᵗ)`, `sqrt(1−β₂ᵗ)`) are formed in `Double` and rounded once, as PyTorch
/// forms them in Python floats.
public struct Adam<Scalar: BLASScalar>: Optimizer {
  /// `η`.
  public var learningRate: Double
  /// `β₁`.
  public let beta1: Double
  /// `β₂`.
  public let beta2: Double
  /// `ε`.
  public let epsilon: Double
  /// Steps taken.
  public private(set) var stepCount = 0
  private var m: [[Scalar]]
  private var v: [[Scalar]]

  /// An optimizer for parameters of the given element counts.
  public init(
    parameterCounts: [Int], learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8
  ) {
    precondition(learningRate >= 0 && epsilon >= 0, "Adam: negative hyperparameter")
    precondition((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam: betas outside [0, 1)")
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    m = parameterCounts.map { [Scalar](repeating: 0, count: $0) }
    v = parameterCounts.map { [Scalar](repeating: 0, count: $0) }
  }

  /// Advances `t`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func beginStep() { stepCount += 1 }

  /// One Adam update of parameter `index` with gradient `s·g`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(
    _ index: Int, parameter p: UnsafeMutableBufferPointer<Scalar>,
    gradient g: UnsafeBufferPointer<Scalar>, gradientScale s: Scalar
  ) {
    let t = Double(stepCount)
    let b1 = Scalar(beta1)
    let b2 = Scalar(beta2)
    let oneMinusB1 = Scalar(1 - beta1)
    let oneMinusB2 = Scalar(1 - beta2)
    let stepSize = Scalar(learningRate / (1 - Double.pow(beta1, t)))
    let bc2Sqrt = Scalar((1 - Double.pow(beta2, t)).squareRoot())
    let eps = Scalar(epsilon)
    m[index].withUnsafeMutableBufferPointer { mb in
      v[index].withUnsafeMutableBufferPointer { vb in
        for i in p.indices {
          let gi = s * g[i]
          mb[i] = b1 * mb[i] + oneMinusB1 * gi
          vb[i] = b2 * vb[i] + oneMinusB2 * gi * gi
          let denom = vb[i].squareRoot() / bc2Sqrt + eps
          p[i] -= stepSize * (mb[i] / denom)
        }
      }
    }
  }

  /// `exp_avg.i` and `exp_avg_sq.i` per parameter.
  public var state: OptimizerState {
    var named: [String: [Double]] = [:]
    for i in m.indices {
      named["exp_avg.\(i)"] = m[i].map(Double.init)
      named["exp_avg_sq.\(i)"] = v[i].map(Double.init)
    }
    return OptimizerState(name: "adam", step: stepCount, buffers: named)
  }

  /// Restores moments saved by `state`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func restore(_ saved: OptimizerState) throws(OptimizerStateError) {
    guard saved.name == "adam" else {
      throw OptimizerStateError(description: "checkpoint holds \(saved.name) state, not adam")
    }
    for i in m.indices {
      guard let a = saved.buffers["exp_avg.\(i)"], a.count == m[i].count,
        let b = saved.buffers["exp_avg_sq.\(i)"], b.count == v[i].count
      else {
        throw OptimizerStateError(description: "Adam moments for parameter \(i) are missing or the wrong size")
      }
      m[i] = a.map { Scalar($0) }
      v[i] = b.map { Scalar($0) }
    }
    stepCount = saved.step
  }
}

