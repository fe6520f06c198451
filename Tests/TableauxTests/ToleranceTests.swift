import Testing

import Tableaux

/// The tableau tolerance τ (DESIGN §1.2's `"tolerance"` key): it replaces 1e-12 in the
/// |sum(b) − 1| and row-sum checks and in the order conditions.
@Suite struct ToleranceTests {
  private let ssp53 = PublishedTableau.named("ssp-5-3")

  private func message(_ build: () throws(TableauError) -> ButcherTableau) -> String? {
    do {
      _ = try build()
      return nil
    } catch {
      return error.description
    }
  }

  @Test func sspFiveThreeIsRefusedWithoutItsTolerance() {
    #expect(
      message { () throws(TableauError) in try ssp53.tableau() }
        == "sum(b) = 1.00000000032373 but must be 1 (off by 3.2373e-10); set \"tolerance\""
        + " (at most 1e-6) for a tableau published to fewer digits")
  }

  @Test func sspFiveThreeIsAcceptedWithItsTolerance() throws {
    let tableau = try ssp53.tableau(tolerance: 1e-9)
    #expect(tableau.tolerance == 1e-9)
    #expect(tableau.order == 3)
    #expect(tableau.warnings.isEmpty)
    #expect(try ssp53.numbersTableau(tolerance: 1e-9).order == 3)
    // Its n_1 = +3.8e-10 (|R(iy)|² − 1 ≈ 3.8e-10 y² near 0) is within 6τ, so the radius is
    // the published method's (ImaginaryRadiusTests).
    let radius = try #require(tableau.imagRadius)
    #expect((radius - 2.695172826353632).magnitude <= 1e-12)
    let summary = tableau.summaryText()
    #expect(summary.contains("\n  tolerance       1e-09 (published to fewer digits)\n"))
    #expect(summary.contains("\n  imag radius     2.695172826\n"), "\(summary)")
  }

  @Test(arguments: [
    (0, "0"), (-1e-9, "-1e-09"), (2e-6, "2e-06"), (1e-3, "0.001"), (.nan, "nan"),
    (.infinity, "inf"),
  ] as [(Double, String)])
  func toleranceOutOfRangeIsRefused(tolerance: Double, text: String) {
    #expect(
      message { () throws(TableauError) in
        try ButcherTableau(name: "e", a: [[0]], b: [1], c: [0], tolerance: tolerance)
      } == "\"tolerance\" = \(text) is out of range (it must be > 0 and at most 1e-6)")
  }

  @Test func theLargestToleranceIsAccepted() throws {
    let euler = try ButcherTableau(name: "e", a: [[0]], b: [1 + 1e-7], c: [0], tolerance: 1e-6)
    #expect(euler.tolerance == 1e-6)
    #expect(euler.order == 1)
  }

  @Test func theWeightSumMessageNamesTheToleranceInForce() {
    #expect(
      message { () throws(TableauError) in
        try ButcherTableau(name: "e", a: [[0]], b: [1 + 1e-8], c: [0], tolerance: 1e-9)
      }
        == "sum(b) = 1.00000001 but must be 1 to within the tolerance 1e-09 (off by 1e-08);"
        + " set \"tolerance\" (at most 1e-6) for a tableau published to fewer digits")
    // Beyond 1e-6 the key cannot help, so the message does not suggest it.
    #expect(
      message { () throws(TableauError) in
        try ButcherTableau(name: "e", a: [[0]], b: [1.5], c: [0])
      } == "sum(b) = 1.5 but must be 1 (off by 0.5)")
  }

  /// rk4 with a[2][1] = 1/2 + 1e-10: the row-sum gap and the order-2 residual
  /// bᵀA𝟙 − 1/2 = b₃·1e-10 ≈ 3.3e-11 are beyond 1e-12 but within 1e-9.
  @Test func toleranceLoosensOrderConditionsAndRowSums() throws {
    let a: [[Double]] = [[0, 0, 0, 0], [0.5, 0, 0, 0], [0, 0.5 + 1e-10, 0, 0], [0, 0, 1, 0]]
    let b = [1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6]
    let c = [0, 0.5, 0.5, 1]
    let strict = try ButcherTableau(name: "rk4-ish", a: a, b: b, c: c)
    #expect(strict.order == 1)
    #expect(strict.warnings.count == 1)
    let loose = try ButcherTableau(name: "rk4-ish", a: a, b: b, c: c, tolerance: 1e-9)
    #expect(loose.order == 4)
    #expect(loose.warnings.isEmpty)
    #expect(OrderConditions.order(a: a, b: b, tolerance: 1e-9) == 4)
  }

  @Test func equalityIncludesTheTolerance() throws {
    let rk4 = try #require(ButcherTableau.named("rk4"))
    let looser = try ButcherTableau(
      name: rk4.name, a: rk4.entryText.a.map { $0.map(TableauEntry.text) },
      b: rk4.entryText.b.map(TableauEntry.text), c: rk4.entryText.c.map(TableauEntry.text),
      caption: rk4.caption, tolerance: 1e-9)
    #expect(looser != rk4)
    #expect(looser.order == rk4.order)
    #expect(rk4.tolerance == ButcherTableau.defaultTolerance)
  }
}
