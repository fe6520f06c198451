import ComplexModule
import RealModule
import Testing

import Tableaux

@Suite struct StabilityFunctionTests {
  static let explicitNames = [
    "euler", "midpoint", "heun", "ralston", "kutta3", "ssprk3", "rk4", "rk38",
  ]
  static let implicitNames = [
    "backward-euler", "implicit-midpoint", "gauss-legendre-2", "radau-iia-2",
  ]

  @Test func rk4PolynomialIsTheTaylorPolynomial() throws {
    let rk4 = try #require(ButcherTableau.named("rk4"))
    let p = try #require(rk4.stabilityPolynomial)
    let expected = [1, 1, 0.5, 1.0 / 6, 1.0 / 24]
    #expect(p.count == expected.count)
    for (x, y) in zip(p, expected) { #expect(abs(x - y) <= 1e-15) }
    #expect(ButcherTableau.named("euler")?.stabilityPolynomial == [1, 1])
  }

  @Test func implicitTableauxHaveNoPolynomial() {
    for name in Self.implicitNames {
      #expect(ButcherTableau.named(name)?.stabilityPolynomial == nil, "\(name)")
    }
  }

  @Test(arguments: explicitNames)
  func polynomialMatchesRationalForm(name: String) throws {
    let tableau = try #require(ButcherTableau.named(name))
    let polynomial = tableau.stabilityFunction
    let rational = StabilityFunction.rational(a: tableau.a, b: tableau.b)
    #expect(polynomial.polynomialCoefficients != nil)
    for z in randomPoints(count: 200, radius: 4, seed: 42) {
      #expect(close(polynomial(z), rational(z), 1e-12), "\(name) at \(z)")
    }
  }

  @Test func rationalFormMatchesClosedForms() throws {
    let one = Complex<Double>.one
    let forms: [(String, (Complex<Double>) -> Complex<Double>)] = [
      ("backward-euler", { z in one / (one - z) }),
      ("implicit-midpoint", { z in (one + z / 2) / (one - z / 2) }),
      ("gauss-legendre-2", { z in (z * z + 6 * z + 12) / (z * z - 6 * z + 12) }),
      ("radau-iia-2", { z in 2 * (z + 3) / (z * z - 4 * z + 6) }),
    ]
    for (name, closedForm) in forms {
      let tableau = try #require(ButcherTableau.named(name))
      let r = tableau.stabilityFunction
      for z in randomPoints(count: 200, radius: 5, seed: 7) {
        #expect(close(r(z), closedForm(z), 1e-12), "\(name) at \(z)")
      }
    }
  }

  @Test func singularShiftGivesInfinity() throws {
    let backward = try #require(ButcherTableau.named("backward-euler")).stabilityFunction
    #expect(!backward(Complex(1, 0)).isFinite)
    #expect(backward.modulus(Complex(1, 0)) == .infinity)
    #expect(!backward.isStable(Complex(1, 0)))
    #expect(backward.isStable(Complex(-1, 0)))
  }

  @Test(arguments: explicitNames)
  func truncationOfExplicitTableauIsR(name: String) throws {
    let tableau = try #require(ButcherTableau.named(name))
    #expect(tableau.cellStabilityFunction(implicitIterations: 8) == tableau.stabilityFunction)
    for m in (tableau.stages - 1)...(tableau.stages + 3) {
      let truncated = StabilityFunction.truncated(a: tableau.a, b: tableau.b, iterations: m)
      for z in randomPoints(count: 50, radius: 3, seed: UInt64(m)) {
        #expect(close(truncated(z), tableau.stabilityFunction(z), 1e-13))
      }
    }
  }

  @Test func truncatedCoefficientsArePowersOfA() throws {
    let midpoint = try #require(ButcherTableau.named("implicit-midpoint"))
    let r3 = midpoint.cellStabilityFunction(implicitIterations: 3)
    #expect(r3.form == .truncated(iterations: 3, coefficients: [1, 1, 0.5, 0.25, 0.125]))
    #expect(r3.symbol == "R_3(z)")
    #expect(r3.label == "R_3(z) (3 Jacobi sweeps)")
    let backward = try #require(ButcherTableau.named("backward-euler"))
    let r1 = backward.cellStabilityFunction(implicitIterations: 1)
    #expect(r1.polynomialCoefficients == [1, 1, 1])
    #expect(
      StabilityFunction.truncated(a: [[1]], b: [1], iterations: -4).polynomialCoefficients == [
        1, 1,
      ])
  }

  /// Spectral radii of A: backward Euler 1, implicit midpoint 1/2, Gauss–Legendre 1/√12,
  /// Radau IIA 1/√6.
  @Test(arguments: zip(implicitNames, [1.0, 0.5, 1 / 12.0.squareRoot(), 1 / 6.0.squareRoot()]))
  func truncationConvergesInsideTheDisc(name: String, spectralRadius: Double) throws {
    let tableau = try #require(ButcherTableau.named(name))
    let r = tableau.stabilityFunction
    let points = randomPoints(count: 40, radius: 0.6 / spectralRadius, seed: 99)
    var previous = Double.infinity
    for m in [2, 5, 10, 20, 40, 80] {
      let rm = tableau.cellStabilityFunction(implicitIterations: m)
      let error = points.map { (rm($0) - r($0)).length }.max() ?? .infinity
      #expect(error < previous, "\(name) m = \(m)")
      previous = error
    }
    #expect(previous <= 1e-12, "\(name)")
  }

  @Test func polynomialFormulaText() {
    #expect(
      StabilityFunction.polynomial([1, 1, 0.5, 1.0 / 6, 1.0 / 24]).formula
        == "1 + z + z^2/2 + z^3/6 + z^4/24")
    #expect(StabilityFunction.polynomial([1, -2, 0, 0.375]).formula == "1 - 2z + 3z^3/8")
    #expect(StabilityFunction.polynomial([-0.5, Double.pi]).formula == "-1/2 + 3.141592654·z")
    #expect(StabilityFunction.rational(a: [[1]], b: [1]).formula.hasSuffix("(rational)"))
  }
}
