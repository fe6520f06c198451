import BLASRuntime

/// LAPACK's `?getrf`/`?getrs` (column-major, through the `_work` entry points: no NaN scan,
/// no transposed copy), for the small dense solves of the implicit stage equations.
extension Float {
  public static func getrf(n: Int, a: UnsafeMutablePointer<Float>, pivots: UnsafeMutablePointer<Int32>) -> Int32 {
    odernn_sgetrf(Int32(n), a, pivots)
  }

  public static func getrs(
    transpose: Bool, n: Int, lu: UnsafePointer<Float>, pivots: UnsafePointer<Int32>, b: UnsafeMutablePointer<Float>
  ) -> Int32 {
    odernn_sgetrs(CChar(UInt8(ascii: transpose ? "T" : "N")), Int32(n), lu, pivots, b)
  }
}

extension Double {
  public static func getrf(n: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>) -> Int32 {
    odernn_dgetrf(Int32(n), a, pivots)
  }

  public static func getrs(
    transpose: Bool, n: Int, lu: UnsafePointer<Double>, pivots: UnsafePointer<Int32>, b: UnsafeMutablePointer<Double>
  ) -> Int32 {
    odernn_dgetrs(CChar(UInt8(ascii: transpose ? "T" : "N")), Int32(n), lu, pivots, b)
  }
}
