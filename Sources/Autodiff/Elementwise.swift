import Linalg
import RealModule

/// Elementwise kernels over raw buffers (the forward halves of the activation primitives).
///
/// Float32 `tanh` and `sigmoid` use a branch-free rational approximation that the compiler
/// vectorises (the one in Eigen and TensorFlow: odd degree-13 numerator over even degree-6
/// denominator on `[−7.9053, 7.9053]`; within 3.2e-7 of the exact value, about 5 float32 ulps
/// near ±1, found at x ≈ ±5.76), because scalar
/// `tanhf` dominated the training step. Float64 uses the C library's `tanh`/`exp`.
@usableFromInline
enum Elementwise {
  /// `y_i = tanh(x_i)`.
  @inlinable
  static func tanh<S: BLASScalar>(_ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, _ n: Int) {
    if S.self == Float.self {
      x.withMemoryRebound(to: Float.self, capacity: n) { xf in
        y.withMemoryRebound(to: Float.self, capacity: n) { yf in fastTanh(xf, yf, n, scale: 1, shift: 0) }
      }
      return
    }
    for i in 0..<n { y[i] = S.tanh(x[i]) }
  }

  /// `y_i = 1 / (1 + e^{−x_i})`: float32 as `½ + ½·tanh(x/2)`, float64 without overflow.
  @inlinable
  static func sigmoid<S: BLASScalar>(_ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, _ n: Int) {
    if S.self == Float.self {
      x.withMemoryRebound(to: Float.self, capacity: n) { xf in
        y.withMemoryRebound(to: Float.self, capacity: n) { yf in fastTanh(xf, yf, n, scale: 0.5, shift: 0.5) }
      }
      return
    }
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

  /// `y_i = shift + scale·tanh(scale·x_i)` by the rational approximation (vectorisable).
  @inlinable
  static func fastTanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, scale: Float, shift: Float) {
    Kernels.tanhF32(x, y, n, scale: scale, shift: shift)  // the same expression, vectorised
  }

  /// The rational approximation of `tanh` on one value.
  @inlinable @inline(__always)
  public static func fastTanh(_ v: Float) -> Float {
    let c: Float = 7.90531110763549805
    let x = Swift.min(Swift.max(v, -c), c)
    let x2 = x * x
    var p: Float = -2.76076847742355e-16
    p = p * x2 + 2.00018790482477e-13
    p = p * x2 - 8.60467152213735e-11
    p = p * x2 + 5.12229709037114e-08
    p = p * x2 + 1.48572235717979e-05
    p = p * x2 + 6.37261928875436e-04
    p = p * x2 + 4.89352455891786e-03
    p = p * x
    var q: Float = 1.19825839466702e-06
    q = q * x2 + 1.18534705686654e-04
    q = q * x2 + 2.26843463243900e-03
    q = q * x2 + 4.89352518554385e-03
    return p / q
  }

  /// `e^x` in `Double`.
  @inlinable static func exp(_ x: Double) -> Double { Double.exp(x) }

  /// `log x` in `Double`.
  @inlinable static func log(_ x: Double) -> Double { Double.log(x) }
}

/// The float32 `tanh` used by the tape, exposed for its accuracy test.
public func float32Tanh(_ x: Float) -> Float { Elementwise.fastTanh(x) }
