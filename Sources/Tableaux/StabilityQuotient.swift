/// A tableau's stability function as a quotient of polynomials, R(z) = P(z)/Q(z), with the
/// coefficients of both, constant term first.
///
/// By the matrix determinant lemma, 1 + z bᵀ(I − zA)⁻¹𝟙 = det(I − zA + z𝟙bᵀ)/det(I − zA), so
/// ```
/// Q(z) = det(I − zA),   P(z) = det(I − z(A − 𝟙bᵀ))      ((𝟙bᵀ)_ij = b_j)
/// ```
/// For an explicit tableau A is nilpotent, Q = 1 and P = R = [1, bᵀ𝟙, bᵀA𝟙, …, bᵀA^{s−1}𝟙];
/// that form is used directly (it is better conditioned than the determinant).
struct StabilityQuotient<Scalar: StabilityScalar> {
  /// P's coefficients, constant term first.
  var numerator: [Scalar]
  /// Q's coefficients, constant term first.
  var denominator: [Scalar]

  /// P and Q of the s×s tableau (`a`, `b`), or `nil` when an operation overflows. `explicit`
  /// must be `true` only when `a` is strictly lower triangular.
  init?(a: [[Scalar]], b: [Scalar], explicit: Bool) {
    if explicit {
      guard let p = StabilityQuotient.powers(a: a, b: b) else { return nil }
      numerator = p
      denominator = [.one]
      return
    }
    var shifted: [[Scalar]] = []
    for row in a {
      var entries: [Scalar] = []
      for (x, weight) in zip(row, b) {
        guard let entry = x.minus(weight) else { return nil }
        entries.append(entry)
      }
      shifted.append(entries)
    }
    guard let q = StabilityQuotient.shiftedDeterminant(a),
      let p = StabilityQuotient.shiftedDeterminant(shifted)
    else { return nil }
    numerator = p
    denominator = q
  }

  /// A polynomial R = Σ_k coefficients[k]·z^k (Q = 1).
  init(polynomial coefficients: [Scalar]) {
    numerator = coefficients
    denominator = [.one]
  }

  /// [1, bᵀ𝟙, bᵀA𝟙, …, bᵀA^{s−1}𝟙], or `nil` on overflow.
  static func powers(a: [[Scalar]], b: [Scalar]) -> [Scalar]? {
    var coefficients: [Scalar] = [.one]
    var v = [Scalar](repeating: .one, count: b.count)
    for _ in 0..<b.count {
      guard let p = dot(b, v) else { return nil }
      coefficients.append(p)
      var next: [Scalar] = []
      for row in a {
        guard let x = dot(row, v) else { return nil }
        next.append(x)
      }
      v = next
    }
    return coefficients
  }

  /// The coefficients [d_0, …, d_s] of det(I − zM) = Σ_k d_k z^k for an s×s M, by the
  /// Faddeev–LeVerrier recursion on the characteristic polynomial det(λI − M) = Σ_j c_j λ^j:
  /// c_s = 1, N_0 = 0 and, for k = 1 … s, N_k = M N_{k−1} + c_{s−k+1} I and
  /// c_{s−k} = −tr(M N_k)/k; then d_k = c_{s−k}. `nil` on overflow.
  static func shiftedDeterminant(_ m: [[Scalar]]) -> [Scalar]? {
    let s = m.count
    var coefficients: [Scalar] = [.one]
    var n = [[Scalar]](repeating: [Scalar](repeating: .zero, count: s), count: s)
    for k in stride(from: 1, through: s, by: 1) {
      guard let product = multiply(m, n) else { return nil }
      n = product
      for i in 0..<s {
        guard let diagonal = n[i][i].plus(coefficients[k - 1]) else { return nil }
        n[i][i] = diagonal
      }
      guard let mn = multiply(m, n) else { return nil }
      var trace = Scalar.zero
      for i in 0..<s {
        guard let t = trace.plus(mn[i][i]) else { return nil }
        trace = t
      }
      guard let c = trace.dividedBy(k)?.negated else { return nil }
      coefficients.append(c)
    }
    return coefficients
  }

  /// Σ_i x_i y_i, or `nil` on overflow.
  static func dot(_ x: [Scalar], _ y: [Scalar]) -> Scalar? {
    var sum = Scalar.zero
    for (xi, yi) in zip(x, y) {
      guard let term = xi.times(yi), let next = sum.plus(term) else { return nil }
      sum = next
    }
    return sum
  }

  /// The matrix product xy of two s×s matrices, or `nil` on overflow.
  static func multiply(_ x: [[Scalar]], _ y: [[Scalar]]) -> [[Scalar]]? {
    let s = y.count
    var product: [[Scalar]] = []
    for row in x {
      var out: [Scalar] = []
      for j in 0..<s {
        guard let entry = dot(row, y.map { $0[j] }) else { return nil }
        out.append(entry)
      }
      product.append(out)
    }
    return product
  }
}
