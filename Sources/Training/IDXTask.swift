import FileFormats
import Foundation
import Linalg
import ODECells

/// Sequential image classification from MNIST-format IDX files (Le et al. 2015): each image is
/// read pixel by pixel (`T = rows·cols`, `I = 1`, scaled to `[0, 1]`), optionally through
/// one fixed pixel permutation (permuted MNIST); cross-entropy over 10 classes at the last step.
///
/// The examples (the first `limit` when given) are split once, by the run's generator: a
/// fixed validation set of `min(1000, n/10)` examples (at least 1), training draws uniformly
/// from the rest.
public struct IDXTask: SequenceTask {
  let images: IDXImages
  let labels: [UInt8]
  let permutation: [Int]?
  let validationIndices: [Int]
  let trainingIndices: [Int]

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

  /// Loads and validates the files; draws the permutation and the split from `rng`.
  public init(images path: String, labels labelPath: String, permute: Bool, limit: Int?, using rng: inout Xoshiro256) throws(ConfigError) {
    let images: IDXImages
    let labels: IDXLabels
    do {
      images = try IDXImages.read(contentsOf: URL(fileURLWithPath: path))
      labels = try IDXLabels.read(contentsOf: URL(fileURLWithPath: labelPath))
      try images.checkMatches(labels)
    } catch {
      throw ConfigError("\(error)")
    }
    let n = min(images.count, limit ?? .max)
    guard n >= 2 else { throw ConfigError(key: "task.images", "\(path) has \(images.count) images; need at least 2") }
    if let bad = labels.labels.prefix(n).first(where: { $0 > 9 }) {
      throw ConfigError(key: "task.labels", "\(labelPath) has label \(bad); labels must be 0…9")
    }
    self.images = images
    self.labels = Array(labels.labels.prefix(n))
    var order = Array(0..<n)
    for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, rng.int(below: i + 1)) }
    let validationCount = max(1, min(1000, n / 10))
    validationIndices = Array(order.prefix(validationCount))
    trainingIndices = Array(order.dropFirst(validationCount))
    if permute {
      var p = Array(0..<images.pixelsPerImage)
      for i in stride(from: p.count - 1, to: 0, by: -1) { p.swapAt(i, rng.int(below: i + 1)) }
      permutation = p
    } else {
      permutation = nil
    }
  }

  func batch(_ indices: [Int]) -> SequenceBatch<Double> {
    let b = indices.count
    var x = Matrix<Double>(rows: steps * b, cols: 1)
    var targets = [Int32](repeating: 0, count: b)
    for (n, index) in indices.enumerated() {
      let pixels = images.image(index)
      let base = pixels.startIndex
      for k in 0..<steps {
        let source = permutation?[k] ?? k
        x.storage[k * b + n] = Double(pixels[base + source]) / 255
      }
      targets[n] = Int32(labels[index])
    }
    return SequenceBatch(inputs: x, steps: steps, batch: b, targets: .classes(targets), readoutSteps: readoutSteps)
  }

  public func trainingBatch(size: Int, using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    batch((0..<size).map { _ in trainingIndices[rng.int(below: trainingIndices.count)] })
  }

  public func validationBatch(using rng: inout Xoshiro256) -> SequenceBatch<Double> {
    batch(validationIndices)
  }
}
