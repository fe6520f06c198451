import Testing

import Tableaux

@Suite struct TextTests {
  @Test func rk4Diagram() throws {
    let rk4 = try #require(ButcherTableau.named("rk4"))
    let expected = """
       c   │ A
      ─────┼────────────────────
       0   │
       1/2 │ 1/2
       1/2 │ 0    1/2
       1   │ 0    0    1
      ─────┼────────────────────
           │ 1/6  1/3  1/3  1/6
      """
    #expect(rk4.diagramText() == expected)
  }

  @Test func kutta3DiagramAlignsNegativeEntries() throws {
    let kutta = try #require(ButcherTableau.named("kutta3"))
    let lines = kutta.diagramText().split(separator: "\n").map(String.init)
    #expect(lines[4] == " 1   │ -1   2")
    #expect(lines[6] == "     │ 1/6  2/3  1/6")
  }

  @Test func implicitDiagramShowsEveryEntry() throws {
    let radau = try #require(ButcherTableau.named("radau-iia-2"))
    let expected = """
       c   │ A
      ─────┼─────────────
       1/3 │ 5/12  -1/12
       1   │ 3/4   1/4
      ─────┼─────────────
           │ 3/4   1/4
      """
    #expect(radau.diagramText() == expected)
  }

  @Test func rk4Summary() throws {
    let rk4 = try #require(ButcherTableau.named("rk4"))
    let expected = """
      rk4: classical Runge–Kutta, order 4
        stages          4 (explicit)
        order           4 (computed from the order conditions, up to 6)
        R(z)            1 + z + z^2/2 + z^3/6 + z^4/24
        real interval   [-2.785293563, 0]
        imag radius     2.828427125
        A-stable        no
      """
    #expect(rk4.summaryText() == expected)
  }

  @Test func implicitSummary() throws {
    let gauss = try #require(ButcherTableau.named("gauss-legendre-2"))
    let summary = gauss.summaryText()
    #expect(summary.contains("  stages          2 (implicit)"))
    #expect(summary.contains("  order           4 "))
    #expect(summary.contains("  real interval   unbounded"))
    #expect(summary.contains("  imag radius     unbounded"))
    #expect(summary.contains("  A-stable        yes"))
    let euler = try #require(ButcherTableau.named("euler"))
    #expect(euler.summaryText().contains("  imag radius     0 (only the origin)"))
    #expect(euler.summaryText().contains("  real interval   [-2, 0]"))
  }

  @Test func summaryListsWarnings() throws {
    let odd = try ButcherTableau(name: "odd", a: [[0, 0], [0.5, 0]], b: [0, 1], c: [0, 0.6])
    #expect(
      odd.summaryText().hasSuffix(
        "  warning         c[1] = 0.6 but the row sum of a[1] is 0.5 (off by 0.1)"))
    #expect(odd.summaryText().hasPrefix("odd\n"))
  }

  @Test func listRows() throws {
    #expect(
      ButcherTableau.listHeader
        == "name              stages  kind     order  real interval     imag radius")
    let rk4 = try #require(ButcherTableau.named("rk4"))
    #expect(rk4.listRow() == "rk4                    4  explicit     4  [-2.78529, 0]     2.82843")
    let gauss = try #require(ButcherTableau.named("gauss-legendre-2"))
    #expect(
      gauss.listRow() == "gauss-legendre-2       2  implicit     4  unbounded         unbounded")
    let euler = try #require(ButcherTableau.named("euler"))
    #expect(euler.listRow() == "euler                  1  explicit     1  [-2, 0]           0")
  }

  @Test func reportCarriesTheContractFacts() throws {
    let rk4 = try #require(ButcherTableau.named("rk4")).report
    #expect(rk4.name == "rk4" && rk4.stages == 4 && rk4.explicit && rk4.order == 4)
    #expect(rk4.a[3] == [0, 0, 1, 0])
    let sixth = 1.0 / 6
    let third = 1.0 / 3
    #expect(rk4.b == [sixth, third, third, sixth])
    #expect(rk4.c == [0, 0.5, 0.5, 1])
    #expect(rk4.polynomial?.count == 5)
    #expect(abs((rk4.realInterval ?? 0) - -2.785293563405282) <= 1e-9)
    #expect(abs((rk4.imagRadius ?? 0) - 2.8284271247461903) <= 1e-9)
    let gauss = try #require(ButcherTableau.named("gauss-legendre-2")).report
    #expect(!gauss.explicit)
    #expect(gauss.polynomial == nil)
    #expect(gauss.realInterval == nil)
    #expect(gauss.imagRadius == nil)
    #expect(gauss.order == 4)
  }
}
