/// The raw facts behind `odernn tableau show --json`, for a JSON layer written elsewhere:
/// ```
/// {"name", "stages", "explicit", "order", "a", "b", "c",
///  "stability": {"polynomial", "realInterval": [r, 0], "imagRadius"}}
/// ```
/// `polynomial` is `nil` (JSON null) for implicit tableaux; `realInterval` holds the left end
/// r only, the right end is always 0, and `nil` means unbounded (JSON `[null, 0]`);
/// `imagRadius` is `nil` when unbounded (JSON null).
public struct TableauReport: Sendable, Equatable {
  /// The tableau's name.
  public let name: String
  /// The one-line description ("" if none); an extra key, not part of the contract.
  public let caption: String
  /// The number of stages s.
  public let stages: Int
  /// A strictly lower triangular.
  public let explicit: Bool
  /// The computed order (≤ 6).
  public let order: Int
  /// The s×s matrix A.
  public let a: [[Double]]
  /// The weights b.
  public let b: [Double]
  /// The nodes c.
  public let c: [Double]
  /// R(z)'s coefficients, constant term first, for explicit tableaux; `nil` when implicit.
  public let polynomial: [Double]?
  /// The left end r of the stable real interval [r, 0]; `nil` means unbounded.
  public let realInterval: Double?
  /// The stable imaginary radius; `nil` means unbounded.
  public let imagRadius: Double?
  /// Validation warnings (row-sum mismatches); printed on stderr by the CLI.
  public let warnings: [String]

  /// The report of `tableau` (no computation: everything was computed at its init).
  public init(_ tableau: ButcherTableau) {
    name = tableau.name
    caption = tableau.caption
    stages = tableau.stages
    explicit = tableau.isExplicit
    order = tableau.order
    a = tableau.a
    b = tableau.b
    c = tableau.c
    polynomial = tableau.stabilityPolynomial
    realInterval = tableau.realInterval
    imagRadius = tableau.imagRadius
    warnings = tableau.warnings
  }
}

extension ButcherTableau {
  /// The facts for `tableau show --json`.
  public var report: TableauReport { TableauReport(self) }
}
