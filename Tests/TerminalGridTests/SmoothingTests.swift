import Testing

@testable import TerminalGrid

@Suite struct SmoothingTests {
  @Test func debiasedEMAMatchesTensorBoard() {
    let smoothed = Smoothing.ema([1, 2, 3], weight: 0.6)
    // last: 0.4, 1.04, 1.824; debias: 1 - 0.6^n = 0.4, 0.64, 0.784.
    let expected = [1.0, 1.04 / 0.64, 1.824 / 0.784]
    #expect(smoothed.count == 3)
    for (a, b) in zip(smoothed, expected) {
      #expect(abs(a - b) < 1e-12)
    }
    #expect(abs(smoothed[2] - 2.326530612244898) < 1e-12)
  }

  @Test func firstValueIsNotPulledTowardZeroAndConstantsStay() {
    let smoothed = Smoothing.ema([5, 5, 5, 5], weight: 0.9)
    #expect(smoothed.allSatisfy { abs($0 - 5) < 1e-12 })
  }

  @Test func nonFiniteValuesPassThroughWithoutUpdatingTheAverage() {
    let smoothed = Smoothing.ema([2, .nan, 4], weight: 0.5)
    #expect(smoothed[0] == 2)
    #expect(smoothed[1].isNaN)
    // Second finite value: last = 0.5·1 + 0.5·4 = 2.5, debias 1 − 0.25.
    #expect(abs(smoothed[2] - 2.5 / 0.75) < 1e-12)
  }

  @Test func zeroWeightIsTheIdentity() {
    #expect(Smoothing.ema([3, 1, 2], weight: 0) == [3, 1, 2])
    #expect(Smoothing.ema([3, 1, 2], weight: -.nan) == [3, 1, 2])
  }
}
