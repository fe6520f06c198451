import Linalg

/// A split of `n` examples into a validation set and a training set (DESIGN §1.10).
///
/// Invariants: the two index sets are disjoint, together they are `0..<n`, the validation set
/// has `validationCount(validation, of: n)` examples and training at least one, and both
/// depend on `n`, `validation` and `dataSeed` only — never on the run's seed, so runs with
/// different seeds and one `dataSeed` share one validation set.
public struct ExampleSplit: Sendable, Equatable {
  /// The validation examples, in the order the split drew them.
  public let validation: [Int]
  /// The training examples, in the order the split drew them.
  public let training: [Int]

  /// Shuffles `0..<n` with `generator` (a Fisher–Yates pass) and takes the first examples
  /// for validation; an error naming `task.validation` when nothing would be left to train on.
  public init(count n: Int, validation: Double, using generator: inout Xoshiro256) throws(ConfigError) {
    let k = validationCount(validation, of: n)
    guard k < n else {
      throw ConfigError(key: "task.validation", "\(JSON_format(validation)) takes \(k) of \(n) examples; at least one must remain for training")
    }
    var order = Array(0..<n)
    for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, generator.int(below: i + 1)) }
    self.validation = Array(order.prefix(k))
    training = Array(order.dropFirst(k))
  }

  /// The generator of a file task's data draws (split, pixel permutation): seeded by
  /// `dataSeed` through a constant of its own, so that it never replays the run's stream
  /// when `dataSeed` equals the run's seed.
  public static func dataGenerator(_ dataSeed: UInt64) -> Xoshiro256 {
    Xoshiro256(seed: dataSeed ^ 0xDA7A_5EED_5B11_7000)
  }
}

/// A number as the config writes it (`0.1`, `300`).
func JSON_format(_ x: Double) -> String {
  x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}
