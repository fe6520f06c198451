import ComplexModule
import Testing

@testable import Tableaux

/// DESIGN §1.2's exact imaginary radius, held against independent exact arithmetic.
@Suite struct ImaginaryRadiusTests {
  /// For each published tableau: the index k of the lowest term n_k y^{2k} of
  /// N(y) = |R(iy)|² − 1 beyond 6τ, its value, and the radius. Computed once, offline, from
  /// the same coefficients in exact arithmetic (Python's `fractions` for N, sympy's
  /// `Poly.real_roots` for the first crossing); the fraction-entry methods are recomputed in
  /// Swift by `ExactOracle` below. Before the exact rule, scanning |R(iy)| ≤ 1 + 1e-12
  /// reported 0.027–0.045 for all of them but SSP(5,3) and 0.36 for Prince–Dormand 8.
  static let expected: [String: (lead: Int, value: Double, radius: Double)] = [
    "cash-karp-5": (3, 2.777777777777778e-04, 0),
    "cash-karp-4": (3, 1.066758897569444e-03, 0),
    "fehlberg-5": (3, 1.816239316239316e-03, 0),
    "fehlberg-4": (3, 5.341880341880342e-03, 0),
    "butcher-6-5": (3, 1.215277777777778e-03, 0),
    "higham-hall-5": (3, 1.388888888888889e-03, 0),
    "higham-hall-5s": (3, 1.413690476190476e-03, 0),
    "ssp-7-5": (3, 2.183899435801158e-03, 0),
    "ssp-8-5": (3, 8.721169452304389e-04, 0),
    "ssp-9-5": (3, 2.338979931951443e-04, 0),
    // n_1 = +3.75e-10 (the weights sum to 1 + 3.2e-10) is within 6τ for τ = 1e-9.
    "ssp-5-3": (2, -2.045518069993489e-02, 2.695172826353632),
    "prince-dormand-8": (5, 5.929858815278143e-08, 0),
  ]

  private func tolerance(_ published: PublishedTableau) -> Double {
    published.name == "ssp-5-3" ? 1e-9 : ButcherTableau.defaultTolerance
  }

  private func same(_ x: Double?, _ y: Double?) -> Bool {
    guard let x, let y else { return x == nil && y == nil }
    return (x - y).magnitude <= 1e-12 * max(1, y)
  }

  @Test(arguments: PublishedTableau.all)
  func publishedTableauxHaveTheExactRadius(published: PublishedTableau) throws {
    let expected = try #require(Self.expected[published.name])
    let tableau = try published.tableau(tolerance: tolerance(published))
    #expect(tableau.order == min(published.order, OrderConditions.maxOrder))
    #expect(same(tableau.imagRadius, expected.radius), "\(String(describing: tableau.imagRadius))")
    // The same tableau as JSON numbers goes through Double arithmetic and its bound.
    let numbers = try published.numbersTableau(tolerance: tolerance(published))
    #expect(numbers.order == tableau.order)
    #expect(same(numbers.imagRadius, expected.radius))
  }

  /// The library's N (exact or in Double, as it computes it) against the expected lead.
  @Test(arguments: PublishedTableau.all)
  func theLeadingTermIsTheExpectedOne(published: PublishedTableau) throws {
    let expected = try #require(Self.expected[published.name])
    let tableau = try published.numbersTableau(tolerance: tolerance(published))
    let quotient = try #require(StabilityQuotient(a: tableau.a, b: tableau.b, explicit: true))
    let n = try #require(ImaginaryAxis.excess(quotient))
    for k in 0..<expected.lead {
      #expect(n[k].magnitude <= 6 * tolerance(published), "n_\(k) = \(n[k])")
    }
    #expect((n[expected.lead] - expected.value).magnitude <= 1e-9 * expected.value.magnitude)
  }

  /// `ExactOracle` (stage polynomials, real and imaginary parts, Int128 fractions) agrees
  /// with the offline values and with the library's exact `Rational` expansion of N.
  @Test(arguments: PublishedTableau.all.filter { published in
    (published.a.joined() + published.b).allSatisfy { !$0.contains(".") }
  })
  func theOracleAgreesForFractionEntries(published: PublishedTableau) throws {
    let expected = try #require(Self.expected[published.name])
    guard let n = ExactOracle.excess(a: published.a, b: published.b) else {
      #expect(published.name == "prince-dormand-8", "only PD8's fractions overflow Int128")
      return
    }
    let lead = try #require(n.firstIndex { $0.p != 0 })
    #expect(lead == 2 * expected.lead, "the oracle indexes by powers of y")
    #expect((n[lead].double - expected.value).magnitude <= 1e-15 * expected.value.magnitude)
    #expect(try #require(ExactOracle.radius(n)) == expected.radius)
    let entries = try published.a.map { row in try #require(Rational.parsingAll(row)) }
    let weights = try #require(Rational.parsingAll(published.b))
    let exact = try #require(StabilityQuotient(a: entries, b: weights, explicit: true))
    let library = try #require(ImaginaryAxis.excess(exact))
    for (k, value) in library.enumerated() {
      #expect(value.numerator == Int64(n[2 * k].p) && value.denominator == Int64(n[2 * k].q))
      if 2 * k + 1 < n.count { #expect(n[2 * k + 1].p == 0, "no odd powers") }
    }
  }

  @Test(arguments: ["euler", "midpoint", "heun", "ralston", "kutta3", "ssprk3", "rk4", "rk38"])
  func catalogRadiiMatchTheOracle(name: String) throws {
    let tableau = try #require(ButcherTableau.named(name))
    let n = try #require(ExactOracle.excess(a: tableau.entryText.a, b: tableau.entryText.b))
    let oracle = try #require(ExactOracle.radius(n))
    #expect(same(tableau.imagRadius, oracle))
    let closedForm: Double =
      switch name {
      case "rk4", "rk38": 8.0.squareRoot()
      case "kutta3", "ssprk3": 3.0.squareRoot()
      default: 0
      }
    #expect(same(tableau.imagRadius, closedForm), "\(String(describing: tableau.imagRadius))")
  }

  /// The numbers (Python's fractions, offline): for Butcher's method |R(iy)|² − 1 is
  /// already positive where the old test |R| ≤ 1 + 1e-12 called the axis stable.
  @Test func butcherSixFiveIsUnstableForSmallY() throws {
    let published = PublishedTableau.named("butcher-6-5")
    let n = try #require(ExactOracle.excess(a: published.a, b: published.b))
    let values = [(1, 1.2152517361545146e-15), (3, 8.85766643188215e-13), (10, 1.2126740457492404e-9)]
    for (y, value) in values {
      var sum = OracleFraction.zero
      var power = OracleFraction.one
      let step = try #require(OracleFraction(Int128(y), 100))
      for coefficient in n {
        let (term, next) = (coefficient * power, power * step)
        let total = sum + (try #require(term))
        sum = try #require(total)
        power = try #require(next)
      }
      #expect(sum.p > 0 && (sum.double - value).magnitude <= 1e-12 * value, "y = \(y)/100")
    }
  }
}

extension Rational {
  /// Every text parsed exactly, or `nil`.
  static func parsingAll(_ texts: [String]) -> [Rational]? {
    let values = texts.compactMap(Rational.init(parsing:))
    return values.count == texts.count ? values : nil
  }
}
