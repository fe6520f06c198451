import ComplexModule
import RealModule
import Testing

@testable import Tableaux

/// The pieces of the exact imaginary radius: implicit quotients, bare polynomials, the first
/// crossing, and exact binary values of numbers.
@Suite struct ImaginaryAxisTests {
  private func rational(_ text: String) throws -> Rational {
    try #require(Rational(parsing: text))
  }

  private func implicitExcess(_ a: [[String]], _ b: [String]) throws -> [Rational] {
    let quotient = try #require(
      StabilityQuotient(
        a: a.map { try $0.map(rational) }, b: b.map(rational), explicit: false))
    return try #require(ImaginaryAxis.excess(quotient))
  }

  @Test func theImplicitMidpointNumeratorVanishesIdentically() throws {
    // R = (1 + z/2)/(1 − z/2): |P(iy)|² = |Q(iy)|² = 1 + y²/4.
    #expect(try implicitExcess([["1/2"]], ["1"]).allSatisfy { $0 == .zero })
    #expect(try #require(ButcherTableau.named("implicit-midpoint")).imagRadius == nil)
    // Gauss–Legendre's irrational entries go through Double: the numerator is rounding noise,
    // below its bound, so the radius is unbounded too.
    #expect(try #require(ButcherTableau.named("gauss-legendre-2")).imagRadius == nil)
  }

  @Test func backwardEulerAndRadauAreBelowOneOnTheAxis() throws {
    // R = 1/(1 − z): N(y) = 1 − (1 + y²) = −y².
    #expect(try implicitExcess([["1"]], ["1"]) == [.zero, try rational("-1")])
    #expect(try #require(ButcherTableau.named("backward-euler")).imagRadius == nil)
    #expect(try #require(ButcherTableau.named("radau-iia-2")).imagRadius == nil)
  }

  @Test func anImplicitTableauCanBeUnstableNearTheOrigin() throws {
    // θ-method with θ = 1/4: |R(iy)|² = (1 + 9y²/16)/(1 + y²/16) > 1 for y ≠ 0.
    let theta = try ButcherTableau(
      name: "theta", a: [[.text("1/4")]], b: [.text("1")], c: [.text("1/4")])
    #expect(theta.imagRadius == 0)
    #expect(try implicitExcess([["1/4"]], ["1"]) == [.zero, try rational("1/2")])
  }

  @Test func anImplicitTableauWithAFiniteRadius() throws {
    // Offline with sympy: N(y) = y⁴/32 − y²/4, so the radius is √8.
    let a: [[TableauEntry]] = [[.text("1/4"), .text("0")], [.text("1/2"), .text("1/4")]]
    let sdirk = try ButcherTableau(
      name: "sdirk", a: a, b: [.text("1/4"), .text("3/4")], c: [.text("1/4"), .text("3/4")])
    #expect(!sdirk.isExplicit)
    let radius = try #require(sdirk.imagRadius)
    #expect((radius - 8.0.squareRoot()).magnitude <= 1e-12)
    let expected = [Rational.zero, try rational("-1/4"), try rational("1/32")]
    #expect(try implicitExcess([["1/4", "0"], ["1/2", "1/4"]], ["1/4", "3/4"]) == expected)
    // The same tableau as numbers, through Double and Faddeev–LeVerrier.
    let numbers = try ButcherTableau(
      name: "sdirk", a: [[0.25, 0], [0.5, 0.25]], b: [0.25, 0.75], c: [0.25, 0.75])
    #expect((try #require(numbers.imagRadius) - radius).magnitude <= 1e-12)
  }

  @Test func barePolynomialsUseTheSameRule() throws {
    let rk4 = StabilityFunction.polynomial([1, 1, 0.5, 1.0 / 6, 1.0 / 24])
    #expect((try #require(rk4.imagRadius) - 8.0.squareRoot()).magnitude <= 1e-12)
    #expect(StabilityFunction.polynomial([1, 1]).imagRadius == 0)
    // R_8 of backward Euler, Σ_{k≤9} z^k = (1 − z¹⁰)/(1 − z): |R_8(iy)|² = (1 + y¹⁰)²/(1 + y²),
    // so the radius solves y¹⁸ + 2y⁸ = 1 (y ≈ 0.895), where the tableau's own R is unbounded.
    let backward = try #require(ButcherTableau.named("backward-euler"))
    let y = try #require(backward.cellStabilityFunction(implicitIterations: 8).imagRadius)
    #expect((Double.pow(y, 18) + 2 * Double.pow(y, 8) - 1).magnitude <= 1e-12, "\(y)")
    // The rational form of Gauss–Legendre: |R(iy)| = 1, unbounded.
    let gauss = try #require(ButcherTableau.named("gauss-legendre-2"))
    #expect(StabilityFunction.rational(a: gauss.a, b: gauss.b).imagRadius == nil)
  }

  /// rk38 with its third stage repeated as a fifth, weights 3/8 + K and −K (K = 13·2¹⁵, so
  /// every weight and their sum are exact): the same R as rk38 (radius √8), but in Double
  /// (1/3 has no short binary fraction, so the exact route overflows) each p_j cancels terms
  /// of size K and the computed n_2 is +1.9e-11, beyond 6τ. Only its rounding bound (≈ 1e-7,
  /// linear in K) keeps that noise from deciding "radius 0"; n_3 = −1/72 stays far above its.
  @Test func theRoundingBoundKeepsCancellationNoiseFromDeciding() throws {
    let (k, third) = (425_984.0, 1.0 / 3)
    let a: [[Double]] = [
      [0, 0, 0, 0, 0], [third, 0, 0, 0, 0], [-third, 1, 0, 0, 0], [1, -1, 1, 0, 0],
      [-third, 1, 0, 0, 0],
    ]
    let b = [0.125, 0.375, 0.375 + k, 0.125, -k]
    let tableau = try ButcherTableau(name: "rk38-twice", a: a, b: b, c: a.map { $0.reduce(0, +) })
    let radius = try #require(tableau.imagRadius)
    #expect((radius - 8.0.squareRoot()).magnitude <= 1e-6, "\(radius)")
  }

  @Test func theRadiusIsAnEdgeOfTheStableAxis() throws {
    for name in ["kutta3", "rk4"] {
      let tableau = try #require(ButcherTableau.named(name))
      let r = try #require(tableau.imagRadius)
      let function = tableau.stabilityFunction
      #expect(function.modulus(Complex(0, 0.999 * r)) <= 1, "\(name)")
      #expect(function.modulus(Complex(0, 1.001 * r)) > 1, "\(name)")
    }
  }

  @Test func theFirstCrossingDoesNotSkipAThinGap() {
    // g(x) = ((x − 4)² − 1e-10)(x − 10): negative from 0, positive only on 4 ± 1e-5, then
    // negative again until 10.
    let delta = 1e-10
    let g: [Double] = [-10 * (16 - delta), 16 - delta + 80, -8 - 10, 1]
    let x = FirstCrossing.first(g, limit: 1e6)
    #expect(x.map { ($0 - (4 - delta.squareRoot())).magnitude <= 1e-9 } == true, "\(x ?? -1)")
  }

  @Test func theFirstCrossingIsNilWhenNonePrecedesTheLimit() {
    #expect(FirstCrossing.first([-1, 0, -1], limit: 1e6) == nil)
    #expect(FirstCrossing.first([-1e12, 1], limit: 1e6) == nil)
    #expect(FirstCrossing.first([-1], limit: 1e6) == nil)
    #expect(FirstCrossing.first([-2, 1], limit: 1e6) == 2)
  }

  @Test func numbersHaveExactBinaryValues() {
    #expect(Rational(exactly: 0.5) == Rational(1, 2))
    #expect(Rational(exactly: -0.375) == Rational(-3, 8))
    #expect(Rational(exactly: 3) == Rational(3))
    #expect(Rational(exactly: 0) == .zero)
    #expect(Rational(exactly: 0.1) == Rational(3_602_879_701_896_397, 36_028_797_018_963_968))
    #expect(Rational(exactly: 0x1p62) == Rational(1 << 62))
    #expect(Rational(exactly: 0x1p63) == nil)
    #expect(Rational(exactly: 0x1p-62) == Rational(1, 1 << 62))
    #expect(Rational(exactly: 0x1p-63) == nil)
    #expect(Rational(exactly: .nan) == nil)
    #expect(Rational(exactly: .infinity) == nil)
  }
}
