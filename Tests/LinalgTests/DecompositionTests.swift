import Foundation
import Linalg
import Testing

@Suite("Eigenvalues and SVD through LAPACKE")
struct DecompositionTests {
  func sorted(_ z: [Complex<Double>]) -> [Complex<Double>] {
    z.sorted { ($0.real, $0.imaginary) < ($1.real, $1.imaginary) }
  }

  @Test func rotationHasEigenvaluesOnTheUnitCircle() throws {
    let theta = 0.7
    let r = Matrix<Double>([[cos(theta), -sin(theta)], [sin(theta), cos(theta)]])
    let ev = sorted(try r.eigenvalues())
    #expect(abs(ev[0].real - cos(theta)) < 1e-14 && abs(ev[0].imaginary + sin(theta)) < 1e-14)
    #expect(abs(ev[1].real - cos(theta)) < 1e-14 && abs(ev[1].imaginary - sin(theta)) < 1e-14)
  }

  @Test func triangularMatrixHasItsDiagonal() throws {
    let t = Matrix<Float>([[2, 5, -1], [0, -3, 4], [0, 0, 0.5]])
    let ev = try t.eigenvalues().map(\.real).sorted()
    #expect(zip(ev, [-3, 0.5, 2]).allSatisfy { abs($0 - $1) < 1e-5 })
    #expect(try t.eigenvalues().allSatisfy { $0.imaginary == 0 })
  }

  @Test func antisymmetricMatrixHasPurelyImaginarySpectrum() throws {
    var rng = Xoshiro256(seed: 3)
    let w: Matrix<Double> = Initializer.normal(rows: 40, cols: 40, std: 1, using: &rng)
    let a = w - w.transposed()
    let ev = try a.eigenvalues()
    #expect(ev.count == 40)
    #expect(ev.allSatisfy { abs($0.real) < 1e-12 })
    #expect(ev.contains { abs($0.imaginary) > 1 })
  }

  @Test func companionMatrixHasThePolynomialsRoots() throws {
    // x³ − 6x² + 11x − 6 = (x − 1)(x − 2)(x − 3)
    let c = Matrix<Double>([[6, -11, 6], [1, 0, 0], [0, 1, 0]])
    let ev = try c.eigenvalues().map(\.real).sorted()
    #expect(zip(ev, [1.0, 2, 3]).allSatisfy { abs($0 - $1) < 1e-12 })
  }

  func checkSVD<S: BLASScalar>(_ m: Matrix<S>, tolerance: Double) throws {
    let d = try m.svd()
    let k = min(m.rows, m.cols)
    #expect(d.s.count == k && d.u.rows == m.rows && d.vt.cols == m.cols)
    #expect(zip(d.s, d.s.dropFirst()).allSatisfy { $0 >= $1 })
    var us = d.u
    for i in 0..<us.rows {
      for j in 0..<k { us[i, j] *= d.s[j] }
    }
    let back = us * d.vt
    let err = zip(back.storage, m.storage).map { abs(Double($0 - $1)) }.max() ?? 0
    #expect(err < tolerance, "reconstruction error \(err)")
    let utu = Matrix.matmul(d.u, transposed: true, d.u)
    let iErr = zip(utu.storage, Matrix<S>.identity(k).storage).map { abs(Double($0 - $1)) }.max() ?? 0
    #expect(iErr < tolerance)
  }

  @Test func svdReconstructsItsInput() throws {
    var rng = Xoshiro256(seed: 11)
    for (r, c) in [(5, 5), (7, 3), (3, 7), (1, 4), (4, 1)] {
      try checkSVD(Initializer.normal(rows: r, cols: c, std: 1, using: &rng) as Matrix<Double>, tolerance: 1e-12)
      try checkSVD(Initializer.normal(rows: r, cols: c, std: 1, using: &rng) as Matrix<Float>, tolerance: 1e-5)
    }
  }

  @Test func spectralNormOfDiagonalIsLargestEntry() throws {
    let d = Matrix<Double>([[3, 0, 0], [0, -7, 0], [0, 0, 1]])
    #expect(abs(try d.spectralNorm() - 7) < 1e-12)
  }
}
