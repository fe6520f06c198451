import Testing

import Tableaux

@Suite struct ValidationTests {
  private func message(
    a: [[TableauEntry]], b: [TableauEntry], c: [TableauEntry]
  ) -> String? {
    do {
      _ = try ButcherTableau(name: "t", a: a, b: b, c: c)
      return nil
    } catch {
      return error.description
    }
  }

  private func message(a: [[Double]], b: [Double], c: [Double]) -> String? {
    do {
      _ = try ButcherTableau(name: "t", a: a, b: b, c: c)
      return nil
    } catch {
      return error.description
    }
  }

  private func zeros(_ s: Int) -> [[TableauEntry]] {
    Array(repeating: Array(repeating: .number(0), count: s), count: s)
  }

  @Test func rejectsEmpty() {
    #expect(
      message(a: [[Double]](), b: [], c: []) == "a is empty: a tableau needs at least one stage")
  }

  @Test func rejectsNonSquare() {
    #expect(
      message(a: [[0, 0], [1]], b: [0.5, 0.5], c: [0, 1])
        == "a[1] has 1 entry but the tableau has 2 stages (a must be square)")
    #expect(
      message(a: [[0, 0, 0], [1, 0]], b: [0.5, 0.5], c: [0, 1])
        == "a[0] has 3 entries but the tableau has 2 stages (a must be square)")
  }

  @Test func rejectsLengthMismatches() {
    #expect(
      message(a: zeros(4), b: [.text("1/3"), .text("1/3"), .text("1/3")], c: zeros(4)[0])
        == "b has 3 entries but the tableau has 4 stages")
    #expect(
      message(a: [[0, 0], [1, 0]], b: [0.5, 0.5], c: [0])
        == "c has 1 entry but the tableau has 2 stages")
  }

  @Test func rejectsUnparsableEntries() {
    var a = zeros(3)
    a[2][1] = .text("1/0")
    let b: [TableauEntry] = [.text("1/3"), .text("1/3"), .text("1/3")]
    #expect(message(a: a, b: b, c: zeros(3)[0]) == #"a[2][1]: "1/0" is not a valid number"#)
    let badB: [TableauEntry] = [.text("1/2"), .text("abc")]
    #expect(message(a: zeros(2), b: badB, c: zeros(2)[0]) == #"b[1]: "abc" is not a valid number"#)
    let badC: [TableauEntry] = [.number(0), .text("")]
    #expect(
      message(a: zeros(2), b: [.text("1/2"), .text("1/2")], c: badC)
        == #"c[1]: "" is not a valid number"#)
  }

  @Test func rejectsNonFiniteEntries() {
    #expect(message(a: [[.nan]], b: [1], c: [0]) == "a[0][0]: nan is not a finite number")
    #expect(message(a: [[0]], b: [1], c: [.infinity]) == "c[0]: inf is not a finite number")
    #expect(
      message(a: [[.text("inf")]], b: [.number(1)], c: [.number(0)])
        == #"a[0][0]: "inf" is not a valid number"#)
  }

  @Test func rejectsWeightsNotSummingToOne() {
    #expect(
      message(a: Array(repeating: [0, 0, 0], count: 3), b: [0.3, 0.3, 0.3], c: [0, 0, 0])
        == "sum(b) = 0.9 but must be 1 (off by 0.1)")
    #expect(
      message(a: [[0]], b: [1.000000000002], c: [0])
        == "sum(b) = 1.000000000002 but must be 1 (off by 2e-12); set \"tolerance\" (at most"
          + " 1e-6) for a tableau published to fewer digits")
    #expect(message(a: [[0]], b: [1 + 5e-13], c: [0]) == nil)
  }

  @Test func reportsEntriesBeforeTheWeightSum() {
    let a: [[TableauEntry]] = [[.number(0)]]
    #expect(message(a: a, b: [.text("x")], c: [.number(0)]) == #"b[0]: "x" is not a valid number"#)
  }

  @Test func warnsOnRowSumMismatch() throws {
    let tableau = try ButcherTableau(
      name: "odd-midpoint", a: [[0, 0], [0.5, 0]], b: [0, 1], c: [0, 0.6])
    #expect(tableau.warnings == ["c[1] = 0.6 but the row sum of a[1] is 0.5 (off by 0.1)"])
    // The order conditions use A𝟙, not c, so the method is still order 2.
    #expect(tableau.order == 2)
    let clean = try ButcherTableau(name: "m", a: [[0, 0], [0.5, 0]], b: [0, 1], c: [0, 0.5])
    #expect(clean.warnings.isEmpty)
    let tiny = try ButcherTableau(
      name: "m", a: [[0, 0], [0.5, 0]], b: [0, 1], c: [0, 0.5 + 1e-13])
    #expect(tiny.warnings.isEmpty)
  }

  @Test func displaysEntryText() throws {
    let tableau = try ButcherTableau(
      name: "texts", a: [[.text("0"), .text("0")], [.text("2/4"), .number(0)]],
      b: [.text("0.25"), .number(0.75)], c: [.number(0), .text("1/2")])
    #expect(tableau.entryText.a == [["0", "0"], ["1/2", "0"]])
    #expect(tableau.entryText.b == ["0.25", "0.75"])
    #expect(tableau.entryText.c == ["0", "1/2"])
    #expect(tableau.b == [0.25, 0.75])
    let long = try ButcherTableau(
      name: "long", a: [[.number(0)]], b: [.text("1.00000000000000000000000000001")],
      c: [.number(0)])
    #expect(long.b == [1])
  }

  @Test func entryValues() {
    #expect(TableauEntry.text("1/6").value == 1.0 / 6)
    #expect(TableauEntry.text("1/6").displayText == "1/6")
    #expect(TableauEntry.text("0.125").value == 0.125)
    #expect(TableauEntry.text("1/0").value == nil)
    #expect(TableauEntry.number(.infinity).value == nil)
    #expect(TableauEntry.number(2).displayText == "2")
  }

  @Test func classifiesExplicitness() throws {
    let b = [0.5, 0.5]
    let c = [0.0, 1]
    #expect(try ButcherTableau(name: "e", a: [[0, 0], [1, 0]], b: b, c: c).isExplicit)
    #expect(!(try ButcherTableau(name: "i", a: [[0, 1e-300], [1, 0]], b: b, c: c).isExplicit))
    #expect(!(try ButcherTableau(name: "d", a: [[0, 0], [1, 1e-9]], b: b, c: c).isExplicit))
  }
}
