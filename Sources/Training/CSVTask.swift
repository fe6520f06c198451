import FileFormats
import Foundation
import Linalg
import ODECells

/// Next-value forecasting of numeric CSV columns.
///
/// The selected columns (all numeric ones by default) are standardised with the mean and
/// standard deviation of the training rows; windows of `window` steps predict the next row:
/// input row `t … t+window−1`, target row `t+1 … t+window`, mse at every step. The split is by
/// time: the last `validation` rows (a fraction or a count) hold the fixed validation set (up
/// to 256 windows, evenly spaced), training windows lie wholly in the rows before them. A test
/// file (`testPath`), standardised with the training statistics, gives up to 256 evenly spaced
/// windows that neither training nor validation ever sees.
public struct CSVTask: SequenceTask {
  let data: [[Double]]
  let testData: [[Double]]?
  let window: Int
  let split: Int
  /// What looked wrong but did not stop the task (an index-like column taken as data).
  public let warnings: [String]

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

  /// Loads, validates, splits and standardises the table (and the test file).
  public init(_ spec: CSVTaskSpec) throws(ConfigError) {
    let table: NumericTable
    do {
      table = try NumericTable.read(contentsOf: URL(fileURLWithPath: spec.path), columns: spec.columns)
    } catch {
      throw ConfigError("\(error)")
    }
    let rows = table.rows.count
    let window = spec.window
    let split = rows - min(rows, validationCount(spec.validation, of: rows))
    guard !table.columns.isEmpty, split >= window + 1, rows - split >= window + 1 else {
      let needed = Self.minimumRows(window: window, validation: spec.validation).map { "at least \($0) rows" } ?? "a task.validation count of at least \(window + 1)"
      throw ConfigError(
        key: "task.window",
        "\(spec.path) has \(rows) rows; window \(window) with task.validation \(JSON_format(spec.validation)) needs \(needed) (\(window + 1) for training and \(window + 1) for validation)")
    }
    let c = table.columns.count
    var mean = [Double](repeating: 0, count: c)
    var std = [Double](repeating: 0, count: c)
    for r in 0..<split { for j in 0..<c { mean[j] += table.rows[r][j] / Double(split) } }
    for r in 0..<split { for j in 0..<c { std[j] += (table.rows[r][j] - mean[j]) * (table.rows[r][j] - mean[j]) / Double(split) } }
    std = std.map { $0 > 0 ? $0.squareRoot() : 1 }
    let standardise = { (table: NumericTable) in table.rows.map { row in (0..<c).map { (row[$0] - mean[$0]) / std[$0] } } }
    data = standardise(table)
    if let testPath = spec.testPath {
      let test: NumericTable
      do {
        test = try NumericTable.read(contentsOf: URL(fileURLWithPath: testPath), columns: table.columns)
      } catch {
        throw ConfigError(key: "task.testPath", "\(error)")
      }
      guard test.rows.count >= window + 1 else {
        throw ConfigError(key: "task.testPath", "\(testPath) has \(test.rows.count) rows; window \(window) needs at least \(window + 1)")
      }
      testData = standardise(test)
    } else {
      testData = nil
    }
    self.window = window
    self.split = split
    warnings = spec.columns == nil ? Self.indexLikeColumns(table).map(Self.indexWarning) : []
  }

  /// The fewest rows leaving `window + 1` rows both for training and for validation; nil when
  /// a validation count below `window + 1` makes it impossible. (A fraction f ≤ 0.5 leaves
  /// training at least as many rows as validation.)
  static func minimumRows(window: Int, validation: Double) -> Int? {
    if validation >= 1 { return Int(validation) >= window + 1 ? Int(validation) + window + 1 : nil }
    var rows = max(2 * (window + 1), Int((Double(window + 1) / validation).rounded(.up)) - 2)
    while validationCount(validation, of: rows) < window + 1 || rows - validationCount(validation, of: rows) < window + 1 { rows += 1 }
    return rows
  }

  /// The columns whose values are whole numbers rising (or falling) strictly row after row:
  /// row numbers, ids, timestamps, which forecasting rarely means to predict.
  static func indexLikeColumns(_ table: NumericTable) -> [String] {
    guard table.rows.count >= 3 else { return [] }
    return table.columns.indices.compactMap { j in
      let xs = table.rows.map { $0[j] }
      guard xs.allSatisfy({ $0 == $0.rounded() }) else { return nil }
      let pairs = zip(xs, xs.dropFirst())
      return pairs.allSatisfy({ $0 < $1 }) || pairs.allSatisfy({ $0 > $1 }) ? table.columns[j] : nil
    }
  }

  static func indexWarning(_ name: String) -> String {
    "column \"\(name)\" looks like an index (whole numbers, strictly monotone) and is forecast as data; name the columns to forecast in task.columns"
  }

  /// Windows starting at `starts` of `rows`.
  func batch(starts: [Int], of rows: [[Double]]) -> SequenceBatch<Double> {
    let b = starts.count
    let c = inputSize
    var x = Matrix<Double>(rows: window * b, cols: c)
    var y = Matrix<Double>(rows: window * b, cols: c)
    for (n, s) in starts.enumerated() {
      for k in 0..<window {
        for j in 0..<c {
          x[k * b + n, j] = rows[s + k][j]
          y[k * b + n, j] = rows[s + k + 1][j]
        }
      }
    }
    return SequenceBatch(inputs: x, steps: window, batch: b, targets: .values(y), readoutSteps: readoutSteps)
  }

  /// Up to 256 window starts, evenly spaced over `first…last`.
  static func evenlySpaced(_ first: Int, _ last: Int) -> [Int] {
    let count = min(256, last - first + 1)
    return (0..<count).map { first + ($0 * (last - first)) / max(1, count - 1) }
  }

  public func trainingBatch(size: Int, using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    let choices = split - window
    return batch(starts: (0..<size).map { _ in rng.int(below: choices) }, of: data)
  }

  public func validationBatch(using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    batch(starts: Self.evenlySpaced(split, data.count - window - 1), of: data)
  }

  /// Up to 256 evenly spaced windows of the test file.
  public func testBatch() -> SequenceBatch<Double>? {
    testData.map { batch(starts: Self.evenlySpaced(0, $0.count - window - 1), of: $0) }
  }
}
