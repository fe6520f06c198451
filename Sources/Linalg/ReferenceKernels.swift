import RealModule
/// Naive kernels: independent oracles for tests, never used on a hot path.
public enum ReferenceKernels {
  /// `α·op(A)·op(B) + β·C` by the triple loop, accumulated in `Double`.
  public static func gemm<S: BLASScalar>(
    _ a: Matrix<S>, transposed transA: Bool, _ b: Matrix<S>, transposed transB: Bool,
    c: Matrix<S>, alpha: Double = 1, beta: Double = 0
  ) -> Matrix<S> {
    let m = transA ? a.cols : a.rows
    let k = transA ? a.rows : a.cols
    let n = transB ? b.rows : b.cols
    var out = c
    for i in 0..<m {
      for j in 0..<n {
        var s = 0.0
        for p in 0..<k {
          let x = transA ? a[p, i] : a[i, p]
          let y = transB ? b[j, p] : b[p, j]
          s += Double(x) * Double(y)
        }
        out[i, j] = S(alpha * s + (beta == 0 ? 0 : beta * Double(c[i, j])))
      }
    }
    return out
  }
}
