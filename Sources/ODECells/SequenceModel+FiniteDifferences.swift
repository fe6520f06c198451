import Autodiff
import Linalg

/// Float64 central differences of the field and of one step: the oracle that the tests hold
/// `fieldJacobian` and `mapJacobian` to (as `GradientCheck` is the gradients' oracle).
///
/// Column `c` (state scalar `j` of component `r`, `c = r·H + j`) is
/// `(G(S + h·e_c) − G(S − h·e_c)) / 2h`, where `G` is the cell's real forward pass at batch
/// size 1 — no backward pass, no hand-written derivative — and its truncation error is
/// `O(h²)`.
extension SequenceModel where Scalar == Double {
  /// `ε·∂F/∂S` at `point` by central differences of `F`; `nil` for the LSTM and GRU.
  public func fieldJacobianByFiniteDifferences(
    parameters: ParameterSet<Double>, at point: CellPoint<Double>, step h: Double = 1e-5
  ) -> Matrix<Double>? {
    guard spec.kind == .ode else { return nil }
    let j = differences(parameters: parameters, at: point, step: h) { tape, constants, input, state in
      ODECell(spec: spec, tape: tape, parameters: constants, inputs: input, batch: 1).field(tape, state, step: 0)
    }
    return spec.stepSize * j
  }

  /// `∂S_{k+1}/∂S_k` at `point` by central differences of one step.
  public func mapJacobianByFiniteDifferences(
    parameters: ParameterSet<Double>, at point: CellPoint<Double>, step h: Double = 1e-5
  ) -> Matrix<Double> {
    differences(parameters: parameters, at: point, step: h) { tape, constants, input, state in
      stepper(on: tape, parameters: constants, inputs: input, batch: 1)(state, 0)
    }
  }

  private func differences(
    parameters: ParameterSet<Double>, at point: CellPoint<Double>, step h: Double,
    _ body: (Tape<Double>, [ParameterID: Var], Var, [Var]) -> [Var]
  ) -> Matrix<Double> {
    let tape = Tape<Double>()
    func evaluate(_ state: [Matrix<Double>]) -> [Double] {
      tape.reset()
      let out = body(tape, parameters.constants(on: tape), tape.constant(point.input), state.map { tape.constant($0) })
      return out.flatMap { tape.value($0).storage }
    }
    let width = spec.hiddenSize
    let n = point.state.count * width
    var jacobian = Matrix<Double>(rows: n, cols: n)
    for c in 0..<n {
      var plus = point.state
      var minus = point.state
      plus[c / width][0, c % width] += h
      minus[c / width][0, c % width] -= h
      let (up, down) = (evaluate(plus), evaluate(minus))
      for row in 0..<n { jacobian[row, c] = (up[row] - down[row]) / (2 * h) }
    }
    return jacobian
  }
}
