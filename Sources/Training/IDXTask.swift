import FileFormats
import Foundation
import Linalg
import ODECells

/// Sequential image classification from MNIST-format IDX files (Le et al. 2015): each image is
/// read pixel by pixel (`T = rows·cols`, `I = 1`, scaled to `[0, 1]`), optionally through
/// one fixed pixel permutation (permuted MNIST); cross-entropy over 10 classes at the last step.
///
/// The examples of the training files (the first `limit` when given) are split once by
/// `ExampleSplit` from `dataSeed`: a fixed validation set (`validation`: a fraction or a
/// count), training draws uniformly from the rest. The test files, when given, are a third
/// set: never drawn for training, never part of validation.
public struct IDXTask: SequenceTask {
  let images: IDXImages
  let labels: [UInt8]
  let test: (images: IDXImages, labels: [UInt8])?
  let permutation: [Int]?
  /// The split of the training files' examples.
  public let split: ExampleSplit

  /// `T = rows·cols`.
  public var steps: Int { images.pixelsPerImage }
  /// 1.
  public var inputSize: Int { 1 }
  /// 10.
  public var outputSize: Int { 10 }
  /// crossEntropy.
  public var loss: LossKind { .crossEntropy }
  /// The last step.
  public var readoutSteps: Range<Int> { (steps - 1)..<steps }

  /// Loads and validates the files; draws the split, then the permutation, from `dataSeed`.
  public init(_ spec: IDXTaskSpec, dataSeed: UInt64) throws(ConfigError) {
    let (images, labels) = try Self.load(spec.images, spec.labels, imagesKey: "task.images", labelsKey: "task.labels", limit: spec.limit)
    guard labels.count >= 2 else { throw ConfigError(key: "task.images", "\(spec.images) has \(images.count) images; need at least 2") }
    self.images = images
    self.labels = labels
    switch (spec.testImages, spec.testLabels) {
    case (let i?, let l?):
      let t = try Self.load(i, l, imagesKey: "task.testImages", labelsKey: "task.testLabels", limit: nil)
      guard t.images.rows == images.rows, t.images.cols == images.cols else {
        throw ConfigError(key: "task.testImages", "\(i) has \(t.images.rows) × \(t.images.cols) images; the training images are \(images.rows) × \(images.cols)")
      }
      test = t
    case (nil, nil): test = nil
    case (nil, _): throw ConfigError(key: "task.testLabels", "needs task.testImages (the test images the labels belong to)")
    case (_, nil): throw ConfigError(key: "task.testLabels", "is required when task.testImages is given")
    }
    var generator = ExampleSplit.dataGenerator(dataSeed)
    split = try ExampleSplit(count: labels.count, validation: spec.validation, using: &generator)
    if spec.permute {
      var p = Array(0..<images.pixelsPerImage)
      for i in stride(from: p.count - 1, to: 0, by: -1) { p.swapAt(i, generator.int(below: i + 1)) }
      permutation = p
    } else {
      permutation = nil
    }
  }

  /// An images file and its labels, checked against each other and for labels 0…9; the first
  /// `limit` examples when given.
  static func load(_ path: String, _ labelPath: String, imagesKey: String, labelsKey: String, limit: Int?) throws(ConfigError)
    -> (images: IDXImages, labels: [UInt8])
  {
    let images: IDXImages
    let labels: IDXLabels
    do {
      images = try IDXImages.read(contentsOf: URL(fileURLWithPath: path))
      labels = try IDXLabels.read(contentsOf: URL(fileURLWithPath: labelPath))
      try images.checkMatches(labels)
    } catch {
      throw ConfigError("\(error)")
    }
    let kept = Array(labels.labels.prefix(min(images.count, limit ?? .max)))
    if let bad = kept.first(where: { $0 > 9 }) {
      throw ConfigError(key: labelsKey, "\(labelPath) has label \(bad); labels must be 0…9")
    }
    return (images, kept)
  }

  func batch(_ indices: [Int], from source: IDXImages, labels: [UInt8]) -> SequenceBatch<Double> {
    let b = indices.count
    var x = Matrix<Double>(rows: steps * b, cols: 1)
    var targets = [Int32](repeating: 0, count: b)
    for (n, index) in indices.enumerated() {
      let pixels = source.image(index)
      let base = pixels.startIndex
      for k in 0..<steps {
        let pixel = permutation?[k] ?? k
        x.storage[k * b + n] = Double(pixels[base + pixel]) / 255
      }
      targets[n] = Int32(labels[index])
    }
    return SequenceBatch(inputs: x, steps: steps, batch: b, targets: .classes(targets), readoutSteps: readoutSteps)
  }

  public func trainingBatch(size: Int, using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    let training = split.training
    return batch((0..<size).map { _ in training[rng.int(below: training.count)] }, from: images, labels: labels)
  }

  public func validationBatch(using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    batch(split.validation, from: images, labels: labels)
  }

  /// Every example of the test files, in file order (through the same permutation).
  public func testBatch() -> SequenceBatch<Double>? {
    test.map { batch(Array($0.labels.indices), from: $0.images, labels: $0.labels) }
  }
}
