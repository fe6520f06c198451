import BLASRuntime
import RealModule

/// The element types of every tensor in odernn.
public enum DType: String, Sendable, Codable, CaseIterable {
  /// IEEE 754 binary32 (`Float`).
  case float32
  /// IEEE 754 binary64 (`Double`).
  case float64

  /// The safetensors name of the type: `F32` or `F64`.
  public var safetensorsName: String { self == .float32 ? "F32" : "F64" }
  /// Bytes per element.
  public var byteCount: Int { self == .float32 ? 4 : 8 }
}

/// A floating-point type that BLAS and LAPACK work on: `Float` or `Double`.
///
/// The static methods are thin, precondition-free bridges to the row-major CBLAS/LAPACKE
/// routines loaded by `BLASRuntime`; `Matrix` and the autodiff tape call them with checked
/// shapes.
public protocol BLASScalar: BinaryFloatingPoint, Real, Sendable, Codable,
  LosslessStringConvertible
where RawSignificand: FixedWidthInteger {
  /// The element type tag.
  static var dtype: DType { get }

  /// `C ← α·op(A)·op(B) + β·C`, row-major; `op(X)` is `Xᵀ` when the flag is set.
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
    alpha: Self, a: UnsafePointer<Self>, lda: Int,
    b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

  /// Eigenvalues of a row-major `n × n` matrix (destroyed) into `wr`, `wi`; LAPACK's info.
  static func geev(
    n: Int, a: UnsafeMutablePointer<Self>, wr: UnsafeMutablePointer<Self>,
    wi: UnsafeMutablePointer<Self>) -> Int32

  /// Thin SVD of a row-major `m × n` matrix (destroyed); LAPACK's info.
  static func gesdd(
    m: Int, n: Int, a: UnsafeMutablePointer<Self>, s: UnsafeMutablePointer<Self>,
    u: UnsafeMutablePointer<Self>, vt: UnsafeMutablePointer<Self>) -> Int32

  /// LU with partial pivoting `A = P·L·U` of a column-major `n × n` matrix, in place
  /// (`BLASScalar+LU.swift`); LAPACK's info (> 0: `U` is exactly singular).
  static func getrf(n: Int, a: UnsafeMutablePointer<Self>, pivots: UnsafeMutablePointer<Int32>) -> Int32

  /// Solves `A x = b` (or `Aᵀ x = b` when `transpose`) for one right-hand side from `getrf`'s
  /// factors; `b` is overwritten by `x`. LAPACK's info.
  static func getrs(
    transpose: Bool, n: Int, lu: UnsafePointer<Self>, pivots: UnsafePointer<Int32>, b: UnsafeMutablePointer<Self>) -> Int32
}

extension Float: BLASScalar {
  /// `.float32`.
  public static var dtype: DType { .float32 }

  @inlinable
  public static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
    alpha: Float, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    odernn_sgemm(
      transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  public static func geev(
    n: Int, a: UnsafeMutablePointer<Float>, wr: UnsafeMutablePointer<Float>,
    wi: UnsafeMutablePointer<Float>
  ) -> Int32 {
    odernn_sgeev(Int32(n), a, Int32(n), wr, wi)
  }

  public static func gesdd(
    m: Int, n: Int, a: UnsafeMutablePointer<Float>, s: UnsafeMutablePointer<Float>,
    u: UnsafeMutablePointer<Float>, vt: UnsafeMutablePointer<Float>
  ) -> Int32 {
    odernn_sgesdd(Int32(m), Int32(n), a, s, u, vt)
  }
}

extension Double: BLASScalar {
  /// `.float64`.
  public static var dtype: DType { .float64 }

  @inlinable
  public static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
    alpha: Double, a: UnsafePointer<Double>, lda: Int,
    b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    odernn_dgemm(
      transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  public static func geev(
    n: Int, a: UnsafeMutablePointer<Double>, wr: UnsafeMutablePointer<Double>,
    wi: UnsafeMutablePointer<Double>
  ) -> Int32 {
    odernn_dgeev(Int32(n), a, Int32(n), wr, wi)
  }

  public static func gesdd(
    m: Int, n: Int, a: UnsafeMutablePointer<Double>, s: UnsafeMutablePointer<Double>,
    u: UnsafeMutablePointer<Double>, vt: UnsafeMutablePointer<Double>
  ) -> Int32 {
    odernn_dgesdd(Int32(m), Int32(n), a, s, u, vt)
  }
}
