import RealModule

/// The seeded generator behind all of odernn's randomness: xoshiro256** (Blackman & Vigna),
/// its state seeded from one 64-bit seed by SplitMix64.
///
/// Streams are reproducible across runs and platforms: every draw is defined in integer
/// arithmetic and IEEE double operations only. The whole state is four words, so it can be
/// checkpointed and restored exactly.
public struct Xoshiro256: RandomNumberGenerator, Sendable, Equatable, Codable {
  /// The four state words (never all zero).
  public private(set) var state: [UInt64]

  /// Seeds the state with four SplitMix64 outputs of `seed`.
  public init(seed: UInt64) {
    var sm = seed
    func splitMix() -> UInt64 {
      sm &+= 0x9E37_79B9_7F4A_7C15
      var z = sm
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = [splitMix(), splitMix(), splitMix(), splitMix()]
  }

  /// Restores a checkpointed state; `nil` when it is not four words or all zero.
  public init?(state: [UInt64]) {
    guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
    self.state = state
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotl(state[1] &* 5, 7) &* 9
    let t = state[1] << 17
    state[2] ^= state[0]
    state[3] ^= state[1]
    state[1] ^= state[2]
    state[0] ^= state[3]
    state[2] ^= t
    state[3] = rotl(state[3], 45)
    return result
  }

  /// A uniform double in `[0, 1)` with 53 random bits.
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A uniform double in `[low, high)`.
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * uniform()
  }

  /// A standard normal draw by the Box–Muller transform (one draw per call; the pair's
  /// second value is discarded so that the state stays four words).
  public mutating func normal() -> Double {
    let u1 = 1.0 - uniform()  // (0, 1]
    let u2 = uniform()
    return (-2.0 * Double.log(u1)).squareRoot() * Double.cos(2.0 * Double.pi * u2)
  }

  /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
  public mutating func int(below bound: Int) -> Int {
    precondition(bound > 0, "int(below:) needs a positive bound")
    let b = UInt64(bound)
    var m = next().multipliedFullWidth(by: b)
    if m.low < b {
      let threshold = (0 &- b) % b
      while m.low < threshold { m = next().multipliedFullWidth(by: b) }
    }
    return Int(m.high)
  }

  @inline(__always)
  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
