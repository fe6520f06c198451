import RealModule
import ComplexModule

/// A LAPACK routine that did not converge or rejected its input.
public struct LinalgError: Error, CustomStringConvertible, Equatable {
  /// One line naming the routine and LAPACK's `info`.
  public let description: String
}

/// The thin singular value decomposition `A = U·diag(s)·Vᵀ` of an `m × n` matrix.
///
/// `U` is `m × k`, `s` has `k = min(m, n)` non-negative entries in descending order, `Vᵀ` is
/// `k × n`; the columns of `U` and rows of `Vᵀ` are orthonormal.
public struct SVD<Scalar: BLASScalar>: Sendable {
  /// Left singular vectors, `m × k`.
  public let u: Matrix<Scalar>
  /// Singular values, descending.
  public let s: [Scalar]
  /// Right singular vectors (transposed), `k × n`.
  public let vt: Matrix<Scalar>
}

extension Matrix {
  /// The eigenvalues of a square matrix (LAPACK `geev`), as complex numbers in `Double`.
  ///
  /// Complex-conjugate pairs appear consecutively, the one with positive imaginary part first.
  public func eigenvalues() throws(LinalgError) -> [Complex<Double>] {
    precondition(rows == cols, "eigenvalues: matrix is \(rows)×\(cols), not square")
    let n = rows
    if n == 0 { return [] }
    var a = storage
    var wr = [Scalar](repeating: 0, count: n)
    var wi = [Scalar](repeating: 0, count: n)
    let info = a.withUnsafeMutableBufferPointer { ap in
      wr.withUnsafeMutableBufferPointer { rp in
        wi.withUnsafeMutableBufferPointer { ip -> Int32 in
          guard let pa = ap.baseAddress, let pr = rp.baseAddress, let pi = ip.baseAddress
          else { return -1 }
          return Scalar.geev(n: n, a: pa, wr: pr, wi: pi)
        }
      }
    }
    guard info == 0 else {
      throw LinalgError(description: "geev failed with info \(info) on a \(n)×\(n) matrix")
    }
    return (0..<n).map { Complex(Double(wr[$0]), Double(wi[$0])) }
  }

  /// The thin SVD (LAPACK `gesdd`, `jobz = 'S'`).
  public func svd() throws(LinalgError) -> SVD<Scalar> {
    let k = Swift.min(rows, cols)
    if k == 0 {
      return SVD(u: Matrix(rows: rows, cols: 0), s: [], vt: Matrix(rows: 0, cols: cols))
    }
    var a = storage
    var s = [Scalar](repeating: 0, count: k)
    var u = Matrix(rows: rows, cols: k)
    var vt = Matrix(rows: k, cols: cols)
    let (m, n) = (rows, cols)
    let info = a.withUnsafeMutableBufferPointer { ap in
      s.withUnsafeMutableBufferPointer { sp in
        u.storage.withUnsafeMutableBufferPointer { up in
          vt.storage.withUnsafeMutableBufferPointer { vp -> Int32 in
            guard let pa = ap.baseAddress, let ps = sp.baseAddress, let pu = up.baseAddress,
              let pv = vp.baseAddress
            else { return -1 }
            return Scalar.gesdd(m: m, n: n, a: pa, s: ps, u: pu, vt: pv)
          }
        }
      }
    }
    guard info == 0 else {
      throw LinalgError(description: "gesdd failed with info \(info) on a \(m)×\(n) matrix")
    }
    return SVD(u: u, s: s, vt: vt)
  }

  /// The singular values, descending (LAPACK `gesdd`, `jobz = 'N'`: no singular vectors).
  public func singularValues() throws(LinalgError) -> [Scalar] {
    let k = Swift.min(rows, cols)
    if k == 0 { return [] }
    var a = storage
    var s = [Scalar](repeating: 0, count: k)
    let (m, n) = (rows, cols)
    let info = a.withUnsafeMutableBufferPointer { ap in
      s.withUnsafeMutableBufferPointer { sp -> Int32 in
        guard let pa = ap.baseAddress, let ps = sp.baseAddress else { return -1 }
        return Scalar.gesddValues(m: m, n: n, a: pa, s: ps)
      }
    }
    guard info == 0 else {
      throw LinalgError(description: "gesdd failed with info \(info) on a \(m)×\(n) matrix")
    }
    return s
  }

  /// The spectral norm `‖A‖₂`, the largest singular value (0 for an empty matrix).
  public func spectralNorm() throws(LinalgError) -> Double {
    Double(try singularValues().first ?? 0)
  }
}
