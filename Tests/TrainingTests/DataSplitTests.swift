import FileFormats
import Foundation
import JSON
import Linalg
import ODECells
import Testing
import Training

/// File tasks' splits (DESIGN §1.10): validation and training are disjoint and cover the
/// examples, depend on `dataSeed` only (runs with different seeds share one validation set),
/// and a test set is never drawn for training or validation.
@Suite("Data splits of the file tasks")
struct DataSplitTests {
  /// `count` images of 2×2 pixels whose first pixel is `first + i`: an example names its image.
  static func writeIDX(_ dir: ScratchDirectory, _ name: String, count: Int, first: Int) throws -> (String, String) {
    let pixels: [UInt8] = (0..<count).flatMap { i -> [UInt8] in [UInt8(first + i), 0, 0, 0] }
    try IDXImages(count: count, rows: 2, cols: 2, pixels: pixels).write(to: dir.url.appendingPathComponent("\(name)-images.idx"))
    try IDXLabels(labels: (0..<count).map { UInt8($0 % 10) }).write(to: dir.url.appendingPathComponent("\(name)-labels.idx"))
    return (dir.path("\(name)-images.idx"), dir.path("\(name)-labels.idx"))
  }

  /// The images (first pixel values) of a batch's examples.
  static func images(_ b: SequenceBatch<Double>) -> [Int] {
    (0..<b.batch).map { Int((b.inputs[$0, 0] * 255).rounded()) }
  }

  /// A run's idx task for `seed` and, when given, `dataSeed`.
  static func task(_ files: (String, String), test: (String, String)? = nil, seed: Int, dataSeed: Int?, validation: Double = 0.1) throws
    -> IDXTask
  {
    var task: JSON = ["name": "idx", "images": .string(files.0), "labels": .string(files.1), "validation": .number(validation)]
    if let dataSeed { try task.setMember(.number(Double(dataSeed)), at: ["dataSeed"]) }
    if let test {
      try task.setMember(.string(test.0), at: ["testImages"])
      try task.setMember(.string(test.1), at: ["testLabels"])
    }
    let config = try TrainingConfig.parse(["cell": ["hiddenSize": 4], "task": task, "seed": .number(Double(seed))])
    #expect(config.dataSeed == UInt64(dataSeed ?? seed), "dataSeed defaults to the run's seed")
    return try #require(try makeTrainingRun(config).task as? IDXTask)
  }

  @Test func theSplitIsDisjointCoversTheExamplesAndDependsOnTheDataSeedOnly() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let files = try Self.writeIDX(dir, "train", count: 40, first: 0)
    let a = try Self.task(files, seed: 1, dataSeed: 5)
    let b = try Self.task(files, seed: 2, dataSeed: 5)
    #expect(a.split.validation.count == 4, "⌊0.1 · 40⌋")
    #expect(Set(a.split.validation).isDisjoint(with: a.split.training))
    #expect(Set(a.split.validation).union(a.split.training) == Set(0..<40))
    // Two seeds, one dataSeed: one split and one validation set, to the bit.
    var rng = Xoshiro256(seed: 0)
    #expect(a.split == b.split)
    #expect(a.validationBatch(using: &rng).inputs.storage == b.validationBatch(using: &rng).inputs.storage)
    // Without dataSeed the split follows the run's seed; another dataSeed, another split.
    let c = try Self.task(files, seed: 1, dataSeed: nil)
    let d = try Self.task(files, seed: 2, dataSeed: nil)
    #expect(c.split != d.split)
    #expect(try Self.task(files, seed: 1, dataSeed: 6).split != a.split)
    // Training batches draw training examples only.
    let drawn = Set(Self.images(a.trainingBatch(size: 500, using: &rng)))
    #expect(drawn.isDisjoint(with: a.split.validation) && drawn == Set(a.split.training))
    // A count instead of a fraction.
    #expect(try Self.task(files, seed: 1, dataSeed: 5, validation: 7).split.validation.count == 7)
  }

  @Test func theTestSetIsNeverSeenInTrainingOrValidation() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let files = try Self.writeIDX(dir, "train", count: 30, first: 0)
    let test = try Self.writeIDX(dir, "test", count: 12, first: 100)
    let task = try Self.task(files, test: test, seed: 3, dataSeed: nil, validation: 0.5)
    var rng = Xoshiro256(seed: 9)
    let seen = Self.images(task.trainingBatch(size: 1000, using: &rng)) + Self.images(task.validationBatch(using: &rng))
    #expect(Set(seen) == Set(0..<30), "training and validation together are the training file")
    let held = try #require(task.testBatch())
    #expect(Self.images(held) == Array(100..<112), "every test example, in file order")
    guard case .classes(let labels) = held.targets else { throw TestFailure("classes") }
    #expect(labels == (0..<12).map { Int32($0 % 10) })
    #expect(try Self.task(files, seed: 3, dataSeed: nil).testBatch() == nil)
  }

  @Test func splitErrorsNameTheKey() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let files = try Self.writeIDX(dir, "train", count: 10, first: 0)
    #expect(throws: ConfigError.self) { try Self.task(files, seed: 1, dataSeed: nil, validation: 10) }
    do {
      _ = try Self.task(files, seed: 1, dataSeed: nil, validation: 10)
    } catch let error as ConfigError {
      #expect(error.description == #""task.validation": 10 takes 10 of 10 examples; at least one must remain for training"#)
    }
    let config = try TrainingConfig.parse([
      "cell": ["hiddenSize": 4], "task": ["name": "idx", "images": .string(files.0), "labels": .string(files.1), "testImages": .string(files.0)],
    ])
    #expect(throws: ConfigError(key: "task.testLabels", "is required when task.testImages is given")) { try makeTrainingRun(config) }
  }

  @Test func csvValidatesOnTheLastRowsAndTestsOnItsOwnFileAndWarnsOfIndexColumns() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    func write(_ name: String, rows: Range<Int>) throws -> String {
      let text = "row,a\n" + rows.map { "\($0),\(sin(Double($0)))\n" }.joined()
      try text.write(toFile: dir.path(name), atomically: true, encoding: .utf8)
      return dir.path(name)
    }
    let path = try write("series.csv", rows: 0..<100)
    let testPath = try write("later.csv", rows: 1000..<1020)
    let task = try CSVTask(CSVTaskSpec(path: path, window: 4, validation: 10, testPath: testPath))
    #expect(task.warnings == [#"column "row" looks like an index (whole numbers, strictly monotone) and is forecast as data; name the columns to forecast in task.columns"#])
    #expect(try CSVTask(CSVTaskSpec(path: path, columns: ["a"], window: 4)).warnings.isEmpty, "named columns: no warning")
    // The row column standardised with the first 90 rows' statistics names each window's row.
    let mean = 44.5
    let std = ((0..<90).map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / 90).squareRoot()
    func rows(_ b: SequenceBatch<Double>) -> [Int] { (0..<b.batch).map { Int((b.inputs[$0, 0] * std + mean).rounded()) } }
    var rng = Xoshiro256(seed: 1)
    #expect(rows(task.trainingBatch(size: 300, using: &rng)).allSatisfy { $0 + 4 < 90 }, "training windows and targets before row 90")
    #expect(rows(task.validationBatch(using: &rng)) == Array(90...95))
    let held = try #require(task.testBatch())
    #expect(rows(held) == Array(1000...1015))
  }
}

/// A failure with a message, for `throw` in tests.
struct TestFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
