import Autodiff
import Linalg

extension SequenceModel {
  /// The readout and loss of one batch without recording for backpropagation: the same
  /// values as `record`, bit for bit (the same operations in the same order), for validation
  /// and inference.
  ///
  /// ODE cells with explicit tableaux take `ODEInference`, a scan without the tape. Other
  /// cells record each time step after a tape mark, copies the new state out and rewinds,
  /// so every step reuses one small piece of the arena that stays in cache, instead of
  /// writing `T` fresh states. Only the readout steps' `h_k` are kept.
  public func recordInference(
    on tape: Tape<Scalar>, parameters: ParameterSet<Scalar>, batch: SequenceBatch<Scalar>,
    loss kind: LossKind
  ) -> (outputs: Var, loss: Var) {
    let constants = parameters.constants(on: tape)
    if ODEInference<Scalar>.covers(spec) {
      return recordODEInference(on: tape, constants: constants, batch: batch, loss: kind)
    }
    let step = stepper(on: tape, parameters: constants, inputs: tape.constant(batch.inputs), batch: batch.batch)
    let b = batch.batch
    let size = b * spec.hiddenSize
    let components = spec.stateCount
    var carry = [Scalar](repeating: 0, count: components * size)
    var kept: [Scalar] = []
    kept.reserveCapacity(batch.readoutSteps.count * size)
    let mark = tape.mark()
    for k in 0..<batch.steps {
      let state = (0..<components).map { r in
        tape.leaf(rows: b, cols: spec.hiddenSize, needsGrad: false) { buffer in
          carry.withUnsafeBufferPointer { c in buffer.baseAddress!.update(from: c.baseAddress! + r * size, count: size) }
        }
      }
      let next = step(state, k)
      carry.withUnsafeMutableBufferPointer { c in
        for (r, v) in next.enumerated() {
          tape.withValue(v) { (c.baseAddress! + r * size).update(from: $0.baseAddress!, count: size) }
        }
      }
      if batch.readoutSteps.contains(k) { kept.append(contentsOf: carry[0..<size]) }
      tape.rewind(to: mark)
    }
    let hs = tape.constant(Matrix(rows: batch.readoutSteps.count * b, cols: spec.hiddenSize, storage: kept))
    return readout(on: tape, hs, constants, batch: batch, loss: kind)
  }

  /// `ODEInference`'s scan: `M_r` and `X Vᵀ` are recorded on the tape (as the tape's forward
  /// pass records them), the time steps run outside it, and the readout and loss are
  /// recorded from the kept `h_k`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func recordODEInference(
    on tape: Tape<Scalar>, constants: [ParameterID: Var], batch: SequenceBatch<Scalar>, loss kind: LossKind
  ) -> (outputs: Var, loss: Var) {
    let recurrent = spec.recurrentMatrices(on: tape, parameters: constants)
    let inputs = tape.constant(batch.inputs)
    func product(_ weights: ParameterID) -> Var { tape.matmul(inputs, constants.required(weights), transposeB: true) }
    let products = (product(.input), spec.gated ? product(.gateInput) : nil)
    // The arena does not move while nothing is recorded, so these pointers stay valid.
    func pointer(_ id: ParameterID) -> UnsafePointer<Scalar> { pointer(constants.required(id)) }
    func pointer(_ v: Var) -> UnsafePointer<Scalar> { tape.withValue(v) { $0.baseAddress! } }
    let operands = ODEInference<Scalar>.Operands(
      recurrent: recurrent.map(pointer), product: pointer(products.0), bias: pointer(.bias),
      gate: products.1.map { (pointer($0), pointer(.gateBias)) })
    let kept = ODEInference<Scalar>(spec: spec, batch: batch.batch).hiddenStates(
      operands, steps: batch.steps, readout: batch.readoutSteps)
    let hs = tape.constant(Matrix(rows: batch.readoutSteps.count * batch.batch, cols: spec.hiddenSize, storage: kept))
    return readout(on: tape, hs, constants, batch: batch, loss: kind)
  }
}
