import RealModule
/// Matrix products through BLAS. Transposes are GEMM flags, never materialised.
extension Matrix {
  /// `C ← α·op(A)·op(B) + β·C` with `op(X) = Xᵀ` when the flag is set.
  ///
  /// - Precondition: inner dimensions agree and `C` has the product's shape.
  public static func gemm(
    _ a: Matrix, transposed transA: Bool = false,
    _ b: Matrix, transposed transB: Bool = false,
    into c: inout Matrix, alpha: Scalar = 1, beta: Scalar = 0
  ) {
    let (m, k) = transA ? (a.cols, a.rows) : (a.rows, a.cols)
    let (k2, n) = transB ? (b.cols, b.rows) : (b.rows, b.cols)
    precondition(k == k2, "gemm: inner dimensions \(k) and \(k2) differ")
    precondition(c.rows == m && c.cols == n, "gemm: output is \(c.rows)×\(c.cols), need \(m)×\(n)")
    if m == 0 || n == 0 { return }
    if k == 0 {
      c.storage.withUnsafeMutableBufferPointer { cp in
        for i in cp.indices { cp[i] = beta == 0 ? 0 : beta * cp[i] }
      }
      return
    }
    a.storage.withUnsafeBufferPointer { ap in
      b.storage.withUnsafeBufferPointer { bp in
        c.storage.withUnsafeMutableBufferPointer { cp in
          guard let pa = ap.baseAddress, let pb = bp.baseAddress, let pc = cp.baseAddress
          else { return }
          Scalar.gemm(
            transA: transA, transB: transB, m: m, n: n, k: k,
            alpha: alpha, a: pa, lda: a.cols, b: pb, ldb: b.cols, beta: beta, c: pc, ldc: n)
        }
      }
    }
  }

  /// `op(A)·op(B)` as a new matrix.
  public static func matmul(
    _ a: Matrix, transposed transA: Bool = false,
    _ b: Matrix, transposed transB: Bool = false
  ) -> Matrix {
    var c = Matrix(rows: transA ? a.cols : a.rows, cols: transB ? b.rows : b.cols)
    gemm(a, transposed: transA, b, transposed: transB, into: &c)
    return c
  }

  /// `A·B`.
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { matmul(lhs, rhs) }
}
