import ComplexModule
import RealModule

/// Small dense complex linear solves for stability functions.
enum ComplexSolve {
  /// Solves (I − zA)x = 𝟙 for an s×s real A (entries outside `a` read as 0) by Gaussian
  /// elimination with partial pivoting on the Euclidean modulus. Returns `nil` when a pivot
  /// is exactly zero or not finite (I − zA singular or overflowing).
  static func solveShifted(a: [[Double]], size s: Int, z: Complex<Double>) -> [Complex<Double>]? {
    guard s > 0 else { return [] }
    var m = [Complex<Double>](repeating: .zero, count: s * s)
    var x = [Complex<Double>](repeating: .one, count: s)
    for i in 0..<s {
      for j in 0..<s {
        let shifted = z.multiplied(by: -StabilityFunction.entry(a, i, j))
        m[i * s + j] = i == j ? .one + shifted : shifted
      }
    }
    for k in 0..<s {
      var pivotRow = k
      var pivotSize = m[k * s + k].length
      for r in (k + 1)..<s where m[r * s + k].length > pivotSize {
        pivotRow = r
        pivotSize = m[r * s + k].length
      }
      guard pivotSize > 0, pivotSize.isFinite else { return nil }
      if pivotRow != k {
        for j in 0..<s { m.swapAt(k * s + j, pivotRow * s + j) }
        x.swapAt(k, pivotRow)
      }
      let pivot = m[k * s + k]
      for r in (k + 1)..<s {
        let factor = m[r * s + k] / pivot
        guard factor != .zero else { continue }
        for j in k..<s { m[r * s + j] -= factor * m[k * s + j] }
        x[r] -= factor * x[k]
      }
    }
    for k in stride(from: s - 1, through: 0, by: -1) {
      var sum = x[k]
      for j in (k + 1)..<s { sum -= m[k * s + j] * x[j] }
      x[k] = sum / m[k * s + k]
    }
    return x
  }
}
