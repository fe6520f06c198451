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
  /// The floating-point operations of one unit (a step, a sequence), when a FLOP model
  /// applies (`BenchFlops`); `gflops` is then the median rate times it.
  public var flopsPerUnit: Double?

  /// GFLOP/s at the median rate, when `flopsPerUnit` is known.
  public var gflops: Double? { flopsPerUnit.map { median * $0 / 1e9 } }

  /// A measured quantity that is not a rate (memory, a ratio): median = min = max = `value`.
  public init(name: String, unit: String, value: Double) {
    self.name = name
    self.unit = unit
    median = value
    min = value
    max = value
    runs = 1
  }

  /// A row from per-repetition times, where one repetition does `work` units of
  /// `flopsPerUnit` FLOPs each (when known).
  public init(name: String, unit: String, seconds: [Double], work: Double, flopsPerUnit: Double? = nil) {
    self.flopsPerUnit = flopsPerUnit
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
