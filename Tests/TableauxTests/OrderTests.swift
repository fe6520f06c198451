import Testing

import Tableaux

@Suite struct OrderTests {
  @Test func catalogOrders() {
    let expected: [String: Int] = [
      "euler": 1, "midpoint": 2, "heun": 2, "ralston": 2, "kutta3": 3, "ssprk3": 3, "rk4": 4,
      "rk38": 4, "backward-euler": 1, "implicit-midpoint": 2, "gauss-legendre-2": 4,
      "radau-iia-2": 3,
    ]
    for (name, order) in expected {
      #expect(ButcherTableau.named(name)?.order == order, "\(name)")
    }
  }

  private func rk4(perturbing row: Int, _ column: Int, by delta: Double) throws -> ButcherTableau {
    let base = try #require(ButcherTableau.named("rk4"))
    var a = base.a
    a[row][column] += delta
    var c = base.c
    c[row] += delta
    return try ButcherTableau(name: "rk4-perturbed", a: a, b: base.b, c: c)
  }

  @Test func almostOrderFourIsLower() throws {
    let perturbed = try rk4(perturbing: 3, 2, by: 1e-6)
    #expect(perturbed.order < 4)
    #expect(perturbed.order == 1)
    #expect(perturbed.warnings.isEmpty)
    let nearlyExact = try rk4(perturbing: 3, 2, by: 1e-14)
    #expect(nearlyExact.order == 4)
  }

  @Test func weightPerturbationLowersOrderToo() throws {
    let base = try #require(ButcherTableau.named("rk4"))
    var b = base.b
    b[1] += 1e-6
    b[2] -= 1e-6
    let tableau = try ButcherTableau(name: "rk4-b", a: base.a, b: b, c: base.c)
    // Σb, b·c and b·c² survive (c_1 = c_2); b·Ac = b·[0, 0, 1/4, 1/2] moves by −1e-6/4.
    #expect(tableau.order == 2)
  }

  @Test func residualsOfRK4() throws {
    let rk4 = try #require(ButcherTableau.named("rk4"))
    for tree in RootedTree.trees(upToOrder: 4) {
      #expect(abs(OrderConditions.residual(of: tree, a: rk4.a, b: rk4.b)) <= 1e-15)
    }
    let worst =
      RootedTree.trees(ofOrder: 5).map {
        abs(OrderConditions.residual(of: $0, a: rk4.a, b: rk4.b))
      }.max() ?? 0
    #expect(worst > 1e-3)
  }

  @Test func butchersFifthOrderMethodHasOrderFive() throws {
    let q: (String) -> TableauEntry = { .text($0) }
    let z = q("0")
    let tableau = try ButcherTableau(
      name: "butcher5",
      a: [
        [z, z, z, z, z, z],
        [q("1/4"), z, z, z, z, z],
        [q("1/8"), q("1/8"), z, z, z, z],
        [z, q("-1/2"), q("1"), z, z, z],
        [q("3/16"), z, z, q("9/16"), z, z],
        [q("-3/7"), q("2/7"), q("12/7"), q("-12/7"), q("8/7"), z],
      ],
      b: [q("7/90"), z, q("32/90"), q("12/90"), q("32/90"), q("7/90")],
      c: [z, q("1/4"), q("1/4"), q("1/2"), q("3/4"), q("1")])
    #expect(tableau.warnings.isEmpty)
    #expect(tableau.order == 5)
  }

  @Test func orderIsZeroWhenWeightsDoNotSumToOne() {
    #expect(OrderConditions.order(a: [[0]], b: [0.5]) == 0)
    #expect(OrderConditions.order(a: [[0]], b: [1]) == 1)
  }

  @Test func gaussLegendreThreeHasOrderSix() throws {
    let r = 15.0.squareRoot()
    let tableau = try ButcherTableau(
      name: "gauss-legendre-3",
      a: [
        [5.0 / 36, 2.0 / 9 - r / 15, 5.0 / 36 - r / 30],
        [5.0 / 36 + r / 24, 2.0 / 9, 5.0 / 36 - r / 24],
        [5.0 / 36 + r / 30, 2.0 / 9 + r / 15, 5.0 / 36],
      ],
      b: [5.0 / 18, 4.0 / 9, 5.0 / 18], c: [0.5 - r / 10, 0.5, 0.5 + r / 10])
    #expect(tableau.warnings.isEmpty)
    #expect(tableau.order == 6)
    #expect(OrderConditions.order(a: tableau.a, b: tableau.b, maxOrder: 7) == 6)
    #expect(OrderConditions.order(a: tableau.a, b: tableau.b, maxOrder: 4) == 4)
  }
}
