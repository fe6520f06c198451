/// The exact imaginary radius: the largest y with |R(iy′)| ≤ 1 for every |y′| ≤ y.
///
/// With R = P/Q (`StabilityQuotient`), |R(iy)|² − 1 = N(y)/|Q(iy)|² where
/// ```
/// N(y) = |P(iy)|² − |Q(iy)|² = Σ_k n_k y^{2k},
/// n_k  = Σ_{l=0}^{2k} (−1)^{k−l} (p_l p_{2k−l} − q_l q_{2k−l})
/// ```
/// (the odd powers cancel), so iy is stable exactly when N(y) ≤ 0 (at a pole on the axis,
/// N = |P|² > 0). The decision is made on the coefficients, never on |R| ≤ 1 + 1e-12:
/// - the lowest n_k that is significant decides: positive means |R(iy)| > 1 for every small
///   y > 0, radius 0; no significant coefficient means |R(iy)| = 1 on the whole axis
///   (implicit midpoint, Gauss–Legendre), unbounded;
/// - otherwise the radius is √x* for the first crossing x* of g(x) = Σ_{k≥lead} n_k x^{k−lead}
///   (`FirstCrossing`, x = y²), 0 below 0.01 and unbounded beyond 1000.
///
/// Significance. With exact `Rational` coefficients (every entry a fraction or exact decimal,
/// and no `Int64` overflow) the rounding bound ρ_k is 0. Otherwise, in `Double`, with p̂, q̂
/// the computed coefficients and |p|_l, |q|_l the same computations run on |entries|
/// (`Magnitude`: bounds on the magnitudes of every term that was summed),
/// ```
/// ρ_k = γ_{m_k} · 2 Σ_l (|p̂_l| |p|_{2k−l} + |q̂_l| |q|_{2k−l}),
/// γ_m = m·u/(1 − m·u),  u = 2⁻⁵³,  m_k = s(s + 2)² + 4k + 3
/// ```
/// a first-order bound on the error of n_k: each coefficient is within γ_{s(s+2)²} of its
/// magnitude bound (one rounding for each entry, at most (s + 2)² per factor on each term's
/// path: a power bᵀA^j𝟙 or a Faddeev–LeVerrier step), which the 2k + 1 products carry into
/// n_k, and the products and sums of n_k add 4k + 3 more. A coefficient with |n_k| ≤ ρ_k is 0.
/// The leading run also drops every n_k with |n_k| ≤ 6τ + ρ_k, τ the tableau's tolerance:
/// for an order-p tableau whose conditions hold to τ, each n_k with 2k ≤ p is a combination
/// of the residuals r_j = p_j − 1/j!,
/// n_k = Σ_l (−1)^{k−l}(r_l/(2k−l)! + r_{2k−l}/l! + r_l r_{2k−l}), so
/// |n_k| ≤ 2eτ + (2k + 1)τ² < 6τ: a tableau is judged at the precision it is published to.
enum ImaginaryAxis {
  /// A leading coefficient at most this many tolerances counts as zero.
  static let toleranceFactor = 6.0

  /// n_0 … n_d of N(y), or `nil` on overflow.
  static func excess<S: StabilityScalar>(_ r: StabilityQuotient<S>) -> [S]? {
    guard let pp = correlation(r.numerator, r.numerator),
      let qq = correlation(r.denominator, r.denominator)
    else { return nil }
    var n: [S] = []
    for k in 0..<max(pp.count, qq.count) {
      guard let d = (k < pp.count ? pp[k] : .zero).minus(k < qq.count ? qq[k] : .zero) else {
        return nil
      }
      n.append(d)
    }
    return n
  }

  /// f_k = Σ_{l=0}^{2k} (−1)^{k−l} x_l y_{2k−l} for equally long x and y; for y = x these are
  /// the coefficients of |X(iy)|² = Σ_k f_k y^{2k}, X(z) = Σ_l x_l z^l. `nil` on overflow.
  static func correlation<S: StabilityScalar>(_ x: [S], _ y: [S]) -> [S]? {
    let degree = x.count - 1
    guard degree >= 0 else { return [] }
    var f: [S] = []
    for k in 0...degree {
      var sum = S.zero
      for l in max(0, 2 * k - degree)...min(2 * k, degree) {
        guard let term = x[l].times(y[2 * k - l]),
          let next = (k - l).isMultiple(of: 2) ? sum.plus(term) : sum.minus(term)
        else { return nil }
        sum = next
      }
      f.append(sum)
    }
    return f
  }

  /// The radius from N's coefficients, their rounding bounds ρ_k and the tolerance τ.
  static func radius(excess n: [Double], rounding rho: [Double], tolerance: Double) -> Double? {
    let cleaned = zip(n, rho).map { $0.magnitude <= $1 ? 0 : $0 }
    let significant = cleaned.indices.first { k in
      cleaned[k].magnitude > toleranceFactor * tolerance + rho[k]
    }
    guard let lead = significant else { return nil }
    guard cleaned[lead] < 0 else { return 0 }
    let limit = StabilityFacts.unboundedLimit * StabilityFacts.unboundedLimit
    guard let x = FirstCrossing.first(Array(cleaned[lead...]), limit: limit) else { return nil }
    let y = x.squareRoot()
    return y < StabilityFacts.smallestImagRadius ? 0 : y
  }

  /// The radius of R = P/Q computed in `Double`, with its magnitudes `bound` (the same
  /// computation on |entries|) and s stages, under tolerance τ.
  static func radius(
    _ r: StabilityQuotient<Double>, magnitudes bound: StabilityQuotient<Magnitude>, stages s: Int,
    tolerance: Double
  ) -> Double? {
    let computedP = r.numerator.map(Magnitude.init)
    let computedQ = r.denominator.map(Magnitude.init)
    guard let n = excess(r), let crossP = correlation(computedP, bound.numerator),
      let crossQ = correlation(computedQ, bound.denominator)
    else { preconditionFailure("Double arithmetic never overflows to nil") }
    let u = Double.ulpOfOne / 2
    let rho = n.indices.map { k in
      let gamma = Double(s * (s + 2) * (s + 2) + 4 * k + 3) * u
      let p = k < crossP.count ? crossP[k].value : 0
      let q = k < crossQ.count ? crossQ[k].value : 0
      return gamma / (1 - gamma) * 2 * (p + q)
    }
    return radius(excess: n, rounding: rho, tolerance: tolerance)
  }

  /// The radius of the tableau's own R: in exact arithmetic when every entry has an exact
  /// value and nothing overflows, otherwise in `Double` with the rounding bounds above.
  static func radius(
    a: [[ResolvedEntry]], b: [ResolvedEntry], explicit: Bool, tolerance: Double
  ) -> Double? {
    if let exactA = allExact(rows: a), let exactB = allExact(b),
      let r = StabilityQuotient(a: exactA, b: exactB, explicit: explicit),
      let n = excess(r)
    {
      let zeros = [Double](repeating: 0, count: n.count)
      return radius(excess: n.map(\.doubleValue), rounding: zeros, tolerance: tolerance)
    }
    return radius(
      a: a.map { $0.map(\.value) }, b: b.map(\.value), explicit: explicit, tolerance: tolerance)
  }

  /// The radius of the `Double` tableau (a, b), with the rounding bounds above.
  static func radius(a: [[Double]], b: [Double], explicit: Bool, tolerance: Double) -> Double? {
    let magnitudes = StabilityQuotient(
      a: a.map { $0.map(Magnitude.init) }, b: b.map(Magnitude.init), explicit: explicit)
    guard let r = StabilityQuotient(a: a, b: b, explicit: explicit), let magnitudes else {
      preconditionFailure("Double arithmetic never overflows to nil")
    }
    return radius(r, magnitudes: magnitudes, stages: b.count, tolerance: tolerance)
  }

  /// The exact values of every row, or `nil` when an entry has none.
  static func allExact(rows: [[ResolvedEntry]]) -> [[Rational]]? {
    var values: [[Rational]] = []
    for row in rows {
      guard let exact = allExact(row) else { return nil }
      values.append(exact)
    }
    return values
  }

  /// The exact values of `entries`, or `nil` when one has none.
  static func allExact(_ entries: [ResolvedEntry]) -> [Rational]? {
    var values: [Rational] = []
    for entry in entries {
      guard let exact = entry.exact else { return nil }
      values.append(exact)
    }
    return values
  }
}

extension StabilityFunction {
  /// The exact imaginary radius of this R (see `ImaginaryAxis`), in `Double` with the
  /// default tolerance 1e-12. A polynomial form has no tableau behind it, so its magnitudes
  /// are its coefficients' and s is its degree: the bound covers the expansion of N, not how
  /// the coefficients were obtained.
  var exactImagRadius: Double? {
    let tolerance = ButcherTableau.defaultTolerance
    switch form {
    case .rational(let a, let b):
      let s = b.count
      let square = (0..<s).map { i in (0..<s).map { j in StabilityFunction.entry(a, i, j) } }
      return ImaginaryAxis.radius(a: square, b: b, explicit: false, tolerance: tolerance)
    case .polynomial(let coefficients), .truncated(_, let coefficients):
      return ImaginaryAxis.radius(
        StabilityQuotient(polynomial: coefficients),
        magnitudes: StabilityQuotient(polynomial: coefficients.map(Magnitude.init)),
        stages: max(1, coefficients.count - 1), tolerance: tolerance)
    }
  }
}
