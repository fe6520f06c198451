import Linalg
import ODECells

/// A source of training batches and of a fixed validation set, drawn from the run's one
/// seeded generator (so they derive from the seed only); file tasks split their examples
/// from `dataSeed` instead (DESIGN §1.10), and may hold a test set besides.
///
/// Tasks generate in `Double`; `SequenceBatch(converting:)` rounds to the run's precision.
public protocol SequenceTask: Sendable {
  /// `I`.
  var inputSize: Int { get }
  /// `O`.
  var outputSize: Int { get }
  /// `T`.
  var steps: Int { get }
  /// mse or crossEntropy.
  var loss: LossKind { get }
  /// The steps read out (last step, every step, or the copy window).
  var readoutSteps: Range<Int> { get }
  /// A training batch of `size` sequences.
  func trainingBatch(size: Int, using rng: inout Xoshiro256) -> SequenceBatch<Double>
  /// The fixed validation set, drawn once when a run starts.
  func validationBatch(using rng: inout Xoshiro256) -> SequenceBatch<Double>
  /// The held-out test set, when the task has one (never drawn from for training).
  func testBatch() -> SequenceBatch<Double>?
  /// Warnings about the data that did not stop the task.
  var warnings: [String] { get }
}

extension SequenceTask {
  /// The held-out test set (DESIGN §1.10): file tasks given test files only; nil otherwise.
  public func testBatch() -> SequenceBatch<Double>? { nil }
  /// Warnings about the data (stderr, Compose's notice); none by default.
  public var warnings: [String] { [] }
}

/// The validation set size of the synthetic tasks.
public let syntheticValidationSize = 256

extension SequenceBatch {
  /// The same batch in another precision.
  public init<Other: BLASScalar>(converting other: SequenceBatch<Other>) {
    let targets: Targets<Scalar>
    switch other.targets {
    case .values(let y): targets = .values(Matrix(converting: y))
    case .classes(let c): targets = .classes(c)
    }
    self.init(
      inputs: Matrix(converting: other.inputs), steps: other.steps, batch: other.batch,
      targets: targets, readoutSteps: other.readoutSteps)
  }
}

/// Builds a time-major batch from per-example generators.
struct BatchBuilder {
  let steps: Int
  let batch: Int
  let inputSize: Int
  var inputs: Matrix<Double>

  init(steps: Int, batch: Int, inputSize: Int) {
    self.steps = steps
    self.batch = batch
    self.inputSize = inputSize
    inputs = Matrix(rows: steps * batch, cols: inputSize)
  }

  /// Sets input feature `i` of example `n` at step `k`.
  mutating func set(example n: Int, step k: Int, feature i: Int, _ value: Double) {
    inputs.storage[(k * batch + n) * inputSize + i] = value
  }
}
