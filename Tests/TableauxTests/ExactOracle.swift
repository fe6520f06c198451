/// An independent oracle for the imaginary axis of an explicit tableau with fraction entries,
/// written for the tests only, by another route than the library's:
/// the stage polynomials K_i(z) = 1 + z Σ_{j<i} a_ij K_j(z) and R(z) = 1 + z Σ_i b_i K_i(z)
/// are expanded symbolically, R(iy) = U(y) + iV(y) is split into real and imaginary parts,
/// and N(y) = U² + V² − 1 is multiplied out, all in exact `Int128` fractions (every operation
/// overflow-checked: `nil` instead of a wrong answer).
struct OracleFraction: Equatable {
  /// Numerator and positive denominator, coprime.
  var p: Int128
  var q: Int128

  static let zero = OracleFraction(0, 1)!
  static let one = OracleFraction(1, 1)!

  init?(_ p: Int128, _ q: Int128) {
    guard q != 0 else { return nil }
    var (a, b) = (p.magnitude, q.magnitude)
    while b != 0 { (a, b) = (b, a % b) }
    let g = Int128(a == 0 ? 1 : a)
    (self.p, self.q) = q < 0 ? (-p / g, -q / g) : (p / g, q / g)
  }

  /// "p/q" or "p" (integers only: the oracle takes the fraction-text tableaux).
  init?(text: String) {
    let parts = text.split(separator: "/").map { Int128(String($0)) }
    guard let top = parts.first ?? nil else { return nil }
    let bottom = parts.count == 2 ? parts[1] : 1
    guard parts.count <= 2, let bottom else { return nil }
    self.init(top, bottom)
  }

  /// x + y over lcm(x.q, y.q).
  static func + (x: OracleFraction, y: OracleFraction) -> OracleFraction? {
    let gcd = y.q / OracleFraction(x.q, y.q)!.q  // x.q/y.q in lowest terms has q = y.q/gcd
    let (l, o1) = x.p.multipliedReportingOverflow(by: y.q / gcd)
    let (r, o2) = y.p.multipliedReportingOverflow(by: x.q / gcd)
    let (n, o3) = l.addingReportingOverflow(r)
    let (d, o4) = x.q.multipliedReportingOverflow(by: y.q / gcd)
    return o1 || o2 || o3 || o4 ? nil : OracleFraction(n, d)
  }

  static func * (x: OracleFraction, y: OracleFraction) -> OracleFraction? {
    let (n, o1) = x.p.multipliedReportingOverflow(by: y.p)
    let (d, o2) = x.q.multipliedReportingOverflow(by: y.q)
    return o1 || o2 ? nil : OracleFraction(n, d)
  }

  /// −x (the parts are never Int128.min: they come from reduced fractions of small texts).
  var negated: OracleFraction { OracleFraction(-p, q)! }

  /// p/q in Double (within two roundings).
  var double: Double { Double(p) / Double(q) }
}

enum ExactOracle {
  /// Polynomials as coefficient lists, constant term first.
  typealias Polynomial = [OracleFraction]

  /// N(y) = |R(iy)|² − 1 by powers of y (odd ones are 0), or `nil` on overflow or when an
  /// entry is not a fraction.
  static func excess(a: [[String]], b: [String]) -> Polynomial? {
    let parsedA = a.map { $0.compactMap(OracleFraction.init(text:)) }
    let parsedB = b.compactMap(OracleFraction.init(text:))
    guard parsedB.count == b.count, zip(parsedA, a).allSatisfy({ $0.count == $1.count }) else {
      return nil
    }
    var stages: [Polynomial] = []
    for i in parsedB.indices {
      var sum: Polynomial = [.one]
      for j in 0..<i {
        guard let term = scale(stages[j], by: parsedA[i][j]), let next = add(sum, term) else {
          return nil
        }
        sum = next
      }
      stages.append(sum)
    }
    var sum: Polynomial = [.one]
    for (i, stage) in stages.enumerated() {
      guard let term = scale(stage, by: parsedB[i]), let next = add(sum, term) else { return nil }
      sum = next
    }
    let r = sum
    // i^j = 1, i, −1, −i for j mod 4 = 0, 1, 2, 3.
    let u = r.indices.map { j in j % 2 == 1 ? .zero : (j % 4 == 0 ? r[j] : r[j].negated) }
    let v = r.indices.map { j in j % 2 == 0 ? .zero : (j % 4 == 1 ? r[j] : r[j].negated) }
    guard let uu = multiply(u, u), let vv = multiply(v, v), let total = add(uu, vv),
      let shifted = add(total, [OracleFraction.one.negated])
    else { return nil }
    return shifted
  }

  /// The radius the oracle can decide: 0 when the lowest non-zero term of N is positive;
  /// √(−g₀/g₁) when N = y^{2k}(g₀ + g₁y²) with g₀ < 0 < g₁; `nil` otherwise.
  static func radius(_ n: Polynomial) -> Double?? {
    guard let lead = n.firstIndex(where: { $0.p != 0 }) else { return .some(nil) }
    if n[lead].p > 0 { return 0 }
    let rest = n[lead...].enumerated().filter { $0.element.p != 0 }
    guard rest.count == 2, rest[1].offset == 2, rest[1].element.p > 0 else { return nil }
    return (-n[lead].double / rest[1].element.double).squareRoot()
  }

  static func add(_ x: Polynomial, _ y: Polynomial) -> Polynomial? {
    var out: Polynomial = []
    for k in 0..<max(x.count, y.count) {
      guard let s = (k < x.count ? x[k] : .zero) + (k < y.count ? y[k] : .zero) else { return nil }
      out.append(s)
    }
    return out
  }

  static func scale(_ x: Polynomial, by c: OracleFraction) -> Polynomial? {
    // z · c · x(z): shift by one power.
    var out: Polynomial = [.zero]
    for coefficient in x {
      guard let t = coefficient * c else { return nil }
      out.append(t)
    }
    return out
  }

  static func multiply(_ x: Polynomial, _ y: Polynomial) -> Polynomial? {
    var out = Polynomial(repeating: .zero, count: x.count + y.count - 1)
    for (i, xi) in x.enumerated() {
      for (j, yj) in y.enumerated() {
        guard let t = xi * yj, let s = out[i + j] + t else { return nil }
        out[i + j] = s
      }
    }
    return out
  }
}
