import Linalg
import Testing

@Suite("GEMM against the naive reference")
struct GEMMTests {
  static let shapes: [(m: Int, n: Int, k: Int)] = [
    (1, 7, 5), (7, 1, 5), (5, 7, 1), (3, 4, 5), (64, 128, 128), (13, 9, 17), (1, 1, 1),
  ]

  func random<S: BLASScalar>(_ r: Int, _ c: Int, _ rng: inout Xoshiro256) -> Matrix<S> {
    Initializer.uniform(rows: r, cols: c, bound: 1, using: &rng)
  }

  func checkAll<S: BLASScalar>(_: S.Type, tolerance: Double) {
    var rng = Xoshiro256(seed: 7)
    for (m, n, k) in Self.shapes {
      for ta in [false, true] {
        for tb in [false, true] {
          let a: Matrix<S> = ta ? random(k, m, &rng) : random(m, k, &rng)
          let b: Matrix<S> = tb ? random(n, k, &rng) : random(k, n, &rng)
          var c: Matrix<S> = random(m, n, &rng)
          let expected = ReferenceKernels.gemm(
            a, transposed: ta, b, transposed: tb, c: c, alpha: 0.5, beta: -2)
          Matrix.gemm(a, transposed: ta, b, transposed: tb, into: &c, alpha: 0.5, beta: -2)
          let err = zip(c.storage, expected.storage).map { abs(Double($0) - Double($1)) }.max() ?? 0
          #expect(err < tolerance * Double(k), "m=\(m) n=\(n) k=\(k) tA=\(ta) tB=\(tb): \(err)")
        }
      }
    }
  }

  @Test func floatMatchesReferenceForEveryTransposeAndShape() { checkAll(Float.self, tolerance: 1e-5) }

  @Test func doubleMatchesReferenceForEveryTransposeAndShape() { checkAll(Double.self, tolerance: 1e-13) }

  @Test func matmulOfKnownMatrices() {
    let a = Matrix<Double>([[1, 2], [3, 4], [5, 6]])
    let b = Matrix<Double>([[1, 0, -1], [2, 1, 0]])
    #expect(a * b == Matrix([[5, 2, -1], [11, 4, -3], [17, 6, -5]]))
    #expect(Matrix.matmul(a, transposed: true, a) == Matrix([[35, 44], [44, 56]]))
  }

  @Test func emptyInnerDimensionScalesOutputByBeta() {
    let a = Matrix<Double>(rows: 2, cols: 0)
    let b = Matrix<Double>(rows: 0, cols: 3)
    var c = Matrix<Double>(rows: 2, cols: 3, repeating: 2)
    Matrix.gemm(a, b, into: &c, beta: 0.5)
    #expect(c == Matrix(rows: 2, cols: 3, repeating: 1))
  }
}
