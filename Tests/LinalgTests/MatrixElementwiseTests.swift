import Linalg
import Testing

/// `Matrix`'s elementwise members against per-element arithmetic written out here. The
/// conversion's fast paths for `Float`/`Double` must round exactly as the standard library's
/// generic `BinaryFloatingPoint` conversion (`reference`, the code they replace) does, and as
/// the closed forms below: ties to even, subnormals, overflow.
@Suite("Matrix elementwise members and conversions")
struct MatrixElementwiseTests {
  /// Doubles that round to Float in every way, with the Float each must give (closed forms):
  /// ties to even, just above and below a tie, subnormal and subnormal ties, underflow, the tie
  /// below overflow, overflow, signed zeros, non-finite.
  static let awkward: [(Double, Float)] = [
    (1 + 0x1p-24, 1),  // tie: to the even neighbour below
    (1 + 3 * 0x1p-24, 1 + 0x1p-22),  // tie: to the even neighbour above
    (1 + 0x1p-24 + 0x1p-50, 1 + 0x1p-23),  // just above a tie
    (1 + 0x1p-24 - 0x1p-50, 1),  // just below
    (0x1p-140, 0x1p-140), (-0x1p-149, -0x1p-149),  // subnormal Floats, exact
    (0x1p-150, 0), (3 * 0x1p-150, 0x1p-148), (-3 * 0x1p-150, -0x1p-148),  // subnormal ties
    (0x1p-160, 0),  // underflow
    (0x1p128 - 0x1p104, .greatestFiniteMagnitude),  // below the overflow tie
    (0x1p128 - 0x1p103, .infinity),  // the overflow tie rounds up, to infinity
    (3.5e38, .infinity), (-1e300, -.infinity),
    (0, 0), (-0.0, -0.0), (.infinity, .infinity), (-.infinity, -.infinity),
  ]

  /// The generic conversion the fast paths replace (unspecialised in the debug build the tests
  /// run in).
  @inline(never)
  func reference<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(_ x: S, to _: D.Type) -> D { D(x) }

  /// The conversion called generically, as `ClosedFormJacobians.init` calls it.
  @inline(never)
  func convert<A: BLASScalar, B: BLASScalar>(_ m: Matrix<A>, to _: B.Type) -> Matrix<B> { Matrix<B>(converting: m) }

  @Test func narrowingRoundsToNearestEven() {
    let values = Self.awkward.map(\.0) + [.nan, 0.1, -2.0 / 3, 123_456_789.123]
    let m = Matrix<Double>(rows: 2, cols: values.count / 2, storage: values)
    for converted in [Matrix<Float>(converting: m), convert(m, to: Float.self)] {
      #expect(converted.rows == 2 && converted.cols == values.count / 2)
      for (i, (x, expected)) in Self.awkward.enumerated() {
        #expect(converted.storage[i].bitPattern == expected.bitPattern, "\(x) → \(converted.storage[i]), expected \(expected)")
      }
      for (x, y) in zip(values, converted.storage) {
        let r = reference(x, to: Float.self)
        #expect(y.bitPattern == r.bitPattern || (x.isNaN && y.isNaN), "\(x) → \(y), the generic conversion gives \(r)")
      }
    }
  }

  @Test func wideningIsExactAndSameTypeIsACopy() {
    let floats = Self.awkward.map(\.1) + [.nan, Float.leastNonzeroMagnitude, -Float.greatestFiniteMagnitude, 0.1]
    let m = Matrix<Float>(rows: 1, cols: floats.count, storage: floats)
    for converted in [Matrix<Double>(converting: m), convert(m, to: Double.self)] {
      for (x, y) in zip(floats, converted.storage) {
        #expect(y.bitPattern == reference(x, to: Double.self).bitPattern || (x.isNaN && y.isNaN), "\(x) → \(y)")
        // Exact: back to Float gives x again.
        #expect(Float(y).bitPattern == x.bitPattern || x.isNaN, "\(x) → \(y)")
      }
    }
    let doubles = Self.awkward.map(\.0)
    let d = Matrix<Double>(rows: 2, cols: 9, storage: doubles)
    #expect(convert(d, to: Double.self).storage.map(\.bitPattern) == doubles.map(\.bitPattern))
  }

  /// Sums with signed zeros (`−0 + −0 = −0`, `0 + −0 = +0`), infinities of both signs (NaN) and
  /// ordinary values, each against the same operation written out.
  @Test func sumDifferenceAndScaleAreElementwise() {
    let xs = Self.awkward.map(\.0)
    var ys = xs.reversed().map { $0 / 3 }
    let (zero, negativeZero, infinity) = (xs.firstIndex(of: 0)!, xs.lastIndex(of: 0)!, xs.firstIndex(of: .infinity)!)
    #expect(xs[negativeZero].sign == .minus && zero != negativeZero)
    (ys[zero], ys[negativeZero], ys[infinity]) = (-0.0, -0.0, -.infinity)
    let a = Matrix<Double>(rows: 2, cols: 9, storage: xs)
    let b = Matrix<Double>(rows: 2, cols: 9, storage: ys)
    let sum = a + b
    let difference = a - b
    let scaled = 0.7 * a
    func same(_ u: Double, _ v: Double) -> Bool { u.bitPattern == v.bitPattern || (u.isNaN && v.isNaN) }
    #expect(xs.indices.contains { (xs[$0] + ys[$0]).isNaN } && xs.indices.contains { (xs[$0] + ys[$0]).bitPattern == (-0.0).bitPattern })
    for i in xs.indices {
      let (x, y) = (xs[i], ys[i])
      #expect(same(sum.storage[i], x + y), "\(x) + \(y)")
      #expect(same(difference.storage[i], x - y), "\(x) − \(y)")
      #expect(same(scaled.storage[i], 0.7 * x), "0.7·\(x)")
    }
    #expect(Matrix<Float>.identity(3) + Matrix<Float>(rows: 3, cols: 3, repeating: 1) == Matrix([[2, 1, 1], [1, 2, 1], [1, 1, 2]]))
  }
}
