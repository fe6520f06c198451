import Autodiff
import Linalg

/// The loss of a task: mean squared error or mean cross-entropy over the readout rows.
public enum LossKind: String, Sendable, CaseIterable, Codable {
  case mse, crossEntropy
}

/// A batch's targets, one row per readout row.
public enum Targets<Scalar: BLASScalar>: Sendable, Equatable {
  /// Regression targets `[L·B, O]`.
  case values(Matrix<Scalar>)
  /// Class indices in `[0, O)`, `L·B` of them.
  case classes([Int32])
}

/// One batch of sequences, time-major: row `k·B + n` of `inputs` is example `n` at step `k`.
///
/// The model reads out at the steps in `readoutSteps` (the last step for sequence-to-one
/// tasks, every step for sequence-to-sequence), and readout row `(k − start)·B + n` is
/// compared with the same row of the targets.
public struct SequenceBatch<Scalar: BLASScalar>: Sendable, Equatable {
  /// `[T·B, I]`, time-major.
  public var inputs: Matrix<Scalar>
  /// `T`.
  public var steps: Int
  /// `B`.
  public var batch: Int
  /// The targets of the readout rows.
  public var targets: Targets<Scalar>
  /// The steps (0-based) whose hidden state is read out.
  public var readoutSteps: Range<Int>

  /// A batch; the shapes must agree.
  public init(inputs: Matrix<Scalar>, steps: Int, batch: Int, targets: Targets<Scalar>, readoutSteps: Range<Int>) {
    precondition(inputs.rows == steps * batch, "SequenceBatch: \(inputs.rows) rows for \(steps)×\(batch)")
    precondition(readoutSteps.lowerBound >= 0 && readoutSteps.upperBound <= steps && !readoutSteps.isEmpty)
    let rows = readoutSteps.count * batch
    switch targets {
    case .values(let y): precondition(y.rows == rows, "SequenceBatch: \(y.rows) target rows, need \(rows)")
    case .classes(let c): precondition(c.count == rows, "SequenceBatch: \(c.count) targets, need \(rows)")
    }
    self.inputs = inputs
    self.steps = steps
    self.batch = batch
    self.targets = targets
    self.readoutSteps = readoutSteps
  }

  /// `I`.
  public var inputSize: Int { inputs.cols }
}

/// What recording a forward pass leaves on the tape.
public struct RecordedForward: Sendable {
  /// The `1 × 1` loss.
  public let loss: Var
  /// The parameters, in `ParameterSet` order.
  public let parameters: [Var]
  /// `S_k` for `k = 1 … T` (each a list of state components; `h_k` is component 0).
  public let states: [[Var]]
  /// The readout `[L·B, O]`.
  public let outputs: Var

  /// `h_k` for `k = 1 … T`.
  public var hidden: [Var] { states.map { $0[0] } }
}

/// A recurrent cell with its linear readout `y = h Uᵀ + u`, recorded on a tape.
public struct SequenceModel<Scalar: BLASScalar>: Sendable {
  /// The cell.
  public let spec: CellSpec

  /// A model of the given cell.
  public init(spec: CellSpec) { self.spec = spec }

  /// Records the forward pass and the loss of one batch.
  public func record(
    on tape: Tape<Scalar>, parameters: ParameterSet<Scalar>, batch: SequenceBatch<Scalar>,
    loss kind: LossKind
  ) -> RecordedForward {
    let vars = parameters.parameters.map { tape.parameter($0.value) }
    return record(on: tape, parameterVars: vars, ids: parameters.ids, batch: batch, loss: kind)
  }

  /// The loss of one batch, from parameters already on the tape (gradient checks).
  public func recordLoss(
    on tape: Tape<Scalar>, parameterVars vars: [Var], ids: [ParameterID],
    batch: SequenceBatch<Scalar>, loss kind: LossKind
  ) -> Var {
    record(on: tape, parameterVars: vars, ids: ids, batch: batch, loss: kind).loss
  }

  /// Records the forward pass and the loss from parameters already on the tape, identified
  /// in `ParameterSet` order.
  public func record(
    on tape: Tape<Scalar>, parameterVars vars: [Var], ids: [ParameterID],
    batch: SequenceBatch<Scalar>, loss kind: LossKind
  ) -> RecordedForward {
    let byID = Dictionary(uniqueKeysWithValues: zip(ids, vars))
    let advance = stepper(on: tape, parameters: byID, inputs: tape.constant(batch.inputs), batch: batch.batch)
    // The initial state tracks gradients, so that ∂L/∂h_k exists for every k, even where no
    // parameter reaches h_k yet (h_1 of a second-order Euler cell): the gradient diagnostics
    // read them off this backward pass. Parameter gradients are unaffected.
    var s = (0..<spec.stateCount).map { _ in
      tape.leaf(rows: batch.batch, cols: spec.hiddenSize, needsGrad: true) { $0.update(repeating: 0) }
    }
    var states: [[Var]] = []
    states.reserveCapacity(batch.steps)
    for k in 0..<batch.steps {
      s = advance(s, k)
      states.append(s)
    }

    let read = batch.readoutSteps.map { states[$0][0] }
    let hs = read.count == 1 ? read[0] : tape.concatRows(read)
    let (y, loss) = readout(on: tape, hs, byID, batch: batch, loss: kind)
    return RecordedForward(loss: loss, parameters: vars, states: states, outputs: y)
  }

  /// The cell recorded once on `tape` for `inputs` (`[T·B, I]`), as a step function
  /// `(S_k, k) ↦ S_{k+1}`: the recurrent matrices and input projections are formed here, once.
  public func stepper(on tape: Tape<Scalar>, parameters p: [ParameterID: Var], inputs: Var, batch: Int) -> ([Var], Int) -> [Var] {
    if spec.kind == .ode {
      let cell = ODECell(spec: spec, tape: tape, parameters: p, inputs: inputs, batch: batch)
      return { s, k in cell.step(tape, s, step: k) }
    }
    let cell = BaselineCell(spec: spec, tape: tape, parameters: p, inputs: inputs, batch: batch)
    return { s, k in cell.step(tape, s, step: k) }
  }

  /// The readout `y = h Uᵀ + u` of the rows `hs` and the loss against the batch's targets.
  public func readout(
    on tape: Tape<Scalar>, _ hs: Var, _ parameters: [ParameterID: Var], batch: SequenceBatch<Scalar>,
    loss kind: LossKind
  ) -> (outputs: Var, loss: Var) {
    let y = tape.addRowBroadcast(
      tape.matmul(hs, parameters.required(.readoutWeight), transposeB: true), parameters.required(.readoutBias))
    let loss: Var
    switch (kind, batch.targets) {
    case (.mse, .values(let t)):
      loss = tape.mean(tape.square(tape.sub(y, tape.constant(t))))
    case (.mse, .classes(let c)):
      let t = Matrix<Scalar>(rows: c.count, cols: 1, storage: c.map { Scalar($0) })
      loss = tape.mean(tape.square(tape.sub(y, tape.constant(t))))
    case (.crossEntropy, .classes(let c)):
      loss = tape.softmaxCrossEntropy(y, targets: c)
    case (.crossEntropy, .values(let t)):
      loss = tape.softmaxCrossEntropy(y, targets: t.storage.map { Int32($0) })
    }
    return (y, loss)
  }
}
