import Testing

import Tableaux

@Suite struct CatalogTests {
  @Test func namesAndOrder() {
    #expect(
      ButcherTableau.catalog.map(\.name) == [
        "euler", "midpoint", "heun", "ralston", "kutta3", "ssprk3", "rk4", "rk38",
        "backward-euler", "implicit-midpoint", "gauss-legendre-2", "radau-iia-2",
      ])
    #expect(ButcherTableau.catalogNames.count == 12)
  }

  @Test func everyEntryIsCleanAndDescribed() {
    for tableau in ButcherTableau.catalog {
      #expect(tableau.warnings.isEmpty, "\(tableau.name)")
      #expect(!tableau.caption.isEmpty, "\(tableau.name)")
      #expect(tableau.id == tableau.name)
    }
    #expect(ButcherTableau.named("rk4")?.caption == "classical Runge–Kutta, order 4")
  }

  @Test func explicitness() {
    #expect(
      ButcherTableau.catalog.map(\.isExplicit) == Array(repeating: true, count: 8)
        + Array(repeating: false, count: 4))
  }

  @Test func stageCountsAndEntries() throws {
    #expect(ButcherTableau.catalog.map(\.stages) == [1, 2, 2, 2, 3, 3, 4, 4, 1, 1, 2, 2])
    let rk38 = try #require(ButcherTableau.named("rk38"))
    #expect(rk38.entryText.a[3] == ["1", "-1", "1", "0"])
    #expect(rk38.entryText.b == ["1/8", "3/8", "3/8", "1/8"])
    let gauss = try #require(ButcherTableau.named("gauss-legendre-2"))
    let r = 3.0.squareRoot() / 6
    #expect(gauss.a == [[0.25, 0.25 - r], [0.25 + r, 0.25]])
    #expect(gauss.c == [0.5 - r, 0.5 + r])
  }

  @Test func lookup() {
    #expect(ButcherTableau.named("rk4")?.stages == 4)
    #expect(ButcherTableau.named("RK4")?.name == "rk4")
    #expect(ButcherTableau.named("nope") == nil)
  }

  @Test func rebuildingFromNumbersGivesTheSameAnalysis() throws {
    for tableau in ButcherTableau.catalog {
      let copy = try ButcherTableau(name: tableau.name, a: tableau.a, b: tableau.b, c: tableau.c)
      #expect(copy.a == tableau.a, "\(tableau.name)")
      #expect(copy.b == tableau.b, "\(tableau.name)")
      #expect(copy.c == tableau.c, "\(tableau.name)")
      #expect(copy.isExplicit == tableau.isExplicit, "\(tableau.name)")
      #expect(copy.warnings == tableau.warnings, "\(tableau.name)")
      #expect(copy.order == tableau.order, "\(tableau.name)")
      #expect(copy.stabilityPolynomial == tableau.stabilityPolynomial, "\(tableau.name)")
      #expect(copy.realInterval == tableau.realInterval, "\(tableau.name)")
      // The catalog's fractions give |R(iy)|² − 1 exactly, the numbers (1/6 has no short
      // binary fraction) in Double arithmetic: the radii agree to rounding.
      #expect((copy.imagRadius == nil) == (tableau.imagRadius == nil), "\(tableau.name)")
      if let radius = tableau.imagRadius, let copied = copy.imagRadius {
        #expect((copied - radius).magnitude <= 1e-14 * max(1, radius), "\(tableau.name)")
      }
    }
  }

  /// The display texts are a faithful serialisation: re-parsing them (fractions stay
  /// fractions, decimals are shortest round-trip forms) rebuilds an equal tableau, texts
  /// included, with the same analysis.
  @Test func reparsingTheEntryTextGivesAnEqualTableau() throws {
    for tableau in ButcherTableau.catalog {
      let text = tableau.entryText
      let copy = try ButcherTableau(
        name: tableau.name, a: text.a.map { $0.map(TableauEntry.text) },
        b: text.b.map(TableauEntry.text), c: text.c.map(TableauEntry.text),
        caption: tableau.caption)
      #expect(copy == tableau, "\(tableau.name)")
      #expect(copy.order == tableau.order, "\(tableau.name)")
      #expect(copy.stabilityFacts == tableau.stabilityFacts, "\(tableau.name)")
    }
  }

}
