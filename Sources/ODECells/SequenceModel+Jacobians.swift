import Autodiff
import Linalg

/// A point `(S, x)` of one sequence at which a cell's Jacobians are taken.
///
/// A Jacobian at a point indexes the state's scalars component-major: row and column
/// `r·H + j` are entry `j` of component `r` (`v_r` of an ODE cell; `h`, then `c`, of the LSTM).
public struct CellPoint<Scalar: BLASScalar>: Sendable, Equatable {
  /// `S`: `CellSpec.stateCount` components, each `1 × H`.
  public var state: [Matrix<Scalar>]
  /// `x`, held through the step: `1 × I`.
  public var input: Matrix<Scalar>

  /// A point.
  public init(state: [Matrix<Scalar>], input: Matrix<Scalar>) {
    self.state = state
    self.input = input
  }

  /// `S = 0`, `x = 0`.
  public init(zeroFor spec: CellSpec, inputSize: Int) {
    state = Array(repeating: Matrix(rows: 1, cols: spec.hiddenSize), count: spec.stateCount)
    input = Matrix(rows: 1, cols: inputSize)
  }
}

extension SequenceModel {
  /// The field Jacobian `ε·∂F/∂S` at `point`, exact, `tH × tH`, in closed form
  /// (`ClosedFormJacobians`, in `Double`); `nil` for the LSTM and GRU, which have no field.
  /// `tape` is not used (the signature of `mapJacobian`).
  public func fieldJacobian(
    parameters: ParameterSet<Scalar>, at point: CellPoint<Scalar>, on tape: Tape<Scalar> = Tape()
  ) -> Matrix<Double>? {
    guard spec.kind == .ode else { return nil }
    return ClosedFormJacobians(spec: spec, parameters: parameters, at: point).field()
  }

  /// Whether `mapJacobian` is the closed form (built in `Double`), not backpropagation (in
  /// `Scalar`).
  public var mapJacobianIsClosedForm: Bool { ClosedFormJacobians.coversMap(spec) }

  /// The one-step map Jacobian `∂S_{k+1}/∂S_k` at `point`, exact: in closed form for ODE cells
  /// with explicit tableaux (`ClosedFormJacobians`), else by backpropagation on `tape`
  /// (`mapJacobianByBackpropagation`).
  public func mapJacobian(
    parameters: ParameterSet<Scalar>, at point: CellPoint<Scalar>, on tape: Tape<Scalar> = Tape()
  ) -> Matrix<Double> {
    guard ClosedFormJacobians.coversMap(spec) else {
      return mapJacobianByBackpropagation(parameters: parameters, at: point, on: tape)
    }
    return ClosedFormJacobians(spec: spec, parameters: parameters, at: point).map()
  }

  /// The field Jacobian `ε·∂F/∂S` at `point`, exact (one backward pass on `tape`, which is
  /// reset first), `tH × tH`; `nil` for the LSTM and GRU, which have no field.
  ///
  /// Block `(t − 1, r)` is `ε·∂f/∂v_r = ε·(diag(g ⊙ σ′(z))·M_r + [r = 0]·diag(g′ ⊙ σ(z))·M_0 − κ_r I)`
  /// with `g = sigmoid(z_g)`, `g′ = sigmoid′(z_g)` (`g = 1`, `g′ = 0` ungated); the block rows
  /// above are `[0 … εI … 0]` (`v_r′ = v_{r+1}`).
  public func fieldJacobianByBackpropagation(
    parameters: ParameterSet<Scalar>, at point: CellPoint<Scalar>, on tape: Tape<Scalar> = Tape()
  ) -> Matrix<Double>? {
    guard spec.kind == .ode else { return nil }
    let j = jacobian(parameters: parameters, at: point, on: tape) { constants, inputs, batch, state in
      ODECell(spec: spec, tape: tape, parameters: constants, inputs: inputs, batch: batch).field(tape, state, step: 0)
    }
    return spec.stepSize * j
  }

  /// The one-step map Jacobian `∂S_{k+1}/∂S_k` at `point` (the cell's real step: every
  /// stage, every Jacobi sweep), exact (one backward pass on `tape`, which is reset first).
  public func mapJacobianByBackpropagation(
    parameters: ParameterSet<Scalar>, at point: CellPoint<Scalar>, on tape: Tape<Scalar> = Tape()
  ) -> Matrix<Double> {
    jacobian(parameters: parameters, at: point, on: tape) { constants, inputs, batch, state in
      stepper(on: tape, parameters: constants, inputs: inputs, batch: batch)(state, 0)
    }
  }

  /// The state of one sequence after its first `steps` inputs (rows of `inputs`, `[T, I]`,
  /// `T ≥ steps`), starting from `S = 0`; recorded on `tape`, which is reset first.
  public func state(
    after steps: Int, of inputs: Matrix<Scalar>, parameters: ParameterSet<Scalar>, on tape: Tape<Scalar>
  ) -> [Matrix<Scalar>] {
    tape.reset()
    let advance = stepper(on: tape, parameters: parameters.constants(on: tape), inputs: tape.constant(inputs), batch: 1)
    var s = (0..<spec.stateCount).map { _ in
      tape.leaf(rows: 1, cols: spec.hiddenSize, needsGrad: false) { $0.update(repeating: 0) }
    }
    for k in 0..<steps { s = advance(s, k) }
    return s.map { tape.value($0) }
  }

  /// `∂out/∂S` of `body` at `point`, in one backward pass: the point is replicated
  /// `N = stateCount·H` times (batch row `n` for state scalar `n`), output row `n` is seeded
  /// with the unit vector `e_n`, so the state's gradient row `n` is row `n` of the Jacobian.
  private func jacobian(
    parameters: ParameterSet<Scalar>, at point: CellPoint<Scalar>, on tape: Tape<Scalar>,
    _ body: (_ parameters: [ParameterID: Var], _ inputs: Var, _ batch: Int, _ state: [Var]) -> [Var]
  ) -> Matrix<Double> {
    let h = spec.hiddenSize
    let n = point.state.count * h
    tape.reset()
    let constants = parameters.constants(on: tape)
    let state = point.state.map { v in
      tape.leaf(rows: n, cols: h, needsGrad: true) { buffer in
        for row in 0..<n { for j in 0..<h { buffer[row * h + j] = v[0, j] } }
      }
    }
    let inputs = tape.leaf(rows: n, cols: point.input.cols, needsGrad: false) { buffer in
      let x = point.input.storage
      for row in 0..<n { for j in x.indices { buffer[row * x.count + j] = x[j] } }
    }
    let out = body(constants, inputs, n, state)
    var loss: Var?
    for (r, o) in out.enumerated() {
      let seed = tape.leaf(rows: n, cols: h, needsGrad: false) { buffer in
        buffer.update(repeating: 0)
        for j in 0..<h { buffer[(r * h + j) * h + j] = 1 }
      }
      let term = tape.sum(tape.mul(o, seed))
      loss = loss.map { tape.add($0, term) } ?? term
    }
    var jacobian = Matrix<Double>(rows: n, cols: n)
    guard let loss else { return jacobian }
    tape.backward(from: loss)
    for (r, v) in state.enumerated() {
      tape.withGradient(v) { g in
        for row in 0..<n { for c in 0..<h { jacobian[row, r * h + c] = Double(g[row * h + c]) } }
      }
    }
    return jacobian
  }
}
