/// A Runge–Kutta method given by its Butcher tableau (A, b, c) with s stages:
/// ```
///  c_1 │ a_11 … a_1s
///   ⋮  │  ⋮        ⋮
///  c_s │ a_s1 … a_ss
/// ─────┼────────────
///      │ b_1  … b_s
/// ```
/// One step of size ε for S' = F(S):
/// ```
/// K_i    = F(S + ε Σ_j a_ij K_j)      i = 1 … s
/// S'     = S + ε Σ_i b_i K_i
/// ```
/// and c_i = Σ_j a_ij is expected (a mismatch above the tolerance is a warning, not an error).
///
/// The tolerance τ (default 1e-12, at most 1e-6: the tableau file's `"tolerance"` key) is the
/// precision the tableau is published to: it bounds |Σ b_i − 1|, the row-sum check and every
/// order condition, and leading terms of |R(iy)|² − 1 below 6τ count as zero
/// (`ImaginaryAxis`).
///
/// Invariants after validation: s ≥ 1, `a` is s×s, `b` and `c` have s entries, every entry
/// is finite, 0 < τ ≤ 1e-6 and |Σ b_i − 1| ≤ τ. The order and the stability facts are
/// computed once, in the initialiser.
public struct ButcherTableau: Sendable, Equatable, Identifiable {
  /// Display text of every entry: the exact fraction ("1/6") for fraction text and catalog
  /// fractions, otherwise the shortest decimal that reads back as the value.
  public struct EntryText: Sendable, Equatable {
    /// Texts of `a`, row by row.
    public let a: [[String]]
    /// Texts of `b`.
    public let b: [String]
    /// Texts of `c`.
    public let c: [String]
  }

  /// The tableau's name (the catalog key, or the name given in a tableau file).
  public let name: String
  /// A one-line description, for example "classical Runge–Kutta, order 4" ("" if none).
  public let caption: String
  /// The s×s stage matrix A.
  public let a: [[Double]]
  /// The s weights b.
  public let b: [Double]
  /// The s nodes c.
  public let c: [Double]
  /// The text used to display each entry.
  public let entryText: EntryText
  /// The tolerance τ the checks, the order conditions and the imaginary radius use.
  public let tolerance: Double
  /// Non-fatal findings, one line each: row-sum mismatches |c_i − Σ_j a_ij| > τ.
  public let warnings: [String]
  /// `true` when A is strictly lower triangular: a_ij == 0 exactly for every j ≥ i.
  public let isExplicit: Bool
  /// The highest p ≤ 6 with Φ(t) = 1/γ(t) to the tolerance for every rooted tree |t| ≤ p.
  public let order: Int
  /// For explicit tableaux R(z)'s coefficients, constant term first:
  /// [1, bᵀ𝟙, bᵀA𝟙, …, bᵀA^{s−1}𝟙] (s + 1 numbers); `nil` for implicit tableaux.
  public let stabilityPolynomial: [Double]?
  /// The real interval and imaginary radius of the tableau's own R (see `StabilityFacts`).
  public let stabilityFacts: StabilityFacts

  /// The tolerance when none is given: 1e-12.
  public static let defaultTolerance = 1e-12
  /// The largest tolerance accepted: 1e-6.
  public static let maximumTolerance = 1e-6

  /// The identity used by lists and lookups: the name.
  public var id: String { name }
  /// The number of stages s.
  public var stages: Int { b.count }
  /// r ≤ 0 with [r, 0] the largest stable real interval; `nil` when unbounded (beyond 1000).
  public var realInterval: Double? { stabilityFacts.realInterval }
  /// The largest y with every iy', |y'| ≤ y, stable (0 below 0.01); `nil` when unbounded.
  public var imagRadius: Double? { stabilityFacts.imagRadius }
  /// `true` when both the real interval and the imaginary radius are unbounded.
  public var isAStable: Bool { stabilityFacts.isAStable }

  /// Validates and builds a tableau from raw entries (numbers or fraction text).
  ///
  /// Checks, in order: 0 < `tolerance` ≤ 1e-6; `a` non-empty; every row of `a` has
  /// s = `a.count` entries; `b` and `c` have s entries; every entry (row-major `a`, then `b`,
  /// then `c`) parses and is finite; |Σ b_i − 1| ≤ `tolerance`. Row sums
  /// |c_i − Σ_j a_ij| > `tolerance` become `warnings`. Indices in messages are 0-based.
  public init(
    name: String, a: [[TableauEntry]], b: [TableauEntry], c: [TableauEntry],
    caption: String = "", tolerance: Double = ButcherTableau.defaultTolerance
  ) throws(TableauError) {
    guard tolerance > 0, tolerance <= ButcherTableau.maximumTolerance else {
      throw .tolerance(value: tolerance)
    }
    let stages = a.count
    guard stages > 0 else { throw .empty }
    for (row, entries) in a.enumerated() where entries.count != stages {
      throw .nonSquare(row: row, count: entries.count, stages: stages)
    }
    guard b.count == stages else {
      throw .lengthMismatch(vector: "b", count: b.count, stages: stages)
    }
    guard c.count == stages else {
      throw .lengthMismatch(vector: "c", count: c.count, stages: stages)
    }
    var rowsA: [[ResolvedEntry]] = []
    for (i, row) in a.enumerated() {
      var resolved: [ResolvedEntry] = []
      for (j, entry) in row.enumerated() {
        resolved.append(try entry.resolved(at: "a[\(i)][\(j)]"))
      }
      rowsA.append(resolved)
    }
    var weights: [ResolvedEntry] = []
    for (i, entry) in b.enumerated() { weights.append(try entry.resolved(at: "b[\(i)]")) }
    var nodes: [ResolvedEntry] = []
    for (i, entry) in c.enumerated() { nodes.append(try entry.resolved(at: "c[\(i)]")) }

    let weightSum = ButcherTableau.accurateSum(weights.map(\.value))
    guard (weightSum - 1).magnitude <= tolerance else {
      throw .weightSum(sum: weightSum, tolerance: tolerance)
    }

    self.name = name
    self.caption = caption
    self.tolerance = tolerance
    self.a = rowsA.map { $0.map(\.value) }
    self.b = weights.map(\.value)
    self.c = nodes.map(\.value)
    self.entryText = EntryText(
      a: rowsA.map { $0.map(\.text) }, b: weights.map(\.text), c: nodes.map(\.text))
    self.warnings = ButcherTableau.rowSumWarnings(
      a: self.a, c: self.c, cText: entryText.c, tolerance: tolerance)
    let explicit = ButcherTableau.strictlyLowerTriangular(self.a)
    self.isExplicit = explicit
    self.order = OrderConditions.order(a: self.a, b: self.b, tolerance: tolerance)
    let polynomial =
      explicit ? StabilityFunction.powerCoefficients(a: self.a, b: self.b, count: stages) : nil
    self.stabilityPolynomial = polynomial
    let own: StabilityFunction =
      polynomial.map { .polynomial($0) } ?? .rational(a: self.a, b: self.b)
    self.stabilityFacts = StabilityFacts(
      realInterval: StabilityFacts.realInterval(of: own),
      imagRadius: ImaginaryAxis.radius(
        a: rowsA, b: weights, explicit: explicit, tolerance: tolerance))
  }

  /// Validates and builds a tableau from numbers (entries display as shortest decimals).
  /// Same rules and messages as the entry initialiser.
  public init(
    name: String, a: [[Double]], b: [Double], c: [Double], caption: String = "",
    tolerance: Double = ButcherTableau.defaultTolerance
  ) throws(TableauError) {
    try self.init(
      name: name, a: a.map { $0.map(TableauEntry.number) }, b: b.map(TableauEntry.number),
      c: c.map(TableauEntry.number), caption: caption, tolerance: tolerance)
  }

  /// Equal when name, caption, tolerance, A, b, c and their display texts are equal
  /// (everything else is derived from those).
  public static func == (lhs: ButcherTableau, rhs: ButcherTableau) -> Bool {
    lhs.name == rhs.name && lhs.caption == rhs.caption && lhs.tolerance == rhs.tolerance
      && lhs.a == rhs.a && lhs.b == rhs.b && lhs.c == rhs.c && lhs.entryText == rhs.entryText
  }

  /// Σ x_i with Neumaier's compensated summation.
  static func accurateSum(_ values: [Double]) -> Double {
    var sum = 0.0
    var compensation = 0.0
    for x in values {
      let t = sum + x
      compensation += sum.magnitude >= x.magnitude ? (sum - t) + x : (x - t) + sum
      sum = t
    }
    return sum + compensation
  }

  /// `true` when a_ij == 0 for every j ≥ i.
  static func strictlyLowerTriangular(_ a: [[Double]]) -> Bool {
    for (i, row) in a.enumerated() {
      for (j, entry) in row.enumerated() where j >= i && entry != 0 { return false }
    }
    return true
  }

  /// One warning per row with |c_i − Σ_j a_ij| > `tolerance`.
  static func rowSumWarnings(a: [[Double]], c: [Double], cText: [String], tolerance: Double)
    -> [String]
  {
    var warnings: [String] = []
    for (i, row) in a.enumerated() {
      let rowSum = accurateSum(row)
      let gap = (c[i] - rowSum).magnitude
      guard gap > tolerance else { continue }
      warnings.append(
        "c[\(i)] = \(cText[i]) but the row sum of a[\(i)] is "
          + "\(NumberText.rounded(rowSum, significantDigits: 15))"
          + " (off by \(NumberText.difference(gap)))")
    }
    return warnings
  }
}
