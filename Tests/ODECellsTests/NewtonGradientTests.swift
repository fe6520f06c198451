import Autodiff
import Linalg
@testable import ODECells
import Tableaux
import Testing

/// Newton cells (DESIGN §1.3, "Implicit solver"): gradients by the implicit function theorem
/// against float64 central differences of the whole unrolled model, and the adjoint solve
/// against a dense solve of the finite-difference stage Jacobian.
@Suite("Newton cells: implicit-function-theorem gradients")
struct NewtonGradientTests {
  static let implicitTableaux = ButcherTableau.catalog.filter { !$0.isExplicit }.map(\.name)

  @Test(arguments: implicitTableaux)
  func gradientsEqualCentralDifferences(name: String) throws {
    let tableau = try #require(ButcherTableau.named(name))
    for t in [1, 2] {
      for gated in [false, true] {
        for activation in [Activation.tanh, .sigmoid] {
          let spec = CellSpec(
            tableau: tableau, derivativeOrder: t, hiddenSize: 3, stepSize: 0.4, activation: activation,
            decay: (0..<t).map { 0.2 + 0.1 * Double($0) }, gated: gated, implicitIterations: 20, solver: .newton)
          let err = CellGradientTests.worstError(spec)
          #expect(err < 1e-6, "\(name) t=\(t) gated=\(gated) \(activation): \(err)")
        }
      }
    }
  }

  /// One step of a small Newton cell (GL2, t = 2, gated, B = 1, H = 2): the tape's `∂L/∂S_k`
  /// for `L = Σ W ⊙ K*` equals `Φ_Sᵀ J⁻ᵀ W`, with `J = ∂G/∂K` and `Φ_S = ∂Φ/∂S` (at fixed `K*`)
  /// both by central differences and the transposed system solved densely by Gaussian
  /// elimination here. The closed-form stage Jacobian is also held to the differences.
  @Test func adjointSolveEqualsDenseSolve() throws {
    let tableau = try #require(ButcherTableau.named("gauss-legendre-2"))
    let spec = CellSpec(
      tableau: tableau, derivativeOrder: 2, hiddenSize: 2, stepSize: 0.7, decay: [0.3, 0.2], gated: true, implicitIterations: 30)
    var rng = Xoshiro256(seed: 3)
    var params = ParameterSet<Double>(spec: spec, inputSize: 1, outputSize: 1, using: &rng)
    for i in params.parameters.indices {
      params.parameters[i].value = params.parameters[i].value.map { $0 + 0.5 * rng.uniform(-1, 1) }
    }
    let state0 = [[0.3, -0.5], [0.2, 0.4]]
    let weights = (0..<8).map { _ in rng.uniform(-1, 1) }  // W over (i, r, a)
    let h = 2
    let (s, t) = (2, 2)

    // The tape: K* by Newton, L = Σ W ⊙ K*, backward.
    let tape = Tape<Double>()
    let cell = ODECell(spec: spec, tape: tape, parameters: params.constants(on: tape), inputs: tape.constant(Matrix(rows: 1, cols: 1, storage: [0.8])), batch: 1)
    let state = state0.map { v in tape.leaf(rows: 1, cols: h, needsGrad: true) { for j in 0..<h { $0[j] = v[j] } } }
    let stages = cell.newtonStages(tape, state, step: 0)
    #expect(tape.solveLog.failure == nil && tape.solveLog.systems == 1)
    var loss: Var?
    var kStar: [Double] = []
    for i in 0..<s {
      for r in 0..<t {
        kStar += tape.value(stages[i][r]).storage
        let w = tape.constant(Matrix(rows: 1, cols: h, storage: Array(weights[((i * t + r) * h)..<((i * t + r + 1) * h)])))
        let term = tape.sum(tape.mul(stages[i][r], w))
        loss = loss.map { tape.add($0, term) } ?? term
      }
    }
    tape.backward(from: try #require(loss))
    let tapeGradient = state.flatMap { tape.gradient($0).storage }

    // Φ(S, K) evaluated on a fresh tape, for the differences.
    func phi(_ sv: [Double], _ k: [Double]) -> [Double] {
      let tp = Tape<Double>()
      let c = ODECell(spec: spec, tape: tp, parameters: params.constants(on: tp), inputs: tp.constant(Matrix(rows: 1, cols: 1, storage: [0.8])), batch: 1)
      let sVars = (0..<t).map { r in tp.constant(Matrix(rows: 1, cols: h, storage: Array(sv[(r * h)..<((r + 1) * h)]))) }
      let kVars = (0..<s).map { j in (0..<t).map { r in tp.constant(Matrix(rows: 1, cols: h, storage: Array(k[((j * t + r) * h)..<((j * t + r + 1) * h)]))) } }
      return (0..<s).flatMap { i in c.field(tp, c.stageState(tp, sVars, i, kVars), step: 0).flatMap { tp.value($0).storage } }
    }
    let n = s * t * h
    let sFlat = state0.flatMap { $0 }
    #expect(zip(phi(sFlat, kStar), kStar).allSatisfy { abs($0 - $1) < 1e-12 }, "K* solves K = Φ(K)")
    let d = 1e-6
    var jacobian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)  // J = I − ∂Φ/∂K
    for c in 0..<n {
      var up = kStar, down = kStar
      up[c] += d
      down[c] -= d
      let (pu, pd) = (phi(sFlat, up), phi(sFlat, down))
      for r in 0..<n { jacobian[r][c] = (r == c ? 1 : 0) - (pu[r] - pd[r]) / (2 * d) }
    }
    var phiS = [[Double]](repeating: [Double](repeating: 0, count: sFlat.count), count: n)
    for c in 0..<sFlat.count {
      var up = sFlat, down = sFlat
      up[c] += d
      down[c] -= d
      let (pu, pd) = (phi(up, kStar), phi(down, kStar))
      for r in 0..<n { phiS[r][c] = (pu[r] - pd[r]) / (2 * d) }
    }
    // λ = J⁻ᵀ W by Gaussian elimination with partial pivoting on Jᵀ.
    var m = (0..<n).map { r in (0..<n).map { c in jacobian[c][r] } + [weights[r]] }
    for col in 0..<n {
      let p = (col..<n).max { abs(m[$0][col]) < abs(m[$1][col]) }!
      m.swapAt(col, p)
      for r in (col + 1)..<n where m[r][col] != 0 {
        let f = m[r][col] / m[col][col]
        for c in col...n { m[r][c] -= f * m[col][c] }
      }
    }
    var lambda = [Double](repeating: 0, count: n)
    for r in stride(from: n - 1, through: 0, by: -1) {
      lambda[r] = (m[r][n] - ((r + 1)..<n).reduce(0) { $0 + m[r][$1] * lambda[$1] }) / m[r][r]
    }
    let dense = (0..<sFlat.count).map { c in (0..<n).reduce(0) { $0 + phiS[$1][c] * lambda[$1] } }
    for (a, b) in zip(tapeGradient, dense) {
      #expect(abs(a - b) <= 1e-7 * max(1, abs(b)), "tape \(tapeGradient) dense \(dense)")
    }

    // The closed-form stage Jacobian at K* against the differences.
    let evaluationTape = Tape<Double>()
    let c2 = ODECell(spec: spec, tape: evaluationTape, parameters: params.constants(on: evaluationTape), inputs: evaluationTape.constant(Matrix(rows: 1, cols: 1, storage: [0.8])), batch: 1)
    let kVars = (0..<s).map { j in (0..<t).map { r in evaluationTape.constant(Matrix(rows: 1, cols: h, storage: Array(kStar[((j * t + r) * h)..<((j * t + r + 1) * h)]))) } }
    let sVars = state0.map { evaluationTape.constant(Matrix(rows: 1, cols: h, storage: $0)) }
    var dRows: [[Double]] = []
    var eRows: [[Double]] = []
    for i in 0..<s {
      let parts = c2.fieldParts(evaluationTape, c2.stageState(evaluationTape, sVars, i, kVars), step: 0)
      let a = evaluationTape.value(parts.activation).storage
      let g = evaluationTape.value(try #require(parts.gate)).storage
      dRows.append((0..<h).map { g[$0] * (1 - a[$0] * a[$0]) })
      eRows.append((0..<h).map { g[$0] * (1 - g[$0]) * a[$0] })
    }
    let closed = StageJacobian(
      tableau: tableau.a, stepSize: spec.stepSize, decay: spec.decay,
      recurrent: (0..<t).map { c2.recurrent[$0] }.map { evaluationTape.value($0).storage }, hidden: h)
    var out = [Double](repeating: 0, count: n * n)
    out.withUnsafeMutableBufferPointer { closed.fill($0.baseAddress!, d: dRows, e: eRows, offset: 0) }
    for r in 0..<n {
      for c in 0..<n { #expect(abs(out[c * n + r] - jacobian[r][c]) < 1e-8, "J[\(r)][\(c)]") }
    }
  }
}
