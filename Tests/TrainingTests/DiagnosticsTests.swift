import Autodiff
import Foundation
import Linalg
import ODECells
import Tableaux
import Testing
import Training

/// Eigen and gradient diagnostics against closed forms and finite differences.
@Suite("Diagnostics against closed forms")
struct DiagnosticsTests {
  static func engine(cell: String, task: String = #"{"name":"adding","length":6}"#, extra: String = "") throws -> TrainingEngine<Double> {
    let c = try parseConfig(
      #"{"cell":{\#(cell)},"task":\#(task),"batchSize":4,"steps":100,"precision":"float64","diagnosticsEvery":1\#(extra)}"#)
    return try TrainingEngine<Double>(config: c)
  }

  /// A parameter of a checkpoint as a matrix (`[n]` vectors as `1 × n`).
  static func matrix(_ c: Checkpoint, _ id: ParameterID) -> Matrix<Double>? {
    guard let p = c.parameters.first(where: { $0.name == id.name }) else { return nil }
    return Matrix(rows: p.shape.count == 2 ? p.shape[0] : 1, cols: p.shape.last ?? 0, storage: p.values)
  }

  /// Replaces one parameter of the engine's state (through a checkpoint).
  static func set(_ engine: TrainingEngine<Double>, _ id: ParameterID, _ value: Matrix<Double>) throws {
    var c = engine.checkpoint()
    let i = try #require(c.parameters.firstIndex { $0.name == id.name })
    c.parameters[i].values = value.storage
    try engine.restore(c)
  }

  // MARK: Antisymmetric field

  /// ∂F/∂h = diag(σ′(z))·M₀ with M₀ antisymmetric is similar to D^½ M₀ D^½ (antisymmetric),
  /// so with γ = 0 every field eigenvalue is purely imaginary.
  @Test(arguments: ["euler", "rk4", "implicit-midpoint"])
  func antisymmetricFieldEigenvaluesArePurelyImaginary(tableau: String) throws {
    let e = try Self.engine(cell: #""hiddenSize":7,"structure":"antisymmetric","gamma":0,"stepSize":0.3,"tableau":"\#(tableau)""#)
    for _ in 0..<3 { e.trainStep() }
    let d = try #require(e.eigenDiagnostics())
    #expect(d.field.count == 7 && d.map.count == 7)
    let scale = d.field.map(\.length).max() ?? 0
    #expect(scale > 0.01)
    for z in d.field { #expect(abs(z.real) < 1e-6 * scale, "\(z)") }
    // spectralNorm is ‖W0 − W0ᵀ‖₂, computed here from the parameters.
    let w = try #require(Self.matrix(e.checkpoint(), .recurrent(0)))
    let m0 = w - w.transposed()
    let norm = try #require(try m0.singularValues().first)
    #expect(abs(d.spectralNorm - norm) <= 1e-12 * norm)

    // With γ > 0 the real parts move to −εγ·(something ≤ 1) < 0: not purely imaginary any more.
    let damped = try Self.engine(cell: #""hiddenSize":7,"structure":"antisymmetric","gamma":0.5,"stepSize":0.3,"tableau":"\#(tableau)""#)
    let dd = try #require(damped.eigenDiagnostics())
    #expect(dd.field.allSatisfy { $0.real < -1e-4 }, "\(dd.field)")
  }

  // MARK: Linear cells: map = R(field)

  /// R_m(z) = 1 + z bᵀ Σ_{l=0}^{m} (zA)^l 𝟙 evaluated directly (m = nil: an explicit tableau,
  /// where m = s − 1 gives R exactly).
  static func r(_ t: ButcherTableau, m: Int?, _ z: Complex<Double>) -> Complex<Double> {
    let s = t.stages
    let sweeps = m ?? (s - 1)
    var term = [Complex<Double>](repeating: Complex(1, 0), count: s)  // (zA)^l 𝟙
    var sum = term
    for _ in 0..<sweeps {
      term = (0..<s).map { i in
        (0..<s).reduce(Complex<Double>(0, 0)) { acc, j in acc + z * Complex(t.a[i][j], 0) * term[j] }
      }
      for i in 0..<s { sum[i] = sum[i] + term[i] }
    }
    let bSum = (0..<s).reduce(Complex<Double>(0, 0)) { $0 + Complex(t.b[$1], 0) * sum[$1] }
    return Complex(1, 0) + z * bSum
  }

  static let linearCases: [(tableau: String, order: Int, iterations: Int)] = [
    ("rk4", 1, 8), ("rk38", 2, 8), ("kutta3", 3, 8), ("euler", 2, 8),
    ("gauss-legendre-2", 1, 3), ("radau-iia-2", 2, 5), ("backward-euler", 1, 2),
  ]

  @Test(arguments: 0..<linearCases.count)
  func linearCellMapEigenvaluesAreRofFieldEigenvalues(index: Int) throws {
    let (name, order, iterations) = Self.linearCases[index]
    let tableau = try #require(ButcherTableau.named(name))
    let h = 5
    let eps = 0.35
    let decay = (0..<order).map { 0.2 + 0.3 * Double($0) }
    // Explicit tableaux take no `implicitIterations` (a config key they would ignore).
    let sweeps = tableau.isExplicit ? "" : #","solver":"jacobi","implicitIterations":\#(iterations)"#
    let e = try Self.engine(
      cell: #""hiddenSize":\#(h),"activation":"identity","tableau":"\#(name)","stepSize":\#(eps),"derivativeOrder":\#(order),"decay":\#(decay)\#(sweeps)"#)
    e.trainStep()
    let d = try #require(e.eigenDiagnostics())
    let n = h * order
    #expect(d.field.count == n && d.map.count == n)

    // The companion Jacobian from the parameters: block row r < t−1 is [0 … I … 0] (∂v_r′/∂v_{r+1}),
    // the last block row is [M_0 − κ_0 I, …, M_{t−1} − κ_{t−1} I].
    let c = e.checkpoint()
    var j = Matrix<Double>(rows: n, cols: n)
    for r in 0..<(order - 1) { for i in 0..<h { j[r * h + i, (r + 1) * h + i] = 1 } }
    for r in 0..<order {
      let m = try #require(Self.matrix(c, .recurrent(r)))
      for i in 0..<h {
        for k in 0..<h { j[(order - 1) * h + i, r * h + k] = m[i, k] - (i == k ? decay[r] : 0) }
      }
    }
    let field = try (eps * j).eigenvalues()
    #expect(worstMultisetDistance(d.field, field) < 1e-9, "field \(d.field) vs \(field)")
    let expectedMap = field.map { Self.r(tableau, m: tableau.isExplicit ? nil : iterations, $0) }
    let distance = worstMultisetDistance(d.map, expectedMap)
    #expect(distance < 1e-6, "\(name): map \(d.map) vs R(field) \(expectedMap)")
    // mapNorm is ‖∂S_{k+1}/∂S_k‖₂ ≥ spectral radius.
    #expect(d.mapNorm >= (d.map.map(\.length).max() ?? 0) * (1 - 1e-9))
  }

  /// For implicit tableaux the map follows R_m, not the tableau's own R: with few sweeps and
  /// a large step the two differ, and the diagnostics follow R_m.
  @Test func implicitMapFollowsTheTruncatedFunctionNotR() throws {
    let tableau = try #require(ButcherTableau.named("gauss-legendre-2"))
    let e = try Self.engine(cell: #""hiddenSize":4,"activation":"identity","tableau":"gauss-legendre-2","stepSize":1.5,"solver":"jacobi","implicitIterations":1"#)
    let d = try #require(e.eigenDiagnostics())
    let rm = d.field.map { Self.r(tableau, m: 1, $0) }
    let exact = d.field.map { tableau.stabilityFunction($0) }
    #expect(worstMultisetDistance(d.map, rm) < 1e-6)
    #expect(worstMultisetDistance(d.map, exact) > 1e-3)
  }

  // MARK: Headroom

  /// A symmetric negative-definite `W0` with eigenvalues −λ_i: `Q·diag(−λ)·Qᵀ` for a random
  /// orthogonal Q.
  static func negativeDefinite(_ lambdas: [Double], seed: UInt64) throws -> Matrix<Double> {
    var rng = Xoshiro256(seed: seed)
    let g: Matrix<Double> = Initializer.normal(rows: lambdas.count, cols: lambdas.count, std: 1, using: &rng)
    let q = try g.svd().u
    var qd = q
    for r in 0..<q.rows { for c in 0..<q.cols { qd[r, c] *= -lambdas[c] } }
    return qd * q.transposed()
  }

  /// The end of the real stability interval [−x, 0] of an explicit tableau: the first x where
  /// |R(−x)| exceeds 1, by bisection on the directly evaluated R.
  static func realInterval(_ t: ButcherTableau) -> Double {
    var (lo, hi) = (0.01, 0.01)
    while Self.r(t, m: nil, Complex(-hi, 0)).length <= 1 + 1e-12 { hi *= 1.01 }
    lo = hi / 1.01
    for _ in 0..<200 {
      let mid = (lo + hi) / 2
      if Self.r(t, m: nil, Complex(-mid, 0)).length <= 1 + 1e-12 { lo = mid } else { hi = mid }
    }
    return lo
  }

  @Test func realIntervalOracleAgreesWithDESIGN() throws {
    #expect(abs(Self.realInterval(try #require(ButcherTableau.named("rk4"))) - 2.7852935634) < 1e-9)
    #expect(abs(Self.realInterval(try #require(ButcherTableau.named("euler"))) - 2) < 1e-9)
  }

  @Test(arguments: ["euler", "rk4", "heun", "kutta3", "ssprk3"])
  func headroomWithNegativeRealSpectrumIsTheRealIntervalOverTheLargestMode(tableau: String) throws {
    let t = try #require(ButcherTableau.named(tableau))
    let e = try Self.engine(cell: #""hiddenSize":5,"activation":"identity","tableau":"\#(tableau)","stepSize":0.4"#)
    let lambdas = [0.3, 0.9, 1.7, 2.2, 3.1]
    try Self.set(e, .recurrent(0), try Self.negativeDefinite(lambdas, seed: 12))
    let d = try #require(e.eigenDiagnostics())
    // Field eigenvalues ε·(−λ_i), real.
    let expected = lambdas.map { Complex(-0.4 * $0, 0) }
    #expect(worstMultisetDistance(d.field, expected) < 1e-10, "\(d.field)")
    let headroom = Self.realInterval(t) / (0.4 * 3.1)
    #expect(abs(d.headroom - headroom) <= 1e-6 * headroom, "\(tableau): headroom \(d.headroom), expected \(headroom)")
  }

  @Test func headroomBelowOneWhenAModeIsOutside() throws {
    let e = try Self.engine(cell: #""hiddenSize":3,"activation":"identity","stepSize":1"#)
    try Self.set(e, .recurrent(0), try Self.negativeDefinite([0.5, 1, 4], seed: 3))
    let d = try #require(e.eigenDiagnostics())
    #expect(abs(d.headroom - 0.5) < 1e-6, "Euler, largest |ελ| = 4: headroom 2/4")
  }

  // MARK: Gradients through time

  /// `‖∂L/∂h_k‖` reported by a diagnostic step equals a float64 central-difference estimate:
  /// the batch is regenerated from the checkpointed generator, the cell is run manually with
  /// `ODECell`, and `h_k` is perturbed entry by entry.
  @Test(arguments: [
    (#""hiddenSize":3,"stepSize":0.7"#, #"{"name":"adding","length":5}"#),
    // Euler of order 2: h_1 = 0 depends on no parameter, yet ∂L/∂h_1 ≠ 0.
    (#""hiddenSize":3,"derivativeOrder":2,"decay":[0.2,0.4],"stepSize":0.6"#, #"{"name":"adding","length":5}"#),
    (#""hiddenSize":3,"tableau":"rk4","derivativeOrder":2,"decay":[0.3,0.6],"stepSize":0.5,"activation":"sigmoid""#, #"{"name":"sine","length":4,"noise":0}"#),
    (#""hiddenSize":3,"tableau":"radau-iia-2","solver":"jacobi","implicitIterations":2,"stepSize":0.4,"gated":true"#, #"{"name":"copy","delay":2,"symbols":3,"length":2}"#),
    (#""hiddenSize":3,"tableau":"radau-iia-2","stepSize":0.4,"gated":true"#, #"{"name":"copy","delay":2,"symbols":3,"length":2}"#),
  ])
  func gradientNormsThroughTimeMatchFiniteDifferences(cell: String, task: String) throws {
    let e = try Self.engine(cell: cell, task: task)
    e.trainStep()
    let checkpoint = e.checkpoint()
    let report = e.trainStep()
    let grads = try #require(report.gradients)
    let config = e.config

    var rng = try #require(Xoshiro256(state: checkpoint.rng))
    let batch = e.task.trainingBatch(size: config.batchSize, using: &rng)
    let (b, h, steps) = (batch.batch, config.cell.hiddenSize, batch.steps)
    #expect(grads.throughTime.count == steps)
    #expect(grads.step == 2)
    let u = try #require(Self.matrix(checkpoint, .readoutWeight))
    let ub = try #require(Self.matrix(checkpoint, .readoutBias))
    let o = u.rows

    func loss(perturbing k: Int?, row n: Int = 0, col j: Int = 0, by delta: Double = 0) -> Double {
      let tape = Tape<Double>()
      var params: [ParameterID: Var] = [:]
      for p in checkpoint.parameters {
        guard let id = ParameterID(name: p.name) else { continue }
        params[id] = tape.constant(Self.matrix(checkpoint, id) ?? Matrix(rows: 0, cols: 0))
      }
      let odeCell = ODECell(spec: config.cell, tape: tape, parameters: params, inputs: tape.constant(batch.inputs), batch: b)
      var s = (0..<config.cell.derivativeOrder).map { _ in tape.constant(Matrix<Double>(rows: b, cols: h)) }
      var hs: [Matrix<Double>] = []
      for step in 1...steps {
        s = odeCell.step(tape, s, step: step - 1)
        if step == k {
          var bump = Matrix<Double>(rows: b, cols: h)
          bump[n, j] = delta
          s[0] = tape.add(s[0], tape.constant(bump))
        }
        hs.append(tape.value(s[0]))
      }
      // Readout and loss by hand.
      var total = 0.0
      var count = 0
      for (r, k) in batch.readoutSteps.enumerated() {
        for m in 0..<b {
          let y = (0..<o).map { q in ub[0, q] + (0..<h).reduce(0.0) { $0 + hs[k][m, $1] * u[q, $1] } }
          switch batch.targets {
          case .values(let t):
            for q in 0..<o {
              total += (y[q] - t[r * b + m, q]) * (y[q] - t[r * b + m, q])
              count += 1
            }
          case .classes(let t):
            let top = y.max() ?? 0
            let logSum = Foundation.log(y.reduce(0) { $0 + Foundation.exp($1 - top) }) + top
            total += logSum - y[Int(t[r * b + m])]
            count += 1
          }
        }
      }
      return total / Double(count)
    }

    let base = loss(perturbing: nil)
    #expect(abs(base - report.metrics.loss) <= 1e-12 * max(1, abs(base)), "the manual forward pass reproduces the step's loss")
    let delta = 1e-6
    for k in 1...steps {
      var sq = 0.0
      for n in 0..<b {
        for j in 0..<h {
          let d = (loss(perturbing: k, row: n, col: j, by: delta) - loss(perturbing: k, row: n, col: j, by: -delta)) / (2 * delta)
          sq += d * d
        }
      }
      let fd = sq.squareRoot()
      let reported = grads.throughTime[k - 1]
      #expect(abs(fd - reported) <= 1e-6 * max(fd, 1e-6), "k = \(k): finite differences \(fd), reported \(reported)")
    }
    // The per-parameter norms combine to the step's gradient norm.
    #expect(grads.byParameter.map(\.name) == checkpoint.parameters.map(\.name))
    let combined = grads.byParameter.reduce(0) { $0 + $1.norm * $1.norm }.squareRoot()
    #expect(abs(combined - report.metrics.gradNorm) <= 1e-12 * combined)
  }
}
