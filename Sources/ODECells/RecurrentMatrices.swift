import Autodiff
import Linalg

extension CellSpec {
  /// The effective recurrent matrices of DESIGN §1.3, recorded on `tape`:
  /// ```
  /// M_0 = W_0                 (dense)
  /// M_0 = W_0 − W_0ᵀ − γI     (antisymmetric: ∂L/∂W_0 = G − Gᵀ for G = ∂L/∂M_0)
  /// M_r = W_r                 (r ≥ 1)
  /// ```
  /// and `[W_hh]` (`[gH, H]`) for the LSTM and GRU. This is the only place the formula is
  /// written: the cell's forward pass and every `Double` copy of `M_r` come from here.
  public func recurrentMatrices<S: BLASScalar>(on tape: Tape<S>, parameters: [ParameterID: Var]) -> [Var] {
    if let kind = BaselineKind(self.kind) { return [parameters.required(.baseline(kind, .weightHH))] }
    return (0..<derivativeOrder).map { r in
      let w = parameters.required(.recurrent(r))
      guard r == 0 && structure == .antisymmetric else { return w }
      let m0 = tape.sub(w, tape.transpose(w))
      guard gamma != 0 else { return m0 }
      return tape.addScaled(m0, tape.constant(.identity(hiddenSize)), scale: S(-gamma))
    }
  }

  /// The same matrices in `Double` (`M_0 … M_{t−1}`, or `[W_hh]`): the formula above
  /// evaluated on a `Tape<Double>` from the parameters converted to `Double`.
  public func recurrentMatrices<S: BLASScalar>(of parameters: ParameterSet<S>) -> [Matrix<Double>] {
    let tape = Tape<Double>()
    var vars: [ParameterID: Var] = [:]
    for p in parameters.parameters { vars[p.id] = tape.constant(Matrix(converting: p.value)) }
    return recurrentMatrices(on: tape, parameters: vars).map { tape.value($0) }
  }
}
