import Linalg
import Testing

/// `Matrix`'s elementwise members against per-element arithmetic written out here, from a
/// generic caller as well as a concrete one: the conversion's fast paths for `Float`/`Double`
/// must round exactly as the elementwise `Scalar(x)` does.
@Suite("Matrix elementwise members and conversions")
struct MatrixElementwiseTests {
  /// Doubles that round to Float in every way: ties to even (1 + 2⁻²⁴, 1 + 3·2⁻²⁴), just above
  /// and below a tie, subnormal, overflowing, signed zeros, non-finite.
  static let awkward: [Double] = [
    1 + 0x1p-24, 1 + 3 * 0x1p-24, 1 + 0x1p-24 + 0x1p-50, 1 + 0x1p-24 - 0x1p-50, 0x1p-140, -0x1p-149,
    0x1p-160, 3.5e38, -1e300, 0, -0.0, .infinity, -.infinity, 0.1, -2.0 / 3, 123_456_789.123,
  ]

  /// The conversion as a generic caller reaches it (`Other` unknown where it is compiled).
  func convert<A: BLASScalar, B: BLASScalar>(_ m: Matrix<A>, to _: B.Type) -> Matrix<B> { Matrix<B>(converting: m) }

  @Test func narrowingRoundsAsFloatOfDouble() {
    let m = Matrix<Double>(rows: 2, cols: 8, storage: Self.awkward)
    for converted in [Matrix<Float>(converting: m), convert(m, to: Float.self)] {
      #expect(converted.rows == 2 && converted.cols == 8)
      for (x, y) in zip(Self.awkward, converted.storage) {
        #expect(y.bitPattern == Float(x).bitPattern, "\(x) → \(y), expected \(Float(x))")
      }
    }
  }

  @Test func wideningIsExactAndSameTypeIsACopy() {
    let floats = Self.awkward.map { Float($0) } + [.nan, Float.leastNonzeroMagnitude, -Float.greatestFiniteMagnitude]
    let m = Matrix<Float>(rows: 1, cols: floats.count, storage: floats)
    for converted in [Matrix<Double>(converting: m), convert(m, to: Double.self)] {
      for (x, y) in zip(floats, converted.storage) {
        #expect(y.bitPattern == Double(x).bitPattern || (x.isNaN && y.isNaN), "\(x) → \(y)")
      }
    }
    let d = Matrix<Double>(rows: 4, cols: 4, storage: Self.awkward)
    #expect(convert(d, to: Double.self).storage.map(\.bitPattern) == Self.awkward.map(\.bitPattern))
  }

  @Test func sumDifferenceAndScaleAreElementwise() {
    let a = Matrix<Double>(rows: 4, cols: 4, storage: Self.awkward)
    let b = Matrix<Double>(rows: 4, cols: 4, storage: Self.awkward.reversed().map { $0 / 3 })
    let sum = a + b
    let difference = a - b
    let scaled = 0.7 * a
    for i in 0..<16 {
      let (x, y) = (a.storage[i], b.storage[i])
      #expect(sum.storage[i].bitPattern == (x + y).bitPattern || (x + y).isNaN)
      #expect(difference.storage[i].bitPattern == (x - y).bitPattern || (x - y).isNaN)
      #expect(scaled.storage[i].bitPattern == (0.7 * x).bitPattern)
    }
    #expect(Matrix<Float>.identity(3) + Matrix<Float>(rows: 3, cols: 3, repeating: 1) == Matrix([[2, 1, 1], [1, 2, 1], [1, 1, 2]]))
  }
}
