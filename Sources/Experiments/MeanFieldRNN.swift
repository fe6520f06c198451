import Foundation
import Linalg

/// The large-width reference model "MF-RNN" (papers.md §2.4): N hidden units with diagonal
/// recurrence, trained online by exact real-time recurrent learning.
///
/// ```
/// data    X_{k+1} = ρX_k + √(1−ρ²) ξ_{k+1},  ξ ~ N(0,1),  ρ = 0.8
/// target  Y_k = sin(2X_k) + 0.5 X_{k−1}
/// units   H^i_{k+1} = tanh(a^i_k),  a^i_k = W^i X_k + B^i H^i_k + b^i
/// output  Ŷ_k = N^{−β} Σ_i C^i H^i_{k+1},  ℓ_k = ½(Ŷ_k − Y_k)²
/// SGD     step α_N = α N^{2β−2}; rescaled time t = k/N
/// RTRL    P^i_{k+1} = tanh′(a^i_k)·[(X_k, H^i_k, 1) + B^i P^i_k],  P = ∂H/∂(W, B, b)
/// grads   ∂ℓ/∂C^i = e N^{−β} H^i_{k+1},  ∂ℓ/∂(W,B,b)^i = e N^{−β} C^i P^i_{k+1},  e = Ŷ − Y
/// init    C, W ~ N(0,1), B ~ U(−0.9, 0.9), b ~ N(0, 0.01); B clipped to [−0.99, 0.99]
/// ```
/// The gradient is exact for the diagonal recurrence, so no truncation enters. Everything is
/// float64 and seeded: the parameters by `seed`, the training stream and the held-out test
/// sequence by their own fixed seeds (shared by every N, β and seed).
public struct MeanFieldRNN: Sendable {
  public static let rho = 0.8
  public static let burnIn = 100
  public static let testLength = 500
  static let streamSeed: UInt64 = 0x5EED_0DA7A
  static let testSeed: UInt64 = 0x7E57_5E0

  public let width: Int
  public let beta: Double
  public let alpha: Double
  var c, w, b, bias: [Double]

  public init(width: Int, beta: Double, alpha: Double = 1, seed: UInt64) {
    self.width = width
    self.beta = beta
    self.alpha = alpha
    var rng = Xoshiro256(seed: seed)
    c = (0..<width).map { _ in rng.normal() }
    w = (0..<width).map { _ in rng.normal() }
    b = (0..<width).map { _ in rng.uniform(-0.9, 0.9) }
    bias = (0..<width).map { _ in 0.1 * rng.normal() }
  }

  /// The SGD step `α N^{2β−2}`.
  public var stepSize: Double { alpha * pow(Double(width), 2 * beta - 2) }
  var outputScale: Double { pow(Double(width), -beta) }

  /// An AR(1) stream of `count` values from its stationary law, seeded.
  static func stream(_ count: Int, seed: UInt64) -> [Double] {
    var rng = Xoshiro256(seed: seed)
    var x = rng.normal()
    var xs = [Double]()
    xs.reserveCapacity(count)
    let s = (1 - rho * rho).squareRoot()
    for _ in 0..<count {
      xs.append(x)
      x = rho * x + s * rng.normal()
    }
    return xs
  }

  static func target(_ xs: [Double], _ k: Int) -> Double { sin(2 * xs[k]) + 0.5 * (k > 0 ? xs[k - 1] : 0) }

  /// The test loss: mean ½(Ŷ_k − Y_k)² over the held-out sequence's last `testLength` steps,
  /// after `burnIn` steps from H = 0 (no training).
  public func testLoss() -> Double {
    let xs = Self.testSequence
    var state = RTRLState(width: width)
    var total = 0.0
    for k in 0..<(Self.burnIn + Self.testLength) {
      let y = state.advance(self, x: xs[k])
      if k >= Self.burnIn {
        let e = y * outputScale - Self.target(xs, k)
        total += 0.5 * e * e
      }
    }
    return total / Double(Self.testLength)
  }

  static let testSequence = stream(burnIn + testLength, seed: testSeed)

  /// Trains online for `steps` steps of the shared stream and returns the test loss at the
  /// steps in `checkpoints` (measured before the step with that index; 0 = the initial model).
  public mutating func train(steps: Int, testAt checkpoints: Set<Int>) -> [Int: Double] {
    let xs = Self.stream(steps + 1, seed: Self.streamSeed)
    var state = RTRLState(width: width)
    var losses: [Int: Double] = [:]
    let lr = stepSize, scale = outputScale
    for k in 0..<steps {
      if checkpoints.contains(k) { losses[k] = testLoss() }
      let e = state.advance(self, x: xs[k]) * scale - Self.target(xs, k)
      let g = lr * e * scale
      for i in 0..<width {
        let gp = g * c[i]
        w[i] -= gp * state.pw[i]
        b[i] = min(0.99, max(-0.99, b[i] - gp * state.pb[i]))
        bias[i] -= gp * state.pbias[i]
        c[i] -= g * state.h[i]
      }
    }
    if checkpoints.contains(steps) { losses[steps] = testLoss() }
    return losses
  }
}

extension MeanFieldRNN {
  /// The loss `ℓ_{k}` at step `k = steps − 1` of the training stream without any update, and
  /// its RTRL gradient with respect to (W, B, b, C) of every unit, concatenated: the same
  /// recursion `train` uses, to check against finite differences.
  public func lastLossAndGradient(steps: Int) -> (loss: Double, gradient: [Double]) {
    let xs = Self.stream(steps + 1, seed: Self.streamSeed)
    var state = RTRLState(width: width)
    var y = 0.0
    for k in 0..<steps { y = state.advance(self, x: xs[k]) }
    let (h, pw, pb, pbias) = (state.h, state.pw, state.pb, state.pbias)
    let e = y * outputScale - Self.target(xs, steps - 1)
    let g = e * outputScale
    let gradient = (0..<width).map { g * c[$0] * pw[$0] } + (0..<width).map { g * c[$0] * pb[$0] }
      + (0..<width).map { g * c[$0] * pbias[$0] } + (0..<width).map { g * h[$0] }
    return (0.5 * e * e, gradient)
  }

  /// The parameters (W, B, b, C) concatenated, and a copy with them replaced.
  public var parameters: [Double] { w + b + bias + c }
  public func with(parameters p: [Double]) -> MeanFieldRNN {
    var m = self
    let n = width
    m.w = Array(p[0..<n]); m.b = Array(p[n..<2 * n]); m.bias = Array(p[2 * n..<3 * n]); m.c = Array(p[3 * n..<4 * n])
    return m
  }
}

/// The units' states and their sensitivities `P = ∂H/∂(W, B, b)` (one number per unit each:
/// the recurrence is diagonal), advanced together one input at a time.
struct RTRLState {
  var h, pw, pb, pbias: [Double]

  init(width: Int) {
    h = [Double](repeating: 0, count: width)
    (pw, pb, pbias) = (h, h, h)
  }

  /// `H_{k+1} = tanh(a_k)`, `P_{k+1} = tanh′(a_k)·[(X_k, H_k, 1) + B P_k]`; returns
  /// `Σ_i C^i H^i_{k+1}` (unscaled).
  mutating func advance(_ m: MeanFieldRNN, x: Double) -> Double {
    var y = 0.0
    for i in h.indices {
      let hn = tanh(m.w[i] * x + m.b[i] * h[i] + m.bias[i])
      let d = 1 - hn * hn
      pw[i] = d * (x + m.b[i] * pw[i])
      pb[i] = d * (h[i] + m.b[i] * pb[i])
      pbias[i] = d * (1 + m.b[i] * pbias[i])
      h[i] = hn
      y += m.c[i] * hn
    }
    return y
  }
}
