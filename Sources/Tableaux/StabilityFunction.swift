import ComplexModule
import RealModule

/// A stability function R: for the linear test equation y' = λy and z = ελ, one step maps
/// y ↦ R(z)·y, so a mode with step multiplier z is damped exactly when |R(z)| ≤ 1.
///
/// Three forms:
/// - the tableau's own rational R(z) = 1 + z bᵀ(I − zA)⁻¹𝟙;
/// - an explicit polynomial R(z) = Σ_k p_k z^k (an explicit tableau's R, degree ≤ s);
/// - the truncated R_m of an implicit tableau run with exactly m Jacobi fixed-point sweeps
///   from K⁽⁰⁾ = F(S): R_m(z) = 1 + z bᵀ Σ_{l=0}^{m} (zA)^l 𝟙, a polynomial of degree m + 1
///   with coefficients [1, bᵀ𝟙, bᵀA𝟙, …, bᵀA^m𝟙].
public struct StabilityFunction: Sendable, Equatable {
  /// How R is represented.
  public enum Form: Sendable, Equatable {
    /// R(z) = 1 + z bᵀ(I − zA)⁻¹𝟙, evaluated by complex Gaussian elimination with partial
    /// pivoting; A is read as s×s with s = `b.count` (missing entries are 0).
    case rational(a: [[Double]], b: [Double])
    /// R(z) = Σ_k coefficients[k]·z^k (constant term first).
    case polynomial(coefficients: [Double])
    /// R_m(z) = Σ_k coefficients[k]·z^k with coefficients [1, bᵀ𝟙, …, bᵀA^m𝟙], m = iterations.
    case truncated(iterations: Int, coefficients: [Double])
  }

  /// |R(z)| ≤ 1 + `tolerance` counts as stable.
  public static let tolerance = 1e-12

  /// The representation.
  public let form: Form

  /// Wraps a form as is.
  public init(form: Form) {
    self.form = form
  }

  /// The rational R(z) = 1 + z bᵀ(I − zA)⁻¹𝟙 of the tableau (A, b).
  public static func rational(a: [[Double]], b: [Double]) -> StabilityFunction {
    StabilityFunction(form: .rational(a: a, b: b))
  }

  /// The polynomial Σ_k coefficients[k]·z^k (constant term first).
  public static func polynomial(_ coefficients: [Double]) -> StabilityFunction {
    StabilityFunction(form: .polynomial(coefficients: coefficients))
  }

  /// R_m(z) = 1 + z bᵀ Σ_{l=0}^{m} (zA)^l 𝟙 for exactly m = `iterations` Jacobi sweeps
  /// (negative m is treated as 0). For an explicit tableau and m ≥ s − 1 this equals R.
  public static func truncated(a: [[Double]], b: [Double], iterations: Int) -> StabilityFunction {
    let m = max(0, iterations)
    return StabilityFunction(
      form: .truncated(iterations: m, coefficients: powerCoefficients(a: a, b: b, count: m + 1)))
  }

  /// The coefficients, constant term first, when R is a polynomial; `nil` for the rational form.
  public var polynomialCoefficients: [Double]? {
    switch form {
    case .rational: return nil
    case .polynomial(let coefficients), .truncated(_, let coefficients): return coefficients
    }
  }

  /// The function's symbol: "R(z)", or "R_m(z)" for the truncated form.
  public var symbol: String {
    if case .truncated(let m, _) = form { return "R_\(m)(z)" }
    return "R(z)"
  }

  /// A short name for the form: "R(z)", "R(z) (polynomial)" or "R_8(z) (8 Jacobi sweeps)".
  public var label: String {
    switch form {
    case .rational: return "R(z)"
    case .polynomial: return "R(z) (polynomial)"
    case .truncated(let m, _): return "R_\(m)(z) (\(m) Jacobi \(m == 1 ? "sweep" : "sweeps"))"
    }
  }

  /// R(z). The rational form returns `Complex.infinity` where I − zA is singular.
  public func callAsFunction(_ z: Complex<Double>) -> Complex<Double> {
    switch form {
    case .rational(let a, let b):
      guard let x = ComplexSolve.solveShifted(a: a, size: b.count, z: z) else { return .infinity }
      var dot = Complex<Double>.zero
      for (i, weight) in b.enumerated() { dot += x[i].multiplied(by: weight) }
      return .one + z * dot
    case .polynomial(let coefficients), .truncated(_, let coefficients):
      var value = Complex<Double>.zero
      for coefficient in coefficients.reversed() { value = value * z + Complex(coefficient) }
      return value
    }
  }

  /// |R(z)|, the Euclidean modulus; +∞ at a pole or for any non-finite value.
  public func modulus(_ z: Complex<Double>) -> Double {
    self(z).length
  }

  /// `true` when |R(z)| ≤ 1 + 1e-12 (a pole or a non-finite value is unstable).
  public func isStable(_ z: Complex<Double>) -> Bool {
    modulus(z) <= 1 + StabilityFunction.tolerance
  }

  /// [1, bᵀ𝟙, bᵀA𝟙, …, bᵀA^{count−1}𝟙] (count + 1 numbers): the first Taylor coefficients of
  /// R, and all of them for an explicit tableau with count = s.
  static func powerCoefficients(a: [[Double]], b: [Double], count: Int) -> [Double] {
    let s = b.count
    var coefficients = [1.0]
    var v = [Double](repeating: 1, count: s)
    for _ in 0..<max(0, count) {
      coefficients.append(ButcherTableau.accurateSum((0..<s).map { b[$0] * v[$0] }))
      v = (0..<s).map { i in
        ButcherTableau.accurateSum((0..<s).map { j in entry(a, i, j) * v[j] })
      }
    }
    return coefficients
  }

  /// a[i][j], or 0 when outside the given rows.
  static func entry(_ a: [[Double]], _ i: Int, _ j: Int) -> Double {
    i < a.count && j < a[i].count ? a[i][j] : 0
  }
}

extension ButcherTableau {
  /// The tableau's own R: the polynomial for explicit tableaux, the rational form otherwise.
  public var stabilityFunction: StabilityFunction {
    stabilityPolynomial.map { .polynomial($0) } ?? .rational(a: a, b: b)
  }

  /// The function a Jacobi cell built on this tableau integrates with: R itself for explicit
  /// tableaux, R_m (m exact Jacobi sweeps, no early stop) for implicit ones. Which of R and
  /// this a cell uses is decided by `CellSpec.integratedStabilityFunction` (Newton cells: R).
  public func cellStabilityFunction(implicitIterations m: Int) -> StabilityFunction {
    isExplicit ? stabilityFunction : .truncated(a: a, b: b, iterations: m)
  }
}
