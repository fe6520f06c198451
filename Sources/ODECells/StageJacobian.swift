import Linalg

/// The Jacobian of the implicit stage equations of one batch element,
/// `J = ∂G/∂K = I − ε (A ⊗ I)·blockdiag_i(∂F/∂S at Y_i)` for `G(K) = K − F(S + ε(A⊗I)K)`,
/// `N × N` with `N = s·t·H`, in column-major order (LAPACK's).
///
/// Unknowns are numbered `(i·t + r)·H + a`: stage `i`, component `r` (`K_i = (K_i^0, …,
/// K_i^{t−1})`), entry `a`. The companion field's Jacobian has the closed form of
/// `SequenceModel.fieldJacobian`: rows `r < t − 1` are `∂F^r/∂S^q = δ_{q,r+1} I`; the last is
/// `∂f/∂v_q = diag(d)·M_q + [q = 0]·diag(e)·M_0 − κ_q I` with `d = g ⊙ σ′(z)`,
/// `e = g′ ⊙ σ(z)` (`g = sigmoid(z_g)`; ungated `d = σ′(z)`, `e = 0`). So block `(i, j)` is
/// `δ_ij I − ε a_ij ∂F/∂S(Y_i)`.
struct StageJacobian<Scalar: BLASScalar> {
  /// `s`, `t`, `H`.
  let stages: Int
  let order: Int
  let hidden: Int
  /// `−ε·a_ij`, row-major `s × s`.
  let coupling: [Scalar]
  /// `κ_q`.
  let decay: [Scalar]
  /// `M_qᵀ`, row-major (row `b` is column `b` of `M_q`), `t` of them.
  let transposedRecurrent: [[Scalar]]

  /// `N = s·t·H`.
  var size: Int { stages * order * hidden }

  init(tableau a: [[Double]], stepSize: Double, decay: [Double], recurrent: [[Scalar]], hidden: Int) {
    stages = a.count
    order = recurrent.count
    self.hidden = hidden
    coupling = a.flatMap { row in row.map { Scalar(-stepSize * $0) } }
    self.decay = decay.map { Scalar($0) }
    transposedRecurrent = recurrent.map { m in
      var t = [Scalar](repeating: 0, count: hidden * hidden)
      for r in 0..<hidden { for c in 0..<hidden { t[c * hidden + r] = m[r * hidden + c] } }
      return t
    }
  }

  /// Writes `J` (column-major, `N × N`) into `out`.
  ///
  /// - Parameters:
  ///   - d: `g ⊙ σ′(z)` per stage; entries `offset ..< offset + H` are this element's.
  ///   - e: `g′ ⊙ σ(z)` per stage, likewise (empty: ungated).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func fill(_ out: UnsafeMutablePointer<Scalar>, d: [[Scalar]], e: [[Scalar]], offset: Int) {
    let n = size
    let h = hidden
    let t = order
    out.update(repeating: 0, count: n * n)
    for k in 0..<n { out[k * n + k] = 1 }
    for i in 0..<stages {
      let di = Array(d[i][offset..<(offset + h)])
      let ei = e.isEmpty ? nil : Array(e[i][offset..<(offset + h)])
      for j in 0..<stages {
        let c = coupling[i * stages + j]
        guard c != 0 else { continue }
        // Rows (i, r, ·), r < t − 1: ∂F^r/∂S^{r+1} = I.
        for r in 0..<(t - 1) {
          for a in 0..<h { out[((j * t + r + 1) * h + a) * n + (i * t + r) * h + a] += c }
        }
        // Rows (i, t − 1, ·): c·(diag(d)·M_q + [q = 0]·diag(e)·M_0 − κ_q I).
        let rowBase = (i * t + t - 1) * h
        for q in 0..<t {
          transposedRecurrent[q].withUnsafeBufferPointer { mt in
            transposedRecurrent[0].withUnsafeBufferPointer { m0t in
              for b in 0..<h {
                let column = out + ((j * t + q) * h + b) * n + rowBase
                let mq = mt.baseAddress! + b * h
                if q == 0, let ei {
                  let m0 = m0t.baseAddress! + b * h
                  for a in 0..<h { column[a] += c * (di[a] * mq[a] + ei[a] * m0[a]) }
                } else {
                  for a in 0..<h { column[a] += c * (di[a] * mq[a]) }
                }
                column[b] -= c * decay[q]
              }
            }
          }
        }
      }
    }
  }
}
