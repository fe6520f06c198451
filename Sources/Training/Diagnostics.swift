import Autodiff
import Linalg
import ODECells

/// What a training step reports: its metrics, and at diagnostic steps its gradient picture.
public struct StepReport: Sendable {
  /// The metrics.
  public var metrics: StepMetrics
  /// Gradient diagnostics at diagnostic steps.
  public var gradients: GradientDiagnostics?
}

/// The gradient picture of one step (a `grads` event of DESIGN §1.5).
public struct GradientDiagnostics: Sendable, Equatable {
  /// The step.
  public var step: Int
  /// `‖∂L/∂θ‖` per parameter, in parameter order.
  public var byParameter: [(name: String, norm: Double)]
  /// `‖∂L/∂h_k‖` for `k = 1 … T` (Frobenius norm over the batch): the vanishing/exploding
  /// picture through time.
  public var throughTime: [Double]

  /// Diagnostics given directly (sessions, tests).
  public init(step: Int, byParameter: [(name: String, norm: Double)], throughTime: [Double]) {
    self.step = step
    self.byParameter = byParameter
    self.throughTime = throughTime
  }

  /// Reads the parameter norms off a tape after its backward pass; `throughTime` comes from
  /// `TrainingEngine.hiddenGradientNorms`.
  init<S: BLASScalar>(step: Int, tape: Tape<S>, forward: RecordedForward, names: [String], throughTime: [Double]) {
    self.step = step
    byParameter = zip(names, forward.parameters).map { name, v in
      (name, tape.withGradient(v) { Self.norm($0) })
    }
    self.throughTime = throughTime
  }

  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func norm<S: BLASScalar>(_ g: UnsafeBufferPointer<S>) -> Double {
    var s = 0.0
    for x in g { s += Double(x) * Double(x) }
    return s.squareRoot()
  }

  public static func == (l: GradientDiagnostics, r: GradientDiagnostics) -> Bool {
    l.step == r.step && l.throughTime == r.throughTime
      && l.byParameter.map(\.name) == r.byParameter.map(\.name)
      && l.byParameter.map(\.norm) == r.byParameter.map(\.norm)
  }
}

extension TrainingEngine {
  /// `‖∂L/∂h_k‖` for `k = 1 … T` on `batch` with the current parameters.
  ///
  /// Recorded on a tape of its own whose initial state tracks gradients: in the training
  /// recording (which starts from a constant zero state) an early `h_k` that depends on no
  /// parameter — `h_1` of an Euler cell of order 2 is exactly 0 — carries no gradient, although
  /// `∂L/∂h_k` is not zero. Same cell and readout, so `L` is the training step's loss.
  func hiddenGradientNorms(_ batch: SequenceBatch<Scalar>) -> [Double] {
    let t = diagnosticsTape
    t.reset()
    var p: [String: Var] = [:]
    for q in parameters.parameters { p[q.name] = t.constant(q.value) }
    let advance = stepper(on: t, p, inputs: t.constant(batch.inputs), batch: batch.batch)
    var s = (0..<stateCount).map { _ in
      t.leaf(rows: batch.batch, cols: config.cell.hiddenSize, needsGrad: true) { $0.update(repeating: 0) }
    }
    var hidden: [Var] = []
    for k in 0..<batch.steps {
      s = advance(s, k)
      hidden.append(s[0])
    }
    guard let u = p["readout.weight"], let bias = p["readout.bias"] else { return [] }
    let read = batch.readoutSteps.map { hidden[$0] }
    let hs = read.count == 1 ? read[0] : t.concatRows(read)
    let y = t.addRowBroadcast(t.matmul(hs, u, transposeB: true), bias)
    let loss: Var
    switch (task.loss, batch.targets) {
    case (.mse, .values(let target)):
      loss = t.mean(t.square(t.sub(y, t.constant(target))))
    case (.mse, .classes(let c)):
      loss = t.mean(t.square(t.sub(y, t.constant(Matrix(rows: c.count, cols: 1, storage: c.map { Scalar($0) })))))
    case (.crossEntropy, .classes(let c)):
      loss = t.softmaxCrossEntropy(y, targets: c)
    case (.crossEntropy, .values(let target)):
      loss = t.softmaxCrossEntropy(y, targets: target.storage.map { Int32($0) })
    }
    t.backward(from: loss)
    return hidden.map { h in t.withGradient(h) { GradientDiagnostics.norm($0) } }
  }
}
