import FileFormats
import Foundation
import Linalg
import ODECells
import Testing
import Training

/// The tasks of DESIGN §1.4 against their definitions.
@Suite("Tasks")
struct TaskTests {
  /// `inputs[k·B + n, i]`.
  static func input(_ b: SequenceBatch<Double>, step k: Int, example n: Int, feature i: Int = 0) -> Double {
    b.inputs[k * b.batch + n, i]
  }

  // MARK: adding

  @Test func addingMarksOncePerHalfAndTargetsTheSum() throws {
    let task = AddingTask(length: 17)
    #expect(task.inputSize == 2 && task.outputSize == 1 && task.steps == 17 && task.loss == .mse)
    #expect(task.readoutSteps == 16..<17)
    var rng = Xoshiro256(seed: 3)
    let b = task.trainingBatch(size: 300, using: &rng)
    #expect(b.steps == 17 && b.batch == 300 && b.readoutSteps == 16..<17)
    guard case .values(let y) = b.targets else {
      Issue.record("adding targets are not values")
      return
    }
    #expect(y.rows == 300 && y.cols == 1)
    let half = 17 / 2
    var firstPositions = Set<Int>()
    var secondPositions = Set<Int>()
    for n in 0..<300 {
      var marked: [Int] = []
      for k in 0..<17 {
        let v = Self.input(b, step: k, example: n, feature: 0)
        #expect(v >= 0 && v < 1)
        let m = Self.input(b, step: k, example: n, feature: 1)
        #expect(m == 0 || m == 1)
        if m == 1 { marked.append(k) }
      }
      #expect(marked.count == 2, "example \(n): markers at \(marked)")
      guard marked.count == 2 else { continue }
      #expect(marked[0] < half && marked[1] >= half, "one marker per half: \(marked)")
      firstPositions.insert(marked[0])
      secondPositions.insert(marked[1])
      let sum = Self.input(b, step: marked[0], example: n) + Self.input(b, step: marked[1], example: n)
      #expect(y[n, 0] == sum)
    }
    // Every position of each half is used over 300 examples.
    #expect(firstPositions == Set(0..<half))
    #expect(secondPositions == Set(half..<17))
  }

  /// Predicting the mean 1 gives mse = Var(U₁ + U₂) = 1/6.
  @Test func predictingOneGivesASixth() {
    let task = AddingTask(length: 10)
    var rng = Xoshiro256(seed: 11)
    let b = task.trainingBatch(size: 40_000, using: &rng)
    guard case .values(let y) = b.targets else {
      Issue.record("adding targets are not values")
      return
    }
    let mse = y.storage.reduce(0) { $0 + ($1 - 1) * ($1 - 1) } / Double(y.count)
    // Standard error of the estimate ≈ 0.197/√40000 ≈ 0.001.
    #expect(abs(mse - 1.0 / 6) < 0.005, "mse \(mse)")
  }

  // MARK: copy

  @Test func copyLayoutAndTargets() throws {
    let (delay, symbols, length) = (6, 5, 4)
    let task = CopyTask(delay: delay, symbols: symbols, length: length)
    let steps = 2 * length + delay
    #expect(task.steps == steps && task.inputSize == symbols + 2 && task.outputSize == symbols)
    #expect(task.loss == .crossEntropy)
    #expect(task.readoutSteps == (steps - length)..<steps)
    var rng = Xoshiro256(seed: 5)
    let b = task.trainingBatch(size: 50, using: &rng)
    #expect(b.readoutSteps == (steps - length)..<steps)
    guard case .classes(let targets) = b.targets else {
      Issue.record("copy targets are not classes")
      return
    }
    #expect(targets.count == length * 50)
    let blank = symbols
    let delimiter = symbols + 1
    var seen = Set<Int>()
    for n in 0..<50 {
      var hot: [Int] = []
      for k in 0..<steps {
        let row = (0..<(symbols + 2)).map { Self.input(b, step: k, example: n, feature: $0) }
        #expect(row.allSatisfy { $0 == 0 || $0 == 1 } && row.reduce(0, +) == 1, "one-hot at step \(k): \(row)")
        hot.append(row.firstIndex(of: 1) ?? -1)
      }
      for k in 0..<length {
        #expect(hot[k] < symbols, "a data symbol at step \(k)")
        seen.insert(hot[k])
        // Readout row r = (k − start)·B + n holds the k-th symbol.
        #expect(Int(targets[k * 50 + n]) == hot[k])
      }
      for k in length..<steps {
        #expect(hot[k] == (k == length + delay - 1 ? delimiter : blank), "step \(k): \(hot[k])")
      }
    }
    #expect(seen == Set(0..<symbols))
  }

  // MARK: sine

  @Test func sineTargetIsTheNextInput() throws {
    let task = SineTask(length: 30, components: 3, noise: 0.05)
    #expect(task.readoutSteps == 0..<30 && task.loss == .mse && task.inputSize == 1 && task.outputSize == 1)
    var rng = Xoshiro256(seed: 2)
    let b = task.trainingBatch(size: 20, using: &rng)
    guard case .values(let y) = b.targets else {
      Issue.record("sine targets are not values")
      return
    }
    #expect(y.rows == 30 * 20)
    var differs = false
    for n in 0..<20 {
      for k in 0..<29 {
        #expect(y[k * 20 + n, 0] == Self.input(b, step: k + 1, example: n), "example \(n) step \(k)")
        if y[k * 20 + n, 0] != Self.input(b, step: k, example: n) { differs = true }
      }
      // Amplitudes sum to at most 1 (plus noise).
      for k in 0..<30 { #expect(abs(Self.input(b, step: k, example: n)) < 1 + 0.05 * 7) }
    }
    #expect(differs)
  }

  @Test func syntheticValidationSetsHaveTheDocumentedSize() {
    var rng = Xoshiro256(seed: 1)
    #expect(AddingTask(length: 5).validationBatch(using: &rng).batch == syntheticValidationSize)
    #expect(SineTask(length: 5, components: 1, noise: 0).validationBatch(using: &rng).batch == syntheticValidationSize)
  }

  // MARK: idx

  /// 28 images of 3×3 pixels: pixel p of image i is `9·i + p`, except the last pixel of the
  /// last image, which is 255; so every pixel value in the file is distinct (0 … 251, 255)
  /// and an example identifies its image and its pixel order.
  static func writeIDX(in dir: ScratchDirectory, count: Int = 28) throws -> (images: String, labels: String, pixels: [[UInt8]]) {
    var pixels: [[UInt8]] = []
    for i in 0..<count {
      var img = (0..<9).map { p in UInt8(9 * i + p) }
      if i == 27 { img[8] = 255 }
      pixels.append(img)
    }
    let images = try IDXImages(count: count, rows: 3, cols: 3, pixels: pixels.flatMap { $0 })
    let labels = try IDXLabels(labels: (0..<count).map { UInt8($0 % 10) })
    try images.write(to: dir.url.appendingPathComponent("img.idx"))
    try labels.write(to: dir.url.appendingPathComponent("lab.idx"))
    return (dir.path("img.idx"), dir.path("lab.idx"), pixels)
  }

  /// The image index of example `n`, identified by its pixel values.
  static func identify(_ b: SequenceBatch<Double>, _ n: Int, _ pixels: [[UInt8]], permutation: [Int]?) -> Int? {
    let seq = (0..<b.steps).map { Self.input(b, step: $0, example: n) }
    return pixels.firstIndex { img in
      (0..<9).allSatisfy { k in seq[k] == Double(img[permutation?[k] ?? k]) / 255 }
    }
  }

  @Test func idxReadsPixelsInOrderScaledToTheUnitInterval() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let (images, labels, pixels) = try Self.writeIDX(in: dir)
    var rng = Xoshiro256(seed: 4)
    let task = try IDXTask(IDXTaskSpec(images: images, labels: labels, permute: false, limit: nil), dataSeed: rng.next())
    #expect(task.steps == 9 && task.inputSize == 1 && task.outputSize == 10 && task.loss == .crossEntropy)
    #expect(task.readoutSteps == 8..<9)
    let validation = task.validationBatch(using: &rng)
    #expect(validation.batch == 2, "⌊0.1 · 28⌋")
    let train = task.trainingBatch(size: 300, using: &rng)
    var validationImages = Set<Int>()
    var trainingImages = Set<Int>()
    for (batch, set) in [(validation, 0), (train, 1)] {
      guard case .classes(let targets) = batch.targets else {
        Issue.record("idx targets are not classes")
        return
      }
      #expect(targets.count == batch.batch)
      for n in 0..<batch.batch {
        let values = (0..<9).map { Self.input(batch, step: $0, example: n) }
        #expect(values.allSatisfy { $0 >= 0 && $0 <= 1 })
        guard let image = Self.identify(batch, n, pixels, permutation: nil) else {
          Issue.record("example \(n) is not any image in pixel order: \(values)")
          continue
        }
        #expect(Int(targets[n]) == image % 10, "label of image \(image)")
        if set == 0 { validationImages.insert(image) } else { trainingImages.insert(image) }
      }
    }
    #expect(validationImages.count == 2)
    #expect(validationImages.isDisjoint(with: trainingImages), "validation \(validationImages) ∩ training")
    #expect(validationImages.union(trainingImages) == Set(0..<28), "300 draws cover the 26 training images")
    // Pixel values 0 and 255 scale to exactly 0 and 1.
    var extremes = 0
    for batch in [validation, train] {
      for n in 0..<batch.batch {
        switch Self.identify(batch, n, pixels, permutation: nil) {
        case 0:
          #expect(Self.input(batch, step: 0, example: n) == 0)
          extremes += 1
        case 27:
          #expect(Self.input(batch, step: 8, example: n) == 1)
          extremes += 1
        default: break
        }
      }
    }
    #expect(extremes > 0)
  }

  @Test func idxPermutationIsOneFixedBijection() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let (images, labels, pixels) = try Self.writeIDX(in: dir)
    var rng = Xoshiro256(seed: 8)
    let task = try IDXTask(IDXTaskSpec(images: images, labels: labels, permute: true, limit: nil), dataSeed: rng.next())
    let batches = [task.validationBatch(using: &rng), task.trainingBatch(size: 64, using: &rng), task.trainingBatch(size: 64, using: &rng)]
    var permutation: [Int]?
    for b in batches {
      for n in 0..<b.batch {
        // Recover the permutation from the pixel values (distinct within an image).
        let seq = (0..<9).map { Self.input(b, step: $0, example: n) }
        let candidates = pixels.compactMap { img -> [Int]? in
          let p = seq.compactMap { v in img.firstIndex { Double($0) / 255 == v } }
          return p.count == 9 ? p : nil
        }
        guard let p = candidates.first else {
          Issue.record("example \(n) is no permutation of any image")
          continue
        }
        #expect(candidates.count == 1 && Set(p) == Set(0..<9), "a bijection: \(p)")
        if let permutation { #expect(p == permutation, "the same permutation for every example") } else { permutation = p }
      }
    }
    #expect(permutation != nil && permutation != Array(0..<9), "permuted: \(permutation ?? [])")
    // The same seed gives the same permutation; identify() with it finds every example.
    var rng2 = Xoshiro256(seed: 8)
    let again = try IDXTask(IDXTaskSpec(images: images, labels: labels, permute: true, limit: nil), dataSeed: rng2.next())
    let v = again.validationBatch(using: &rng2)
    for n in 0..<v.batch { #expect(Self.identify(v, n, pixels, permutation: permutation) != nil) }
  }

  @Test func idxLimitUsesTheFirstImagesOnly() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let (images, labels, pixels) = try Self.writeIDX(in: dir)
    var rng = Xoshiro256(seed: 9)
    let task = try IDXTask(IDXTaskSpec(images: images, labels: labels, permute: false, limit: 12), dataSeed: rng.next())
    let b = task.trainingBatch(size: 200, using: &rng)
    let v = task.validationBatch(using: &rng)
    #expect(v.batch == 1)
    for batch in [b, v] {
      for n in 0..<batch.batch {
        let image = Self.identify(batch, n, pixels, permutation: nil)
        #expect(image != nil && image! < 12)
      }
    }
  }

  @Test func badIDXFilesGiveErrorsNamingTheFile() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let (images, labels, _) = try Self.writeIDX(in: dir)
    func message(_ images: String, _ labels: String) -> String? {
      var rng = Xoshiro256(seed: 1)
      do {
        _ = try IDXTask(IDXTaskSpec(images: images, labels: labels, permute: false, limit: nil), dataSeed: rng.next())
        return nil
      } catch {
        return error.description
      }
    }
    let missing = dir.path("nope.idx")
    let m1 = try #require(message(missing, labels))
    #expect(m1.contains("nope.idx"), "\(m1)")
    // A labels file where images are expected (wrong magic).
    let m2 = try #require(message(labels, labels))
    #expect(m2.contains("lab.idx"), "\(m2)")
    // Truncated images file.
    let truncated = dir.path("short.idx")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: images))
    try bytes.prefix(bytes.count - 3).write(to: URL(fileURLWithPath: truncated))
    let m3 = try #require(message(truncated, labels))
    #expect(m3.contains("short.idx"), "\(m3)")
    // A label out of 0…9.
    let badLabels = dir.path("bad-labels.idx")
    try IDXLabels(labels: (0..<28).map { $0 == 7 ? 12 : 0 }).write(to: URL(fileURLWithPath: badLabels))
    let m4 = try #require(message(images, badLabels))
    #expect(m4.contains("bad-labels.idx") && m4.contains("12"), "\(m4)")
    // Counts that differ.
    let fewLabels = dir.path("few.idx")
    try IDXLabels(labels: [1, 2, 3]).write(to: URL(fileURLWithPath: fewLabels))
    #expect(message(images, fewLabels) != nil)
    for m in [m1, m2, m3, m4] { #expect(!m.contains("\n")) }
  }

  // MARK: csv

  /// Rows r = 0..<rows with columns t = r, a = 2r + 1 + sin r, and a text column.
  static func writeCSV(_ dir: ScratchDirectory, rows: Int, name: String = "data.csv") throws -> String {
    var text = "t,a,label\n"
    for r in 0..<rows { text += "\(r),\(2 * Double(r) + 1 + sin(Double(r))),x\(r)\n" }
    let path = dir.path(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func csvStandardisesAndForecastsTheNextRow() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let rows = 100
    let path = try Self.writeCSV(dir, rows: rows)
    let task = try CSVTask(CSVTaskSpec(path: path, window: 6, validation: 0.2))
    #expect(task.inputSize == 2 && task.outputSize == 2 && task.steps == 6 && task.readoutSteps == 0..<6)
    // Independent statistics of the first 80 rows.
    let split = 80
    func raw(_ r: Int) -> [Double] { [Double(r), 2 * Double(r) + 1 + sin(Double(r))] }
    var mean = [0.0, 0.0]
    var std = [0.0, 0.0]
    for r in 0..<split { for j in 0..<2 { mean[j] += raw(r)[j] / Double(split) } }
    for r in 0..<split { for j in 0..<2 { std[j] += pow(raw(r)[j] - mean[j], 2) / Double(split) } }
    std = std.map { $0.squareRoot() }
    func rowOf(_ standardisedT: Double) -> Int { Int((standardisedT * std[0] + mean[0]).rounded()) }

    var rng = Xoshiro256(seed: 6)
    let train = task.trainingBatch(size: 200, using: &rng)
    let validation = task.validationBatch(using: &rng)
    for (batch, isValidation) in [(train, false), (validation, true)] {
      guard case .values(let y) = batch.targets else {
        Issue.record("csv targets are not values")
        return
      }
      for n in 0..<batch.batch {
        let start = rowOf(batch.inputs[n, 0])
        if isValidation { #expect(start >= split, "validation window starts at \(start)") } else {
          #expect(start + 6 < split, "training window and its targets in the first 80%: start \(start)")
        }
        for k in 0..<6 {
          for j in 0..<2 {
            let expectedX = (raw(start + k)[j] - mean[j]) / std[j]
            let expectedY = (raw(start + k + 1)[j] - mean[j]) / std[j]
            #expect(abs(batch.inputs[k * batch.batch + n, j] - expectedX) < 1e-12)
            #expect(abs(y[k * batch.batch + n, j] - expectedY) < 1e-12)
          }
        }
      }
    }
    #expect(validation.batch == 100 - 6 - 1 - split + 1)
  }

  @Test func csvSelectsColumnsByName() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let path = try Self.writeCSV(dir, rows: 60)
    let task = try CSVTask(CSVTaskSpec(path: path, columns: ["a"], window: 3))
    #expect(task.inputSize == 1)
    let bad = try #require(Self.csvError(path: path, columns: ["nope"], window: 3))
    #expect(bad.contains("data.csv") && bad.contains("nope"), "\(bad)")
  }

  static func csvError(path: String, columns: [String]?, window: Int) -> String? {
    do {
      _ = try CSVTask(CSVTaskSpec(path: path, columns: columns, window: window))
      return nil
    } catch {
      return error.description
    }
  }

  /// Too few rows is an error naming the file, and the minimum it states is the true minimum:
  /// that many rows are accepted, one fewer is rejected.
  @Test(arguments: [1, 5, 50])
  func csvTooFewRowsStatesTheTrueMinimum(window: Int) throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let small = try Self.writeCSV(dir, rows: window + 2, name: "small.csv")
    let message = try #require(Self.csvError(path: small, columns: nil, window: window))
    #expect(message.contains("small.csv") && message.contains("task.window"), "\(message)")
    // "... needs at least N ..."
    let needed = try #require(
      message.components(separatedBy: "at least ").dropFirst().first?.prefix { $0.isNumber }.description)
    let n = try #require(Int(needed), "\(message)")
    let enough = try Self.writeCSV(dir, rows: n, name: "enough.csv")
    #expect(Self.csvError(path: enough, columns: nil, window: window) == nil, "\(n) rows should do for window \(window)")
    let short = try Self.writeCSV(dir, rows: n - 1, name: "short.csv")
    #expect(Self.csvError(path: short, columns: nil, window: window) != nil, "\(n - 1) rows should not do for window \(window)")
  }

  @Test func missingCSVNamesTheFile() throws {
    let message = try #require(Self.csvError(path: "/nonexistent/dir/series.csv", columns: nil, window: 3))
    #expect(message.contains("series.csv"), "\(message)")
  }
}
