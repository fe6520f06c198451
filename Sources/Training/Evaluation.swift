import Linalg
import ODECells

/// Weights evaluated on one data set (DESIGN §1.10): the loss over `examples` predictions
/// and, for crossEntropy tasks, the accuracy and the confusion matrix (`confusion[t][p]`:
/// predictions of class p for true class t; its entries sum to `examples`).
public struct Evaluation: Sendable, Equatable {
  /// The task's loss.
  public var loss: Double
  /// The predictions counted (sequences for last-step readouts).
  public var examples: Int
  /// The fraction of correct argmax predictions (crossEntropy only).
  public var accuracy: Double?
  /// Rows: the true class; columns: the predicted class (crossEntropy only).
  public var confusion: [[Int]]?
}

/// The data sets a session's weights are evaluated on.
public enum EvaluationSplit: String, Sendable, CaseIterable {
  /// The run's own fixed validation set.
  case validation
  /// The held-out test set of the config's test files.
  case test
}

extension TrainingEngine {
  /// `evaluate()`'s computation on any batch; on the validation set its loss and accuracy are
  /// bit for bit those `evaluate()` gives (and a session's `valLoss` records).
  public func evaluation(on batch: SequenceBatch<Scalar>) -> Evaluation {
    tape.reset()
    let forward = model.recordInference(on: tape, parameters: parameters, batch: batch, loss: task.loss)
    let loss = Double(tape.scalar(forward.loss))
    guard task.loss == .crossEntropy, case .classes(let targets) = batch.targets else {
      return Evaluation(loss: loss, examples: batch.batch)
    }
    let classes = task.outputSize
    let (correct, confusion) = tape.withValue(forward.outputs) { y in
      (Accuracy.countCorrect(logits: y, classes: classes, targets: targets), Accuracy.confusion(logits: y, classes: classes, targets: targets))
    }
    return Evaluation(loss: loss, examples: targets.count, accuracy: Double(correct) / Double(max(1, targets.count)), confusion: confusion)
  }
}

extension Accuracy {
  /// `counts[t][p]`: the rows with target t whose argmax (first maximum) is p.
  public static func confusion<S: BLASScalar>(logits y: UnsafeBufferPointer<S>, classes: Int, targets: [Int32]) -> [[Int]] {
    var counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    for (row, t) in targets.enumerated() {
      var best = 0
      for j in 1..<classes where y[row * classes + j] > y[row * classes + best] { best = j }
      counts[Int(t)][best] += 1
    }
    return counts
  }
}

/// Evaluates `checkpoint`, taken in a run of `config`, on that run's validation set or on the
/// config's test set: the run's task and validation set are rebuilt exactly as the run built
/// them (same seed, same `dataSeed`), then the checkpoint's weights are restored. Errors: a
/// checkpoint that does not fit the config; `test` without test files (naming the keys).
public func evaluate(_ checkpoint: Checkpoint, of config: TrainingConfig, on split: EvaluationSplit) throws(ConfigError) -> Evaluation {
  switch config.precision {
  case .float32: try evaluate(TrainingEngine<Float>(config: config), checkpoint, split)
  case .float64: try evaluate(TrainingEngine<Double>(config: config), checkpoint, split)
  }
}

private func evaluate<S>(_ engine: TrainingEngine<S>, _ checkpoint: Checkpoint, _ split: EvaluationSplit) throws(ConfigError) -> Evaluation {
  try engine.restore(checkpoint)
  switch split {
  case .validation:
    return engine.evaluation(on: engine.validation)
  case .test:
    guard let test = engine.task.testBatch() else {
      let keys =
        switch engine.config.task.kind {
        case .idx: "task.testImages and task.testLabels"
        case .csv: "task.testPath"
        default: "test files (only the idx and csv tasks take them)"
        }
      throw ConfigError("the \(engine.config.task.name) task of this run has no test set; it needs \(keys)")
    }
    return engine.evaluation(on: SequenceBatch(converting: test))
  }
}
