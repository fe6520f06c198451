import RealModule

/// Weight initialisers. Every one draws in `Double` from the given generator and rounds to
/// the target type, so float32 and float64 runs with one seed start from the same weights
/// (up to rounding).
public enum Initializer {
  /// Glorot/Xavier uniform: `U(−a, a)` with `a = gain·sqrt(6 / (fanIn + fanOut))`, where a
  /// `[rows, cols]` weight has `fanOut = rows`, `fanIn = cols`.
  public static func glorotUniform<S: BLASScalar>(
    rows: Int, cols: Int, gain: Double = 1, using rng: inout Xoshiro256
  ) -> Matrix<S> {
    let a = gain * (6.0 / Double(max(1, rows + cols))).squareRoot()
    return uniform(rows: rows, cols: cols, bound: a, using: &rng)
  }

  /// `U(−bound, bound)` elementwise.
  public static func uniform<S: BLASScalar>(
    rows: Int, cols: Int, bound: Double, using rng: inout Xoshiro256
  ) -> Matrix<S> {
    var m = Matrix<S>(rows: rows, cols: cols)
    for i in 0..<m.count { m.storage[i] = S(rng.uniform(-bound, bound)) }
    return m
  }

  /// `N(0, std²)` elementwise.
  public static func normal<S: BLASScalar>(
    rows: Int, cols: Int, std: Double, using rng: inout Xoshiro256
  ) -> Matrix<S> {
    var m = Matrix<S>(rows: rows, cols: cols)
    for i in 0..<m.count { m.storage[i] = S(std * rng.normal()) }
    return m
  }

  /// A (semi-)orthogonal matrix scaled by `gain`: `gain·U·Vᵀ` from the SVD of a standard
  /// normal matrix, so `QQᵀ = gain²·I` (rows ≤ cols) or `QᵀQ = gain²·I` (rows ≥ cols).
  public static func orthogonal<S: BLASScalar>(
    rows: Int, cols: Int, gain: Double = 1, using rng: inout Xoshiro256
  ) throws(LinalgError) -> Matrix<S> {
    let g: Matrix<Double> = normal(rows: rows, cols: cols, std: 1, using: &rng)
    let d = try g.svd()
    let q = Matrix.matmul(d.u, d.vt)
    return Matrix<S>(converting: gain * q)
  }
}
