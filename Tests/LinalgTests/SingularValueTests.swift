import Linalg
import Testing

/// `singularValues()` (gesdd without singular vectors) gives the singular values of the
/// thin SVD, to rounding, and for a diagonal matrix exactly |d| sorted.
@Suite("Singular values without vectors")
struct SingularValueTests {
  @Test(arguments: [(7, 7), (9, 4), (4, 9)])
  func equalTheThinSVDs(rows: Int, cols: Int) throws {
    var rng = Xoshiro256(seed: UInt64(rows * 31 + cols))
    let a: Matrix<Double> = Initializer.uniform(rows: rows, cols: cols, bound: 1, using: &rng)
    let values = try a.singularValues()
    let reference = try a.svd().s
    #expect(values.count == min(rows, cols))
    let error = zip(values, reference).map { abs($0 - $1) }.max() ?? .infinity
    #expect(error < 1e-13 * (reference.first ?? 1), "\(values) vs \(reference)")
    let a32 = Matrix<Float>(converting: a)
    let v32 = try a32.singularValues()
    #expect(zip(v32, reference).allSatisfy { abs(Double($0) - $1) < 1e-5 })
  }

  @Test func diagonal() throws {
    let d = Matrix<Double>([[3, 0, 0], [0, -5, 0], [0, 0, 0.5]])
    #expect(try d.singularValues() == [5, 3, 0.5])
  }
}
