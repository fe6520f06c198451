/// The element types a safetensors file may hold here. Other dtypes are rejected by name.
public enum TensorDType: String, Sendable, Equatable, CaseIterable {
  /// IEEE 754 binary32, little-endian, 4 bytes.
  case f32 = "F32"
  /// IEEE 754 binary64, little-endian, 8 bytes.
  case f64 = "F64"

  /// Bytes per element: 4 or 8.
  public var byteCount: Int {
    switch self {
    case .f32: return 4
    case .f64: return 8
    }
  }
}

/// A dense, row-major tensor of `Float` or `Double` values.
///
/// Invariant: `elementCount == shape.reduce(1, *)` and every dimension is ≥ 0 (a scalar has
/// shape `[]` and one element; a shape with a 0 has no elements).
public struct Tensor: Sendable, Equatable {
  /// The values, in row-major order, with their element type.
  public enum Storage: Sendable, Equatable {
    /// `F32` values.
    case float32([Float])
    /// `F64` values.
    case float64([Double])
  }

  /// The dimensions, outermost first.
  public let shape: [Int]
  /// The values; their count is the product of `shape`.
  public let storage: Storage

  /// A `F32` tensor; throws when `values.count` is not the product of `shape` or a dimension
  /// is negative: `shape [2, 3] holds 6 elements, got 5 values`.
  public init(_ values: [Float], shape: [Int]) throws(FileFormatError) {
    try Tensor.check(shape: shape, count: values.count)
    self.shape = shape
    self.storage = .float32(values)
  }

  /// A `F64` tensor; throws like `init(_:shape:)` for `[Float]`.
  public init(_ values: [Double], shape: [Int]) throws(FileFormatError) {
    try Tensor.check(shape: shape, count: values.count)
    self.shape = shape
    self.storage = .float64(values)
  }

  /// The element type.
  public var dtype: TensorDType {
    switch storage {
    case .float32: return .f32
    case .float64: return .f64
    }
  }

  /// The number of elements (the product of `shape`).
  public var elementCount: Int {
    switch storage {
    case .float32(let values): return values.count
    case .float64(let values): return values.count
    }
  }

  /// The values as `Double`s (exact for `F32`).
  public func asDoubles() -> [Double] {
    switch storage {
    case .float32(let values): return values.map(Double.init)
    case .float64(let values): return values
    }
  }

  /// The values as `Float`s (`F64` values rounded to nearest).
  public func asFloats() -> [Float] {
    switch storage {
    case .float32(let values): return values
    case .float64(let values): return values.map(Float.init)
    }
  }

  /// The shape written as `[2, 3]`.
  public var shapeDescription: String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }

  /// The product of `shape`, or nil when a dimension is negative or the product overflows.
  static func elementCount(of shape: [Int]) -> Int? {
    var product = 1
    for dimension in shape {
      guard dimension >= 0 else { return nil }
      let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
      guard !overflow else { return nil }
      product = next
    }
    return product
  }

  private static func check(shape: [Int], count: Int) throws(FileFormatError) {
    let text = "[" + shape.map(String.init).joined(separator: ", ") + "]"
    guard let expected = elementCount(of: shape) else {
      throw FileFormatError("shape \(text) is invalid (negative dimension or too many elements)")
    }
    guard expected == count else {
      throw FileFormatError("shape \(text) holds \(expected) elements, got \(count) values")
    }
  }
}
