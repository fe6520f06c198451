import Linalg
import ODECells

/// The copy-memory task (Hochreiter & Schmidhuber 1997; Arjovsky et al. 2016).
///
/// A sequence of `length` symbols from `symbols` classes, then `delay` blank steps whose last
/// one is a delimiter, then `length` blank steps during which the network must reproduce the
/// symbols. Inputs are one-hot over `symbols + 2` (the data symbols, blank, delimiter); the
/// loss is cross-entropy over the `symbols` classes on the last `length` steps.
/// `T = length + delay + length`; guessing gives `log(symbols)`.
public struct CopyTask: SequenceTask {
  /// Steps between the end of the symbols and the start of the answer.
  public let delay: Int
  /// Data classes.
  public let symbols: Int
  /// Symbols to remember.
  public let length: Int

  /// A task; every count must be at least 1.
  public init(delay: Int, symbols: Int, length: Int) {
    precondition(delay >= 1 && symbols >= 1 && length >= 1, "CopyTask: counts must be ≥ 1")
    self.delay = delay
    self.symbols = symbols
    self.length = length
  }

  /// `symbols + 2`.
  public var inputSize: Int { symbols + 2 }
  /// `symbols`.
  public var outputSize: Int { symbols }
  /// `length + delay + length`.
  public var steps: Int { 2 * length + delay }
  /// crossEntropy.
  public var loss: LossKind { .crossEntropy }
  /// The last `length` steps.
  public var readoutSteps: Range<Int> { (length + delay)..<steps }

  public func trainingBatch(size: Int, using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    var b = BatchBuilder(steps: steps, batch: size, inputSize: inputSize)
    var targets = [Int32](repeating: 0, count: length * size)
    let blank = symbols
    let delimiter = symbols + 1
    for n in 0..<size {
      for k in 0..<length {
        let s = rng.int(below: symbols)
        b.set(example: n, step: k, feature: s, 1)
        targets[k * size + n] = Int32(s)
      }
      for k in length..<steps {
        b.set(example: n, step: k, feature: k == length + delay - 1 ? delimiter : blank, 1)
      }
    }
    return SequenceBatch(
      inputs: b.inputs, steps: steps, batch: size, targets: .classes(targets),
      readoutSteps: readoutSteps)
  }

  public func validationBatch(using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    trainingBatch(size: syntheticValidationSize, using: &rng)
  }
}
