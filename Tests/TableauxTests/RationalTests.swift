import Testing

import Tableaux

@Suite struct RationalTests {
  @Test func parsesFractions() {
    #expect(Rational(parsing: "1/6") == Rational(1, 6))
    #expect(Rational(parsing: "-2/3")?.numerator == -2)
    #expect(Rational(parsing: "-2/3")?.denominator == 3)
    #expect(Rational(parsing: "-1/3")?.description == "-1/3")
    #expect(Rational(parsing: "1/-3")?.description == "-1/3")
    #expect(Rational(parsing: "2/4")?.description == "1/2")
    #expect(Rational(parsing: "\u{2212}1/3") == Rational(-1, 3))
    #expect(Rational(parsing: " 1 / 6 ") == Rational(1, 6))
    #expect(Rational(parsing: "2")?.description == "2")
    #expect(Rational(parsing: "0.5/3") == Rational(1, 6))
  }

  @Test func parsesDecimalsExactly() {
    #expect(Rational(parsing: "0.125") == Rational(1, 8))
    #expect(Rational(parsing: "0.125")?.doubleValue == 0.125)
    #expect(Rational(parsing: "0.25") == Rational(1, 4))
    #expect(Rational(parsing: "-0.1") == Rational(-1, 10))
    #expect(Rational(parsing: "1.5e-3") == Rational(3, 2000))
    #expect(Rational(parsing: "2E2") == Rational(200, 1))
    #expect(Rational(parsing: ".5") == Rational(1, 2))
    #expect(Rational(parsing: "0.2500000000000000000000000") == Rational(1, 4))
  }

  /// `doubleValue` is correctly rounded beyond 2⁵³: a long decimal read exactly as p/10ᵏ must
  /// give the same bits as strtod on the same text (an independent, correctly rounded oracle),
  /// and integers just above 2⁵³ round half to even.
  @Test func doubleValueIsCorrectlyRounded() {
    var state: UInt64 = 0x5EED_7AB1
    for _ in 0..<5_000 {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      let digits = String((state >> 4) % 1_000_000_000_000_000_000)
      let text = "0." + digits
      guard let r = Rational(parsing: text) else { continue }
      #expect(r.doubleValue.bitPattern == Double(text)!.bitPattern, "\(text)")
      #expect((-r.negated.doubleValue).bitPattern == Double(text)!.bitPattern, "\(text)")
    }
    #expect(Rational(parsing: "0.21132486540518713")?.doubleValue == 0.21132486540518713)
    #expect(Rational(9_007_199_254_740_993, 1)?.doubleValue == 9_007_199_254_740_992)  // tie: even
    #expect(Rational(9_007_199_254_740_995, 1)?.doubleValue == 9_007_199_254_740_996)  // tie: even
    #expect(Rational(Int64.max, 3)?.doubleValue == Double("3074457345618258602.333333333333333")!)
    #expect(Rational(1, Int64.max)?.doubleValue == Double("1.0842021724855044340e-19")!)
  }

  @Test func rejectsInvalidText() {
    for text in [
      "1/0", "abc", "", "1/2/3", "1/", "/2", "1.2.3", "e5", "1e", "inf", "nan", "0x10", "--1",
    ] {
      #expect(Rational(parsing: text) == nil, "\(text) should not parse")
    }
    #expect(Rational(parsing: "99999999999999999999") == nil)
    #expect(Rational(parsing: "1/99999999999999999999") == nil)
  }

  @Test func normalisesAndRejectsBadParts() {
    #expect(Rational(6, -4)?.numerator == -3)
    #expect(Rational(6, -4)?.denominator == 2)
    #expect(Rational(0, -7) == Rational.zero)
    #expect(Rational(1, 0) == nil)
    #expect(Rational(Int64.min, 1) == nil)
  }

  @Test func arithmeticIsExact() throws {
    let sixth = try #require(Rational(1, 6))
    let third = try #require(Rational(1, 3))
    #expect(sixth.adding(third) == Rational(1, 2))
    #expect(sixth.subtracting(third) == Rational(-1, 6))
    #expect(
      try #require(Rational(2, 3)).multiplied(by: try #require(Rational(3, 4))) == Rational(1, 2))
    #expect(sixth.divided(by: third) == Rational(1, 2))
    #expect(sixth.divided(by: .zero) == nil)
    #expect(sixth < third)
    #expect(!(third < sixth))
    #expect(third.negated < sixth)
  }

  @Test func arithmeticReportsOverflow() throws {
    let big = try #require(Rational(Int64.max, 1))
    #expect(big.adding(.one) == nil)
    #expect(big.multiplied(by: try #require(Rational(2, 1))) == nil)
    let tiny = try #require(Rational(1, Int64.max))
    #expect(tiny.multiplied(by: try #require(Rational(1, 3))) == nil)
    #expect(big.subtracting(big) == .zero)
    // Cross-cancellation keeps products that only look large representable.
    #expect(big.multiplied(by: tiny) == .one)
  }

  @Test func approximatesSimpleFractions() {
    #expect(Rational.approximating(1.0 / 24) == Rational(1, 24))
    #expect(Rational.approximating(0.1) == Rational(1, 10))
    #expect(Rational.approximating(-2.5) == Rational(-5, 2))
    #expect(Rational.approximating(Double.pi) == nil)
  }
}

/// Fractions with more digits than `Int64` holds are valid entries, correctly rounded (values
/// from Python's `float(Fraction(p, q))`, an independent exact oracle).
@Suite struct WideFractionTests {
  @Test(arguments: [
    ("123456789012345678901234567890/7", 1.763668414462081e+28),
    ("-1/3000000000000000000000000000000", -3.3333333333333333e-31),
    ("99999999999999999999999999999999999999/7777777777777777777777777777777777777", 12.857142857142858),
    ("1.5/3.25", 0.46153846153846156),
  ])
  func longFractionsAreCorrectlyRounded(_ text: String, _ expected: Double) throws {
    let entry = TableauEntry.text(text)
    #expect(entry.value?.bitPattern == expected.bitPattern, "\(text): \(String(describing: entry.value))")
  }

  @Test func aTableauAcceptsThem() throws {
    let third = "3333333333333333333333333333333/9999999999999999999999999999999"
    let t = try ButcherTableau(name: "wide", a: [[.number(0)]], b: [.text("1")], c: [.text("0")])
    #expect(t.order == 1)
    let w = try ButcherTableau(
      name: "wide-heun", a: [[.number(0), .number(0)], [.text("1"), .number(0)]], b: [.text("1/2"), .text("5000000000000000000000000/10000000000000000000000000")],
      c: [.number(0), .text("1")])
    #expect(w.order == 2 && TableauEntry.text(third).value == 1.0 / 3)
    #expect(TableauEntry.text("1/0").value == nil && TableauEntry.text(String(repeating: "9", count: 40) + "/7").value == nil)
  }
}
