import Foundation
import Training

/// A timing harness: warm-up, then every repetition timed on its own; reports the median,
/// min and max rate. Timing uses `ContinuousClock`; nothing here asserts on time.
public struct BenchHarness: Sendable {
  /// Untimed repetitions first.
  public var warmup = 5
  /// Timed repetitions.
  public var repetitions = 50

  /// A harness.
  public init(warmup: Int = 5, repetitions: Int = 50) {
    self.warmup = warmup
    self.repetitions = repetitions
  }

  /// Seconds per repetition of `body`, one sample each.
  public func measure(_ body: () -> Void) -> [Double] {
    for _ in 0..<warmup { body() }
    let clock = ContinuousClock()
    var samples: [Double] = []
    samples.reserveCapacity(repetitions)
    for _ in 0..<repetitions {
      let d = clock.measure(body)
      samples.append(d.inSeconds)
    }
    return samples
  }
}

/// One benchmark result row (DESIGN §1.8).
public struct BenchRow: Sendable, Equatable {
  /// `antisymmetric-euler-train`, …
  public var name: String
  /// `steps/s`, `sequences/s`, `GFLOP/s`.
  public var unit: String
  /// The median rate.
  public var median: Double
  /// The slowest repetition's rate.
  public var min: Double
  /// The fastest repetition's rate.
  public var max: Double
  /// Timed repetitions.
  public var runs: Int

  /// A row from per-repetition times, where one repetition does `work` units.
  public init(name: String, unit: String, seconds: [Double], work: Double) {
    let sorted = seconds.sorted()
    let n = sorted.count
    let medianTime = n == 0 ? .nan : (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2)
    self.name = name
    self.unit = unit
    median = work / medianTime
    min = work / (sorted.last ?? .nan)
    max = work / (sorted.first ?? .nan)
    runs = n
  }
}
