/// The built-in tableaux of DESIGN §1.2, as data: name, one-line caption, A rows, b, c.
/// Fractions are written as exact text ("1/6") and displayed as such; the irrational
/// Gauss–Legendre entries 1/4 ± √3/6 and 1/2 ± √3/6 are numbers.
extension ButcherTableau {
  /// The catalog, in DESIGN §1.2 order: euler, midpoint, heun, ralston, kutta3, ssprk3, rk4,
  /// rk38, backward-euler, implicit-midpoint, gauss-legendre-2, radau-iia-2.
  public static let catalog: [ButcherTableau] = CatalogData.entries.compactMap { entry in
    try? ButcherTableau(
      name: entry.name, a: entry.a, b: entry.b, c: entry.c, caption: entry.caption)
  }

  /// The catalog's tableau called `name` (exact match first, then case-insensitive), or `nil`.
  public static func named(_ name: String) -> ButcherTableau? {
    catalog.first { $0.name == name }
      ?? catalog.first { $0.name.lowercased() == name.lowercased() }
  }

  /// The catalog's names, in order.
  public static var catalogNames: [String] { catalog.map(\.name) }
}

/// The raw catalog rows.
enum CatalogData {
  /// One catalog row before validation.
  struct Entry {
    var name: String
    var caption: String
    var a: [[TableauEntry]]
    var b: [TableauEntry]
    var c: [TableauEntry]
  }

  /// An exact fraction or integer, as text.
  private static func q(_ text: String) -> TableauEntry { .text(text) }

  /// √3/6, for the Gauss–Legendre entries.
  private static let r = 3.0.squareRoot() / 6

  /// Every row, in catalog order.
  static let entries: [Entry] = [
    Entry(
      name: "euler", caption: "forward Euler, order 1",
      a: [[q("0")]], b: [q("1")], c: [q("0")]),
    Entry(
      name: "midpoint", caption: "explicit midpoint rule, order 2",
      a: [[q("0"), q("0")], [q("1/2"), q("0")]],
      b: [q("0"), q("1")], c: [q("0"), q("1/2")]),
    Entry(
      name: "heun", caption: "Heun's two-stage method (explicit trapezoid), order 2",
      a: [[q("0"), q("0")], [q("1"), q("0")]],
      b: [q("1/2"), q("1/2")], c: [q("0"), q("1")]),
    Entry(
      name: "ralston", caption: "Ralston's two-stage method (minimum error bound), order 2",
      a: [[q("0"), q("0")], [q("2/3"), q("0")]],
      b: [q("1/4"), q("3/4")], c: [q("0"), q("2/3")]),
    Entry(
      name: "kutta3", caption: "Kutta's third-order method, order 3",
      a: [[q("0"), q("0"), q("0")], [q("1/2"), q("0"), q("0")], [q("-1"), q("2"), q("0")]],
      b: [q("1/6"), q("2/3"), q("1/6")], c: [q("0"), q("1/2"), q("1")]),
    Entry(
      name: "ssprk3", caption: "strong-stability-preserving RK3 (Shu–Osher), order 3",
      a: [[q("0"), q("0"), q("0")], [q("1"), q("0"), q("0")], [q("1/4"), q("1/4"), q("0")]],
      b: [q("1/6"), q("1/6"), q("2/3")], c: [q("0"), q("1"), q("1/2")]),
    Entry(
      name: "rk4", caption: "classical Runge–Kutta, order 4",
      a: [
        [q("0"), q("0"), q("0"), q("0")], [q("1/2"), q("0"), q("0"), q("0")],
        [q("0"), q("1/2"), q("0"), q("0")], [q("0"), q("0"), q("1"), q("0")],
      ],
      b: [q("1/6"), q("1/3"), q("1/3"), q("1/6")], c: [q("0"), q("1/2"), q("1/2"), q("1")]),
    Entry(
      name: "rk38", caption: "Kutta's 3/8 rule, order 4",
      a: [
        [q("0"), q("0"), q("0"), q("0")], [q("1/3"), q("0"), q("0"), q("0")],
        [q("-1/3"), q("1"), q("0"), q("0")], [q("1"), q("-1"), q("1"), q("0")],
      ],
      b: [q("1/8"), q("3/8"), q("3/8"), q("1/8")], c: [q("0"), q("1/3"), q("2/3"), q("1")]),
    Entry(
      name: "backward-euler", caption: "backward Euler, L-stable, order 1",
      a: [[q("1")]], b: [q("1")], c: [q("1")]),
    Entry(
      name: "implicit-midpoint",
      caption: "implicit midpoint rule (1-stage Gauss), A-stable, symplectic, order 2",
      a: [[q("1/2")]], b: [q("1")], c: [q("1/2")]),
    Entry(
      name: "gauss-legendre-2",
      caption: "2-stage Gauss–Legendre, A-stable, symplectic, order 4",
      a: [[q("1/4"), .number(0.25 - r)], [.number(0.25 + r), q("1/4")]],
      b: [q("1/2"), q("1/2")], c: [.number(0.5 - r), .number(0.5 + r)]),
    Entry(
      name: "radau-iia-2", caption: "2-stage Radau IIA, L-stable, order 3",
      a: [[q("5/12"), q("-1/12")], [q("3/4"), q("1/4")]],
      b: [q("3/4"), q("1/4")], c: [q("1/3"), q("1")]),
  ]
}
