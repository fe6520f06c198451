
import Foundation
import Linalg
import ODECells
import Testing
import Training

/// The truncation gap against a forward pass written here: h ← tanh(W₀h + Vx + b) from zero,
/// over all T inputs and over the last k.
@Suite("truncation gap")
struct TruncationGapTests {
  @Test func gapsAndLossesEqualAnIndependentForwardPass() throws {
    var c = TrainingConfig(cell: CellSpec(hiddenSize: 5, stepSize: 1, decay: [1]), task: .adding(length: 12))
    c.precision = .float64
    c.spectralNorm = 0.8
    let engine = try TrainingEngine<Double>(config: c)
    for _ in 0..<5 { _ = engine.trainStep() }
    let gap = try TruncationGap.measure(engine, windows: TruncationGap.windows(upTo: 12))
    #expect(gap.windows.map(\.k) == [1, 2, 4, 8])
    let p = engine.parameters
    let w = p[.recurrent(0)]!, v = p[.input]!, b = p[.bias]!
    let batch = engine.validation
    let (t, n, h, inputs) = (batch.steps, batch.batch, 5, batch.inputs)
    func final(_ example: Int, from start: Int) -> [Double] {
      var s = [Double](repeating: 0, count: h)
      for k in start..<t {
        let x = inputs.row(k * n + example)
        var next = [Double](repeating: 0, count: h)
        for i in 0..<h {
          var z = b[0, i]
          for j in 0..<h { z += w[i, j] * s[j] }
          for j in 0..<x.count { z += v[i, j] * x[j] }
          next[i] = tanh(z)
        }
        s = next
      }
      return s
    }
    #expect(abs(gap.lambda - (try w.spectralNorm())) < 1e-15)
    #expect(gap.lambda <= 0.8 + 1e-12, "the constraint holds after each step")
    for window in gap.windows {
      var worst = 0.0
      for e in 0..<n {
        worst = max(worst, zip(final(e, from: 0), final(e, from: t - window.k)).map { abs($0 - $1) }.max()!)
      }
      #expect(abs(window.gap - worst) <= 1e-12, "k = \(window.k): \(window.gap) vs \(worst)")
      #expect(window.gap <= window.bound!, "k = \(window.k): under λ^k L/(1−λ)")
    }
    #expect(gap.windows.last!.k < t)
  }

  /// σ(0) = ½ breaks the bound: with V = b = 0 and W₀ = λI, L = 0 but the states are not 0
  /// (h_1 = ½ from zero, h_k → a fixed point), so the truncated state differs at every k.
  /// The bound is therefore given for tanh, relu and identity only.
  @Test func noBoundIsClaimedForASigmoidCell() throws {
    let sigmoid = CellSpec(hiddenSize: 4, stepSize: 1, activation: .sigmoid, decay: [1])
    #expect(!TruncationGap.contractionIsProved(sigmoid))
    for a in [Activation.tanh, .relu, .identity] {
      #expect(TruncationGap.contractionIsProved(CellSpec(hiddenSize: 4, stepSize: 1, activation: a, decay: [1])))
    }
    var c = TrainingConfig(cell: sigmoid, task: .adding(length: 8))
    c.precision = .float64
    c.spectralNorm = 0.5
    let engine = try TrainingEngine<Double>(config: c)
    _ = engine.trainStep()
    let gap = try TruncationGap.measure(engine, windows: [1, 2, 4])
    #expect(gap.inputBound == nil && gap.windows.allSatisfy { $0.bound == nil })
    #expect(gap.windows[0].gap > 0)
  }

  @Test func theFittedRateOfAnExactGeometricSequenceIsItsRatio() {
    let g = TruncationGap(
      fullLoss: 1, windows: [1, 2, 4, 8, 16].map { .init(k: $0, gap: 3 * pow(0.7, Double($0)), loss: 1, bound: nil) }, lambda: 0.5,
      inputBound: 1)
    #expect(abs(g.fittedRate()! - 0.7) < 1e-12)
  }

  @Test func theMatchingWindowIsTheOneFromWhichOnEveryLossIsClose() {
    let losses = [2.0, 1.0, 1.5, 1.005, 1.001]
    let g = TruncationGap(
      fullLoss: 1, windows: zip([1, 2, 4, 8, 16], losses).map { .init(k: $0, gap: 0, loss: $1, bound: nil) }, lambda: 2, inputBound: 1)
    #expect(g.matchingWindow(relative: 0.01) == 8)
    #expect(g.matchingWindow(relative: 0.0001) == nil)
  }
}
