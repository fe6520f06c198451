import Linalg
import ODECells

/// The adding problem (Hochreiter & Schmidhuber 1997; Arjovsky et al. 2016).
///
/// Input `[T, 2]`: a value uniform in `[0, 1]` and a marker that is 1 at one random position
/// in each half of the sequence. Target: the sum of the two marked values, read at the last
/// step with mse. Predicting the mean (1) gives mse ≈ 1/6 ≈ 0.167.
public struct AddingTask: SequenceTask {
  /// `T`.
  public let length: Int
  /// 2.
  public var inputSize: Int { 2 }
  /// 1.
  public var outputSize: Int { 1 }
  /// `T`.
  public var steps: Int { length }
  /// mse.
  public var loss: LossKind { .mse }
  /// The last step.
  public var readoutSteps: Range<Int> { (length - 1)..<length }

  /// A task of length `T ≥ 2`.
  public init(length: Int) {
    precondition(length >= 2, "AddingTask: length must be at least 2")
    self.length = length
  }

  public func trainingBatch(size: Int, using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    var b = BatchBuilder(steps: length, batch: size, inputSize: 2)
    var y = Matrix<Double>(rows: size, cols: 1)
    let half = length / 2
    for n in 0..<size {
      for k in 0..<length { b.set(example: n, step: k, feature: 0, rng.uniform()) }
      let first = rng.int(below: half)
      let second = half + rng.int(below: length - half)
      b.set(example: n, step: first, feature: 1, 1)
      b.set(example: n, step: second, feature: 1, 1)
      y[n, 0] = b.inputs[first * size + n, 0] + b.inputs[second * size + n, 0]
    }
    return SequenceBatch(
      inputs: b.inputs, steps: length, batch: size, targets: .values(y), readoutSteps: readoutSteps)
  }

  public func validationBatch(using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    trainingBatch(size: syntheticValidationSize, using: &rng)
  }
}
