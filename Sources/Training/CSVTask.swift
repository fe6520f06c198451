import FileFormats
import Foundation
import Linalg
import ODECells

/// Next-value forecasting of numeric CSV columns.
///
/// The selected columns (all numeric ones by default) are standardised with the mean and
/// standard deviation of the first 80% of rows; windows of `window` steps predict the next
/// row: input row `t … t+window−1`, target row `t+1 … t+window`, mse at every step. Training
/// windows start in the first 80% of rows, the fixed validation set (up to 256 windows, evenly
/// spaced) lies in the last 20%.
public struct CSVTask: SequenceTask {
  let data: [[Double]]
  let window: Int
  let split: Int

  /// `window`.
  public var steps: Int { window }
  /// The number of columns.
  public var inputSize: Int { data.first?.count ?? 0 }
  /// The number of columns.
  public var outputSize: Int { inputSize }
  /// mse.
  public var loss: LossKind { .mse }
  /// Every step.
  public var readoutSteps: Range<Int> { 0..<window }

  /// Loads, validates and standardises the table.
  public init(path: String, columns: [String]?, window: Int) throws(ConfigError) {
    let table: NumericTable
    do {
      table = try NumericTable.read(contentsOf: URL(fileURLWithPath: path), columns: columns)
    } catch {
      throw ConfigError("\(error)")
    }
    let rows = table.rows.count
    let split = rows * 4 / 5
    guard !table.columns.isEmpty, split >= window + 1, rows - split >= window + 1 else {
      throw ConfigError(key: "task.window", "\(path) has \(rows) rows; window \(window) needs at least \(Self.minimumRows(window: window)) (80% train, 20% validation)")
    }
    let c = table.columns.count
    var mean = [Double](repeating: 0, count: c)
    var std = [Double](repeating: 0, count: c)
    for r in 0..<split { for j in 0..<c { mean[j] += table.rows[r][j] / Double(split) } }
    for r in 0..<split { for j in 0..<c { std[j] += (table.rows[r][j] - mean[j]) * (table.rows[r][j] - mean[j]) / Double(split) } }
    std = std.map { $0 > 0 ? $0.squareRoot() : 1 }
    data = table.rows.map { row in (0..<c).map { (row[$0] - mean[$0]) / std[$0] } }
    self.window = window
    self.split = split
  }

  /// The fewest rows with `window + 1` rows both in the first 80% and in the rest.
  static func minimumRows(window: Int) -> Int {
    var rows = 2 * (window + 1)
    while rows * 4 / 5 < window + 1 || rows - rows * 4 / 5 < window + 1 { rows += 1 }
    return rows
  }

  func batch(starts: [Int]) -> SequenceBatch<Double> {
    let b = starts.count
    let c = inputSize
    var x = Matrix<Double>(rows: window * b, cols: c)
    var y = Matrix<Double>(rows: window * b, cols: c)
    for (n, s) in starts.enumerated() {
      for k in 0..<window {
        for j in 0..<c {
          x[k * b + n, j] = data[s + k][j]
          y[k * b + n, j] = data[s + k + 1][j]
        }
      }
    }
    return SequenceBatch(inputs: x, steps: window, batch: b, targets: .values(y), readoutSteps: readoutSteps)
  }

  public func trainingBatch(size: Int, using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    let choices = split - window
    return batch(starts: (0..<size).map { _ in rng.int(below: choices) })
  }

  public func validationBatch(using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    let first = split
    let last = data.count - window - 1
    let count = min(256, last - first + 1)
    let starts = (0..<count).map { first + ($0 * (last - first)) / max(1, count - 1) }
    return batch(starts: starts)
  }
}
