import CKernels
import Linalg

/// The tape's elementwise hot loops, dispatched to `CKernels` (AVX-512/AVX2/baseline clones,
/// chosen at load time). Each computes exactly the scalar expression in its comment, in
/// float32 or float64, without contraction, so results do not depend on the CPU. `BLASScalar`
/// is `Float` or `Double`; anything that is not `Float` takes the float64 path.
@usableFromInline
enum Kernels {
  @inline(__always)
  static func f32<S>(_ p: UnsafePointer<S>) -> UnsafePointer<Float> { UnsafeRawPointer(p).assumingMemoryBound(to: Float.self) }
  @inline(__always)
  static func f32<S>(_ p: UnsafeMutablePointer<S>) -> UnsafeMutablePointer<Float> { UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self) }
  @inline(__always)
  static func f64<S>(_ p: UnsafePointer<S>) -> UnsafePointer<Double> { UnsafeRawPointer(p).assumingMemoryBound(to: Double.self) }
  @inline(__always)
  static func f64<S>(_ p: UnsafeMutablePointer<S>) -> UnsafeMutablePointer<Double> { UnsafeMutableRawPointer(p).assumingMemoryBound(to: Double.self) }

  /// `y_i = shift + scale·tanh(scale·x_i)` by `Elementwise.fastTanh` (float32 only).
  @usableFromInline
  static func tanhF32(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, scale: Float, shift: Float) {
    ck_tanh_f32(x, y, n, scale, shift)
  }

  /// `y_ij = x_ij + b_j`.
  static func addRow<S: BLASScalar>(_ x: UnsafePointer<S>, _ b: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, rows: Int, cols: Int) {
    if S.self == Float.self {
      ck_add_row_f32(f32(x), f32(b), f32(y), rows, cols)
    } else {
      ck_add_row_f64(f64(x), f64(b), f64(y), rows, cols)
    }
  }

  /// `y_i = a_i + s·b_i`.
  static func addScaled<S: BLASScalar>(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, _ n: Int, _ s: S) {
    if S.self == Float.self {
      ck_add_scaled_f32(f32(a), f32(b), f32(y), n, Float(s))
    } else {
      ck_add_scaled_f64(f64(a), f64(b), f64(y), n, Double(s))
    }
  }

  /// `g_i (=|+=) gy_i`, or `s·gy_i` when `s` is given.
  static func into<S: BLASScalar>(_ gy: UnsafePointer<S>, _ g: UnsafeMutablePointer<S>, _ n: Int, scale s: S? = nil, accumulate: Bool) {
    if S.self == Float.self {
      ck_scaled_into_f32(f32(gy), f32(g), n, s.map { Float($0) } ?? 1, s == nil ? 0 : 1, accumulate ? 1 : 0)
    } else {
      ck_scaled_into_f64(f64(gy), f64(g), n, s.map { Double($0) } ?? 1, s == nil ? 0 : 1, accumulate ? 1 : 0)
    }
  }

  /// `g_i (=|+=) (1 − y_i²)·gy_i`.
  static func tanhVJP<S: BLASScalar>(_ y: UnsafePointer<S>, _ gy: UnsafePointer<S>, _ g: UnsafeMutablePointer<S>, _ n: Int, accumulate: Bool) {
    if S.self == Float.self {
      ck_tanh_vjp_f32(f32(y), f32(gy), f32(g), n, accumulate ? 1 : 0)
    } else {
      ck_tanh_vjp_f64(f64(y), f64(gy), f64(g), n, accumulate ? 1 : 0)
    }
  }

  /// `y_i = a_i·b_i`.
  static func mul<S: BLASScalar>(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, _ n: Int) {
    if S.self == Float.self {
      ck_mul_f32(f32(a), f32(b), f32(y), n)
    } else {
      ck_mul_f64(f64(a), f64(b), f64(y), n)
    }
  }

  /// `g_i (=|+=) o_i·gy_i`.
  static func mulVJP<S: BLASScalar>(_ o: UnsafePointer<S>, _ gy: UnsafePointer<S>, _ g: UnsafeMutablePointer<S>, _ n: Int, accumulate: Bool) {
    if S.self == Float.self {
      ck_mul_vjp_f32(f32(o), f32(gy), f32(g), n, accumulate ? 1 : 0)
    } else {
      ck_mul_vjp_f64(f64(o), f64(gy), f64(g), n, accumulate ? 1 : 0)
    }
  }

  /// `g_i (=|+=) y_i·(1 − y_i)·gy_i`.
  static func sigmoidVJP<S: BLASScalar>(_ y: UnsafePointer<S>, _ gy: UnsafePointer<S>, _ g: UnsafeMutablePointer<S>, _ n: Int, accumulate: Bool) {
    if S.self == Float.self {
      ck_sigmoid_vjp_f32(f32(y), f32(gy), f32(g), n, accumulate ? 1 : 0)
    } else {
      ck_sigmoid_vjp_f64(f64(y), f64(gy), f64(g), n, accumulate ? 1 : 0)
    }
  }
}
