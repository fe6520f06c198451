import ComplexModule
import RealModule
import Tableaux

/// A seeded SplitMix64 generator so random-point tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// `count` points uniformly spread over the disc |z| ≤ radius.
func randomPoints(count: Int, radius: Double, seed: UInt64) -> [Complex<Double>] {
  var rng = SplitMix64(seed: seed)
  return (0..<count).map { _ in
    let r = radius * Double.random(in: 0...1, using: &rng).squareRoot()
    let phase = Double.random(in: 0..<(2 * Double.pi), using: &rng)
    return Complex(r * Double.cos(phase), r * Double.sin(phase))
  }
}

/// |a − b| ≤ tolerance·max(1, |b|).
func close(_ a: Complex<Double>, _ b: Complex<Double>, _ tolerance: Double) -> Bool {
  (a - b).length <= tolerance * max(1, b.length)
}
