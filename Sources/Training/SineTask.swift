import Linalg
import ODECells

/// Next-value forecasting of noisy sums of sinusoids.
///
/// Each sequence is `s_k = Σ_c a_c sin(ω_c k + φ_c) + noise·N(0, 1)` with, per sequence and
/// component, `a_c ~ U(0.2, 1)/components`, `ω_c ~ U(0.05, 0.5)` rad/step, `φ_c ~ U(0, 2π)`.
/// Input `x_k = s_k`, target `s_{k+1}`, mse at every step.
public struct SineTask: SequenceTask {
  /// `T`.
  public let length: Int
  /// Sinusoids per sequence.
  public let components: Int
  /// Standard deviation of the additive noise.
  public let noise: Double

  /// A task with `length ≥ 1`, `components ≥ 1`, `noise ≥ 0`.
  public init(length: Int, components: Int, noise: Double) {
    precondition(length >= 1 && components >= 1 && noise >= 0, "SineTask: invalid settings")
    self.length = length
    self.components = components
    self.noise = noise
  }

  /// 1.
  public var inputSize: Int { 1 }
  /// 1.
  public var outputSize: Int { 1 }
  /// `T`.
  public var steps: Int { length }
  /// mse.
  public var loss: LossKind { .mse }
  /// Every step.
  public var readoutSteps: Range<Int> { 0..<length }

  public func trainingBatch(size: Int, using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    var b = BatchBuilder(steps: length, batch: size, inputSize: 1)
    var y = Matrix<Double>(rows: length * size, cols: 1)
    var series = [Double](repeating: 0, count: length + 1)
    for n in 0..<size {
      for k in series.indices { series[k] = 0 }
      for _ in 0..<components {
        let amplitude = rng.uniform(0.2, 1) / Double(components)
        let omega = rng.uniform(0.05, 0.5)
        let phase = rng.uniform(0, 2 * Double.pi)
        for k in series.indices { series[k] += amplitude * Double.sin(omega * Double(k) + phase) }
      }
      if noise > 0 { for k in series.indices { series[k] += noise * rng.normal() } }
      for k in 0..<length {
        b.set(example: n, step: k, feature: 0, series[k])
        y[k * size + n, 0] = series[k + 1]
      }
    }
    return SequenceBatch(
      inputs: b.inputs, steps: length, batch: size, targets: .values(y), readoutSteps: readoutSteps)
  }

  public func validationBatch(using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    trainingBatch(size: syntheticValidationSize, using: &rng)
  }
}
