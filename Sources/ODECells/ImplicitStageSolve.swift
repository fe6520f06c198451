import Autodiff
import Linalg

/// The values of one recorded evaluation of the stage fields `Φ_i = F(Y_i)`,
/// `Y_i = S_k + ε Σ_j a_ij K_j`, that Newton's method and the adjoint read: `Φ` in the
/// stacked layout of the unknowns (block `(i, r)` is `B × H`), and per stage `d = g ⊙ σ′(z)`,
/// `e = g′ ⊙ σ(z)` (`StageJacobian`).
struct StageEvaluation<Scalar: BLASScalar> {
  /// The recorded parts `Φ_i^r`, in block order `(i, r)`.
  var parts: [Var] = []
  /// `Φ`, `s·t·B·H` values.
  var phi: [Scalar] = []
  /// `d` of each stage, `B·H` values.
  var d: [[Scalar]] = []
  /// `e` of each stage (empty when ungated).
  var e: [[Scalar]] = []
}

extension ODECell {
  /// The stages of one implicit step solved by Newton's method (DESIGN §1.3, "Implicit solver"):
  /// `G(K) = K − F(S_k + ε(A⊗I)K, x_k) = 0` for each batch element, from `K⁽⁰⁾ = 0`,
  /// `K ← K − J⁻¹G` on the exact Jacobian (`StageJacobian`, LAPACK getrf/getrs),
  /// until `‖G‖∞ ≤ τ(1 + ‖K‖∞)` (τ = `newtonTolerance`) within `implicitIterations` iterations.
  ///
  /// Every iterate is evaluated on the tape and rewound. The converged evaluation is kept, with
  /// `K*` as a constant, so the tape holds `Φ(S_k, K*, θ)` — the stage values — and the solve
  /// enters it through `Tape.implicitOutput` with the adjoint `Ȳ ↦ J⁻ᵀȲ` at `K*`: gradients by
  /// the implicit function theorem, one transposed solve per element and step, no iterate kept.
  /// A system that does not converge (or overflows) gets NaN stages and writes "implicit solve
  /// did not converge" into `tape.solveLog`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func newtonStages(_ tape: Tape<Scalar>, _ s: [Var], step k: Int) -> [[Var]] {
    let stages = spec.tableau.stages
    let t = spec.derivativeOrder
    let h = spec.hiddenSize
    let b = batch
    let block = b * h
    let jacobian = StageJacobian(
      tableau: spec.tableau.a, stepSize: spec.stepSize, decay: spec.decay,
      recurrent: recurrent.map { m in tape.withValue(m) { Array($0) } }, hidden: h)
    let n = jacobian.size
    let tau = Scalar(spec.newtonTolerance(Scalar.dtype))

    // K⁽⁰⁾ = 0: the first iterate solves the equations linearised at S_k (linearly implicit),
    // which stays sound when ε is large (stiff cells), unlike the explicit slope F(S_k).
    var unknowns = [Scalar](repeating: 0, count: stages * t * block)
    var done = [Bool](repeating: false, count: b)
    var failed = [Bool](repeating: false, count: b)
    var iterations = [Int](repeating: 0, count: b)
    var matrix = [Scalar](repeating: 0, count: n * n)
    var pivots = [Int32](repeating: 0, count: n)
    var delta = [Scalar](repeating: 0, count: n)
    var iteration = 0
    while true {
      let mark = tape.mark()
      let evaluation = evaluate(tape, s, unknowns, step: k)
      for e in 0..<b where !done[e] {
        var residual: Scalar = 0
        var size: Scalar = 0
        for p in 0..<(stages * t) {
          for a in 0..<h {
            let x = p * block + e * h + a
            residual = Swift.max(residual, Swift.abs(unknowns[x] - evaluation.phi[x]))
            size = Swift.max(size, Swift.abs(unknowns[x]))
          }
        }
        if !residual.isFinite || !size.isFinite {
          done[e] = true
          failed[e] = true
        } else if residual <= tau * (1 + size) {
          done[e] = true
          iterations[e] = iteration
        }
      }
      if !done.contains(false) || iteration == spec.implicitIterations {
        if failed.contains(true) || done.contains(false) {
          tape.rewind(to: mark)
          return failure(tape, s, unknowns, step: k, failed: zip(done, failed).map { !$0 || $1 })
        }
        for e in 0..<b { tape.solveLog.record(iterations: iterations[e], linearSolves: iterations[e]) }
        return stacked(tape, evaluation, jacobian)
      }
      tape.rewind(to: mark)
      // K ← K + Δ, J Δ = Φ − K = −G, for each element still iterating.
      for e in 0..<b where !done[e] {
        matrix.withUnsafeMutableBufferPointer { m in
          fillJacobian(jacobian, evaluation, element: e, into: m.baseAddress!)
          for p in 0..<(stages * t) {
            for a in 0..<h {
              let x = p * block + e * h + a
              delta[p * h + a] = evaluation.phi[x] - unknowns[x]
            }
          }
          let info = Scalar.getrf(n: n, a: m.baseAddress!, pivots: &pivots)
          if info == 0 { _ = Scalar.getrs(transpose: false, n: n, lu: m.baseAddress!, pivots: pivots, b: &delta) }
          if info != 0 {
            done[e] = true
            failed[e] = true
          }
        }
        guard !failed[e] else { continue }
        for p in 0..<(stages * t) {
          for a in 0..<h { unknowns[p * block + e * h + a] += delta[p * h + a] }
        }
      }
      iteration += 1
    }
  }

  /// Records `Y_i = S_k + ε Σ_j a_ij K_j` with `K` constant and `Φ_i = F(Y_i)`, and reads
  /// back `Φ`, `d` and `e`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func evaluate(_ tape: Tape<Scalar>, _ s: [Var], _ unknowns: [Scalar], step k: Int) -> StageEvaluation<Scalar> {
    let stages = spec.tableau.stages
    let t = spec.derivativeOrder
    let h = spec.hiddenSize
    let block = batch * h
    let constants: [[Var]] = (0..<stages).map { j in
      (0..<t).map { r in
        tape.leaf(rows: batch, cols: h, needsGrad: false) { buffer in
          unknowns.withUnsafeBufferPointer { u in buffer.baseAddress!.update(from: u.baseAddress! + (j * t + r) * block, count: block) }
        }
      }
    }
    var result = StageEvaluation<Scalar>()
    result.phi.reserveCapacity(stages * t * block)
    for i in 0..<stages {
      let parts = fieldParts(tape, stageState(tape, s, i, constants), step: k)
      for v in parts.field {
        result.parts.append(v)
        tape.withValue(v) { result.phi.append(contentsOf: $0) }
      }
      let act = tape.value(parts.activation).storage
      // z is read for relu only: tanh's and sigmoid's σ(z) were written over it.
      let z = spec.activation == .relu ? tape.value(parts.z).storage : []
      let g = parts.gate.map { tape.value($0).storage }
      var d = [Scalar](repeating: 0, count: block)
      for x in 0..<block {
        let slope: Scalar =
          switch spec.activation {
          case .tanh: 1 - act[x] * act[x]
          case .sigmoid: act[x] * (1 - act[x])
          case .relu: z[x] > 0 ? 1 : 0
          case .identity: 1
          }
        d[x] = (g?[x] ?? 1) * slope
      }
      result.d.append(d)
      if let g { result.e.append((0..<block).map { x in g[x] * (1 - g[x]) * act[x] }) }
    }
    return result
  }

  /// `J` of element `e` at `evaluation`'s stage values.
  private func fillJacobian(
    _ jacobian: StageJacobian<Scalar>, _ evaluation: StageEvaluation<Scalar>, element e: Int, into out: UnsafeMutablePointer<Scalar>
  ) {
    jacobian.fill(out, d: evaluation.d, e: evaluation.e, offset: e * spec.hiddenSize)
  }

  /// The converged stages on the tape: `Φ(K*)` through `implicitOutput`, whose adjoint solves
  /// `Jᵀλ = Ȳ` per element at `K*`, split back into `K_i^r`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func stacked(_ tape: Tape<Scalar>, _ evaluation: StageEvaluation<Scalar>, _ jacobian: StageJacobian<Scalar>) -> [[Var]] {
    let stages = spec.tableau.stages
    let t = spec.derivativeOrder
    let h = spec.hiddenSize
    let b = batch
    let block = b * h
    let n = jacobian.size
    let cell = self
    let all = tape.implicitOutput(evaluation.parts) { upstream, result in
      var matrix = [Scalar](repeating: 0, count: n * n)
      var pivots = [Int32](repeating: 0, count: n)
      var lambda = [Scalar](repeating: 0, count: n)
      for e in 0..<b {
        for p in 0..<(stages * t) { for a in 0..<h { lambda[p * h + a] = upstream[p * block + e * h + a] } }
        let info = matrix.withUnsafeMutableBufferPointer { m in
          cell.fillJacobian(jacobian, evaluation, element: e, into: m.baseAddress!)
          let info = Scalar.getrf(n: n, a: m.baseAddress!, pivots: &pivots)
          return info == 0 ? Scalar.getrs(transpose: true, n: n, lu: m.baseAddress!, pivots: pivots, b: &lambda) : info
        }
        if info != 0 { for x in 0..<n { lambda[x] = .nan } }
        for p in 0..<(stages * t) { for a in 0..<h { result[p * block + e * h + a] = lambda[p * h + a] } }
      }
    }
    return (0..<stages).map { i in
      (0..<t).map { r in tape.sliceRows(all, start: (i * t + r) * b, count: b) }
    }
  }

  /// NaN stages for the elements whose solve failed (the others keep their last iterate),
  /// recorded as the converged case is, and the failure logged.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func failure(_ tape: Tape<Scalar>, _ s: [Var], _ unknowns: [Scalar], step k: Int, failed: [Bool]) -> [[Var]] {
    let h = spec.hiddenSize
    let block = batch * h
    var unknowns = unknowns
    for p in 0..<(spec.tableau.stages * spec.derivativeOrder) {
      for e in failed.indices where failed[e] {
        for a in 0..<h { unknowns[p * block + e * h + a] = .nan }
      }
    }
    if tape.solveLog.failure == nil {
      tape.solveLog.failure =
        "implicit solve did not converge (Newton, \(spec.implicitIterations) iteration\(spec.implicitIterations == 1 ? "" : "s"), τ = \(spec.newtonTolerance(Scalar.dtype)), time step \(k + 1))"
    }
    let evaluation = evaluate(tape, s, unknowns, step: k)
    let jacobian = StageJacobian(
      tableau: spec.tableau.a, stepSize: spec.stepSize, decay: spec.decay,
      recurrent: recurrent.map { m in tape.withValue(m) { Array($0) } }, hidden: h)
    return stacked(tape, evaluation, jacobian)
  }
}
