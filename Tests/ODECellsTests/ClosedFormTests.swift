import Autodiff
import Foundation
import Linalg
import ODECells
import Tableaux
import Testing

/// The cell's forward pass against closed forms: R(εJ) on linear fields, the plain RNN, and
/// measured convergence order.
@Suite("Cell forward pass against closed forms")
struct ClosedFormTests {
  /// Runs `steps` steps of a linear cell `f(h) = h Mᵀ` (identity activation, no input, no
  /// bias) from `h0`; returns every `h_k`.
  static func runLinear(_ spec: CellSpec, m: Matrix<Double>, h0: [Double], steps: Int) -> [[Double]] {
    let tape = Tape<Double>()
    let n = m.rows
    let params: [ParameterID: Var] = [
      .recurrent(0): tape.constant(m), .input: tape.constant(Matrix(rows: n, cols: 1)),
      .bias: tape.constant(Matrix(rows: 1, cols: n)),
    ]
    let cell = ODECell(
      spec: spec, tape: tape, parameters: params, inputs: tape.constant(Matrix(rows: steps, cols: 1)), batch: 1)
    var s = [tape.constant(Matrix(rows: 1, cols: n, storage: h0))]
    var out: [[Double]] = []
    for k in 0..<steps {
      s = cell.step(tape, s, step: k)
      out.append(tape.value(s[0]).storage)
    }
    return out
  }

  static func rotation(_ omega: Double) -> Matrix<Double> { Matrix([[0, -omega], [omega, 0]]) }

  /// E1.1 (papers.md §1.6): on `h′ = Ah` with A a rotation generator, every step multiplies
  /// ‖h‖ by exactly |R(iεω)| (R_m for implicit Jacobi cells, R for Newton cells).
  @Test(arguments: ButcherTableau.catalogNames)
  func rotationGrowthEqualsStabilityFunctionModulus(name: String) throws {
    let tableau = try #require(ButcherTableau.named(name))
    for solver in ImplicitSolver.allCases {
      for y in [0.5, 1.0, 1.5, 2.5, 3.0] {
        let spec = CellSpec(tableau: tableau, hiddenSize: 2, stepSize: 1, activation: .identity, solver: solver)
        let hs = Self.runLinear(spec, m: Self.rotation(y), h0: [1, 0], steps: 20)
        let growth = pow(hypot(hs[19][0], hs[19][1]), 1.0 / 20)
        let expected = spec.integratedStabilityFunction.modulus(Complex(0, y))
        #expect(abs(growth - expected) <= 1e-10 * max(1, expected), "\(name) \(solver) εω=\(y): \(growth) vs \(expected)")
      }
    }
  }

  /// The growth-factor table of papers.md E1.1 for the explicit methods.
  @Test func reproducesTheE11GrowthTable() throws {
    let table: [(String, [Double])] = [
      ("euler", [1.1180, 1.4142, 1.8028, 2.6926, 3.1623]),
      ("midpoint", [1.0078, 1.1180, 1.5052, 3.2811, 4.6098]),
      ("kutta3", [0.9976, 0.9718, 0.9458, 2.1276, 3.8079]),
      ("rk4", [0.9999, 0.9939, 0.9414, 0.5082, 1.5052]),
    ]
    for (name, values) in table {
      let tableau = try #require(ButcherTableau.named(name))
      for (y, expected) in zip([0.5, 1.0, 1.5, 2.5, 3.0], values) {
        let hs = Self.runLinear(CellSpec(tableau: tableau, hiddenSize: 2, activation: .identity), m: Self.rotation(y), h0: [0.6, 0.8], steps: 10)
        let growth = pow(hypot(hs[9][0], hs[9][1]), 0.1)
        #expect(abs(growth - expected) < 6e-5, "\(name) εω=\(y): \(growth) vs table \(expected)")
      }
    }
    // After 100 steps at εω = 1, Euler grows ≈ 1.1e15×, RK4 decays to ≈ 0.54×.
    let euler = Self.runLinear(CellSpec(hiddenSize: 2, activation: .identity), m: Self.rotation(1), h0: [1, 0], steps: 100)
    #expect(abs(hypot(euler[99][0], euler[99][1]) / 1.1259e15 - 1) < 1e-3)
    let rk4 = Self.runLinear(CellSpec(tableau: try #require(ButcherTableau.named("rk4")), hiddenSize: 2, activation: .identity), m: Self.rotation(1), h0: [1, 0], steps: 100)
    #expect(abs(hypot(rk4[99][0], rk4[99][1]) - 0.54) < 0.005)
    // Implicit midpoint (with enough sweeps to converge at |z| = 0.5) preserves the norm.
    let im = Self.runLinear(
      CellSpec(tableau: try #require(ButcherTableau.named("implicit-midpoint")), hiddenSize: 2, activation: .identity, implicitIterations: 60),
      m: Self.rotation(0.5), h0: [1, 0], steps: 100)
    #expect(abs(hypot(im[99][0], im[99][1]) - 1) < 1e-12)
  }

  /// Euler with ε = 1 and κ = [1] is the vanilla RNN `h′ = tanh(W h + V x + b)`.
  @Test func eulerWithUnitStepAndDecayIsTheVanillaRNN() {
    var rng = Xoshiro256(seed: 8)
    let (b, h, i, steps) = (3, 4, 2, 5)
    let w: Matrix<Double> = Initializer.normal(rows: h, cols: h, std: 0.5, using: &rng)
    let v: Matrix<Double> = Initializer.normal(rows: h, cols: i, std: 0.5, using: &rng)
    let bias: Matrix<Double> = Initializer.normal(rows: 1, cols: h, std: 0.5, using: &rng)
    let x: Matrix<Double> = Initializer.normal(rows: steps * b, cols: i, std: 1, using: &rng)
    let tape = Tape<Double>()
    let spec = CellSpec(hiddenSize: h, stepSize: 1, decay: [1])
    let cell = ODECell(
      spec: spec, tape: tape,
      parameters: [.recurrent(0): tape.constant(w), .input: tape.constant(v), .bias: tape.constant(bias)],
      inputs: tape.constant(x), batch: b)
    var s = [tape.constant(Matrix(rows: b, cols: h))]
    var reference = [[Double]](repeating: [Double](repeating: 0, count: h), count: b)
    for k in 0..<steps {
      s = cell.step(tape, s, step: k)
      reference = (0..<b).map { n in
        (0..<h).map { j in
          var z = bias[0, j]
          for q in 0..<h { z += w[j, q] * reference[n][q] }
          for q in 0..<i { z += v[j, q] * x[k * b + n, q] }
          return Foundation.tanh(z)
        }
      }
      let got = tape.value(s[0])
      for n in 0..<b {
        for j in 0..<h { #expect(abs(got[n, j] - reference[n][j]) < 1e-14) }
      }
    }
  }

  /// The measured order on h′ = hAᵀ, A = [[a, −c], [c, a]] (exact solution
  /// h(t) = e^{at}·h0·[[cos ct, sin ct], [−sin ct, cos ct]]), matches each tableau's computed
  /// order (slope of log error against log step, within ±0.3).
  @Test(arguments: ButcherTableau.catalogNames)
  func measuredConvergenceOrderMatchesComputedOrder(name: String) throws {
    let tableau = try #require(ButcherTableau.named(name))
    let (a, c) = (-0.5, 2.0)
    let m = Matrix<Double>([[a, -c], [c, a]])
    let h0 = [1.0, 0.5]
    let exact = [
      exp(a) * (h0[0] * cos(c) - h0[1] * sin(c)), exp(a) * (h0[0] * sin(c) + h0[1] * cos(c)),
    ]
    var errors: [Double] = []
    let counts = [40, 80]
    for n in counts {
      let spec = CellSpec(tableau: tableau, hiddenSize: 2, stepSize: 1 / Double(n), activation: .identity, implicitIterations: 12)
      let hs = Self.runLinear(spec, m: m, h0: h0, steps: n)
      errors.append(hypot(hs[n - 1][0] - exact[0], hs[n - 1][1] - exact[1]))
    }
    let slope = log(errors[0] / errors[1]) / log(2.0)
    #expect(abs(slope - Double(tableau.order)) < 0.3, "\(name): measured \(slope), computed order \(tableau.order)")
  }
}
