import Linalg
import Testing

@testable import Autodiff

/// The vectorised C kernels return exactly the bits of the scalar Swift expressions they
/// replace (no contraction, no reassociation), whatever clone the CPU selects, so a session
/// recorded before or elsewhere still verifies bit for bit.
@Suite("Elementwise kernels equal their scalar expressions bit for bit")
struct KernelsTests {
  /// Inputs with awkward values mixed in: zeros of both signs, the clamp edges, huge values,
  /// infinities, NaN, subnormals; length 1003 so every clone runs its remainder loop too.
  static func inputs<S: BLASScalar>(_: S.Type, seed: UInt64) -> [S] {
    var rng = Xoshiro256(seed: seed)
    var x: [S] = (0..<1003).map { _ in S(rng.normal() * 4) }
    let special: [S] = [0, -0.0, 7.90531110763549805, -7.90531110763549805, 8, -8, 1e30, -1e30, .infinity, -.infinity, .nan, S.leastNonzeroMagnitude, 1e-3]
    for (i, v) in special.enumerated() { x[i * 7] = v }
    return x
  }

  static func same<S: BLASScalar>(_ a: [S], _ b: [S]) -> Bool {
    a.count == b.count
      && zip(a, b).allSatisfy {
        ($0.isNaN && $1.isNaN)
          || ($0.sign == $1.sign && $0.exponentBitPattern == $1.exponentBitPattern
            && $0.significandBitPattern == $1.significandBitPattern)
      }
  }

  @Test func float32TanhMatchesTheScalarApproximation() {
    let x = Self.inputs(Float.self, seed: 1)
    for (scale, shift): (Float, Float) in [(1, 0), (0.5, 0.5)] {
      var y = [Float](repeating: 0, count: x.count)
      Kernels.tanhF32(x, &y, x.count, scale: scale, shift: shift)
      let expected = x.map { shift + scale * Elementwise.fastTanh(scale * $0) }
      #expect(Self.same(y, expected), "scale \(scale)")
    }
    var nan = [Float](repeating: 0, count: 1)
    Kernels.tanhF32([Float.nan], &nan, 1, scale: 1, shift: 0)
    #expect(nan[0].isNaN, "NaN must pass through (divergence detection relies on it)")
  }

  @Test(arguments: [false, true])
  func binaryKernelsMatch(accumulate: Bool) {
    check(Float.self, accumulate: accumulate)
    check(Double.self, accumulate: accumulate)
  }

  func check<S: BLASScalar>(_: S.Type, accumulate: Bool) {
    let a = Self.inputs(S.self, seed: 2)
    let b = Self.inputs(S.self, seed: 3)
    let y = Self.inputs(S.self, seed: 4).map { S.tanh($0) }
    let g0 = Self.inputs(S.self, seed: 5)
    let s: S = 0.37
    let n = a.count
    func run(_ kernel: (UnsafeMutablePointer<S>) -> Void) -> [S] {
      var g = accumulate ? g0 : [S](repeating: 0, count: n)
      g.withUnsafeMutableBufferPointer { kernel($0.baseAddress!) }
      return g
    }
    func expect(_ f: (Int) -> S) -> [S] { (0..<n).map { accumulate ? g0[$0] + f($0) : f($0) } }

    #expect(Self.same(run { Kernels.into(a, $0, n, accumulate: accumulate) }, expect { a[$0] }))
    #expect(Self.same(run { Kernels.into(a, $0, n, scale: s, accumulate: accumulate) }, expect { s * a[$0] }))
    #expect(Self.same(run { Kernels.tanhVJP(y, a, $0, n, accumulate: accumulate) }, expect { (1 - y[$0] * y[$0]) * a[$0] }))
    #expect(Self.same(run { Kernels.sigmoidVJP(y, a, $0, n, accumulate: accumulate) }, expect { y[$0] * (1 - y[$0]) * a[$0] }))
    #expect(Self.same(run { Kernels.mulVJP(b, a, $0, n, accumulate: accumulate) }, expect { b[$0] * a[$0] }))
    if !accumulate {
      #expect(Self.same(run { Kernels.addScaled(a, b, $0, n, s) }, (0..<n).map { a[$0] + s * b[$0] }))
      #expect(Self.same(run { Kernels.mul(a, b, $0, n) }, (0..<n).map { a[$0] * b[$0] }))
      let cols = 17
      let rows = n / cols
      let sums = run { Kernels.addRow(a, b, $0, rows: rows, cols: cols) }
      #expect(Self.same(Array(sums[..<(rows * cols)]), (0..<(rows * cols)).map { a[$0] + b[$0 % cols] }))
    }
  }
}
