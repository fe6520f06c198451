import Autodiff
import Linalg
import ODECells
import Tableaux

/// The 2-D rotation cell: `h′ = W₀h` with `W₀ = [[0, −1], [1, 0]]` (eigenvalues ±i), identity
/// activation, no decay, no bias; an input of 1 at step 0 (through `V = [1, 0]ᵀ`) and 0
/// after. From step 1 on the cell is the linear map `Φ(εW₀)`, and since `W₀` acts on the
/// plane as `i` does on ℂ, `Φ(εW₀) = Re Φ(iε)·I + Im Φ(iε)·W₀` scales every state's norm by
/// exactly `|Φ(iε)|`: R for an explicit tableau, R_m for m Jacobi sweeps. So the measured
/// growth per step `‖h_{k+1}‖/‖h_k‖` checks the cell's integrator against its stability
/// function at `z = iεω` (ω = 1), in float64.
public struct RotationCell: Sendable {
  public let spec: CellSpec
  let parameters: ParameterSet<Double>

  /// The cell for `tableau` at step size `epsilon` (= εω); `configure` may set further keys
  /// (the implicit solver, its iterations).
  public init(tableau: ButcherTableau, epsilon: Double, configure: (inout CellSpec) -> Void = { _ in }) {
    var spec = CellSpec(tableau: tableau, hiddenSize: 2, stepSize: epsilon, activation: .identity)
    configure(&spec)
    self.spec = spec
    var rng = Xoshiro256(seed: 1)
    var p = ParameterSet<Double>(spec: spec, inputSize: 1, outputSize: 1, using: &rng)
    func set(_ id: ParameterID, _ m: Matrix<Double>) {
      if let i = p.index(of: id) { p.parameters[i].value = m }
    }
    set(.recurrent(0), Matrix([[0, -1], [1, 0]]))
    set(.input, Matrix([[1], [0]]))
    set(.bias, Matrix(rows: 1, cols: 2))
    parameters = p
  }

  /// `‖h_k‖` for k = 1…`steps` (h_0 = 0).
  public func norms(steps: Int) -> [Double] {
    var inputs = Matrix<Double>(rows: steps, cols: 1)
    inputs[0, 0] = 1
    let model = SequenceModel<Double>(spec: spec)
    let tape = Tape<Double>()
    tape.reset()
    let advance = model.stepper(on: tape, parameters: parameters.constants(on: tape), inputs: tape.constant(inputs), batch: 1)
    var s = (0..<spec.stateCount).map { _ in tape.leaf(rows: 1, cols: 2, needsGrad: false) { $0.update(repeating: 0) } }
    var out: [Double] = []
    out.reserveCapacity(steps)
    let mark = tape.mark()
    var carry = [0.0, 0.0]
    for k in 0..<steps {
      let next = advance(s, k)
      carry = tape.value(next[0]).storage
      out.append((carry[0] * carry[0] + carry[1] * carry[1]).squareRoot())
      tape.rewind(to: mark)
      let h = carry
      s = [tape.leaf(rows: 1, cols: 2, needsGrad: false) { $0[0] = h[0]; $0[1] = h[1] }]
    }
    return out
  }

  /// The growth per step `‖h_2‖/‖h_1‖` (the first step without input).
  public func growth() -> Double {
    let n = norms(steps: 2)
    return n[1] / n[0]
  }
}
