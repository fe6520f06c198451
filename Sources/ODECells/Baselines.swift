import Autodiff
import Linalg

/// PyTorch's LSTM and GRU cells on the tape, with the same one-GEMM input projection as
/// `ODECell`: `P = X W_ihᵀ + b_ih` for all steps.
///
/// LSTM (gate order i, f, g, o): `[i f g o] = P_k + h W_hhᵀ + b_hh`,
/// `c′ = σ(f) ⊙ c + σ(i) ⊙ tanh(g)`, `h′ = σ(o) ⊙ tanh(c′)`.
/// GRU: `r = σ(P_r + h W_hrᵀ + b_hr)`, `z = σ(P_z + h W_hzᵀ + b_hz)`,
/// `n = tanh(P_n + r ⊙ (h W_hnᵀ + b_hn))`, `h′ = (1 − z) ⊙ n + z ⊙ h = n + z ⊙ (h − n)`.
public struct BaselineCell<Scalar: BLASScalar> {
  /// lstm or gru.
  public let spec: CellSpec
  /// `B`.
  public let batch: Int
  let weightHH: Var
  let biasHH: Var
  let projection: Var

  /// Records the input projection of every step (`W_hh` is `CellSpec.recurrentMatrices`).
  public init(spec: CellSpec, tape: Tape<Scalar>, parameters: [ParameterID: Var], inputs: Var, batch: Int) {
    guard let kind = BaselineKind(spec.kind) else { preconditionFailure("BaselineCell: ode is not a baseline") }
    self.spec = spec
    self.batch = batch
    weightHH = spec.recurrentMatrices(on: tape, parameters: parameters)[0]
    biasHH = parameters.required(.baseline(kind, .biasHH))
    let ih = tape.addRowBroadcast(
      tape.matmul(inputs, parameters.required(.baseline(kind, .weightIH)), transposeB: true),
      parameters.required(.baseline(kind, .biasIH)))
    // The LSTM adds both biases before any nonlinearity, so fold b_hh into the projection.
    projection = kind == .lstm ? tape.addRowBroadcast(ih, biasHH) : ih
  }

  /// One step at time `k`.
  public func step(_ tape: Tape<Scalar>, _ s: [Var], step k: Int) -> [Var] {
    let h = spec.hiddenSize
    let row = k * batch
    if spec.kind == .lstm {
      let gates = tape.matmulAdd(projection, rowOffset: row, s[0], weightHH, transposeB: true)
      let i = tape.sigmoid(tape.sliceColumns(gates, start: 0, count: h))
      let f = tape.sigmoid(tape.sliceColumns(gates, start: h, count: h))
      let g = tape.tanh(tape.sliceColumns(gates, start: 2 * h, count: h))
      let o = tape.sigmoid(tape.sliceColumns(gates, start: 3 * h, count: h))
      let c = tape.add(tape.mul(f, s[1]), tape.mul(i, g))
      return [tape.mul(o, tape.tanh(c)), c]
    }
    let hh = tape.addRowBroadcast(tape.matmul(s[0], weightHH, transposeB: true), biasHH)
    let p = tape.sliceRows(projection, start: row, count: batch)
    let r = tape.sigmoid(tape.add(tape.sliceColumns(p, start: 0, count: h), tape.sliceColumns(hh, start: 0, count: h)))
    let z = tape.sigmoid(tape.add(tape.sliceColumns(p, start: h, count: h), tape.sliceColumns(hh, start: h, count: h)))
    let n = tape.tanh(
      tape.add(
        tape.sliceColumns(p, start: 2 * h, count: h),
        tape.mul(r, tape.sliceColumns(hh, start: 2 * h, count: h))))
    return [tape.add(n, tape.mul(z, tape.sub(s[0], n)))]
  }
}
