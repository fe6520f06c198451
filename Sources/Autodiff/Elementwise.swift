import Linalg

import RealModule

/// Elementwise kernels over raw buffers (the forward halves of the activation primitives).
@usableFromInline
enum Elementwise {
  /// `y_i = tanh(x_i)`.
  @inlinable
  static func tanh<S: BLASScalar>(_ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, _ n: Int) {
    for i in 0..<n { y[i] = S.tanh(x[i]) }
  }

  /// `y_i = 1 / (1 + e^{−x_i})`, evaluated without overflow for large `|x_i|`.
  @inlinable
  static func sigmoid<S: BLASScalar>(
    _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, _ n: Int
  ) {
    for i in 0..<n {
      let v = x[i]
      if v >= 0 {
        y[i] = 1 / (1 + S.exp(-v))
      } else {
        let e = S.exp(v)
        y[i] = e / (1 + e)
      }
    }
  }

  /// `e^x` in `Double`.
  @inlinable static func exp(_ x: Double) -> Double { Double.exp(x) }

  /// `log x` in `Double`.
  @inlinable static func log(_ x: Double) -> Double { Double.log(x) }
}
