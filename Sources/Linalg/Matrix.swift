import RealModule
/// A dense row-major matrix: element `(i, j)` is `storage[i * cols + j]`.
///
/// A value type (copy-on-write through its array). Vectors are `1 × n` or `n × 1` matrices.
/// Shapes follow the PyTorch convention used throughout odernn: a linear map's weight is
/// `[out, in]` and is applied as `x Wᵀ`. The elementwise members are `@inlinable`, so that a
/// call from another module is specialised for its element type rather than run generically.
public struct Matrix<Scalar: BLASScalar>: Equatable, Sendable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let cols: Int
  /// Row-major elements; `storage.count == rows * cols` always.
  public var storage: [Scalar]

  /// A matrix filled with one value.
  public init(rows: Int, cols: Int, repeating value: Scalar = 0) {
    precondition(rows >= 0 && cols >= 0, "Matrix: negative shape \(rows)×\(cols)")
    self.rows = rows
    self.cols = cols
    self.storage = Array(repeating: value, count: rows * cols)
  }

  /// A matrix over existing row-major elements.
  public init(rows: Int, cols: Int, storage: [Scalar]) {
    precondition(
      rows >= 0 && cols >= 0 && storage.count == rows * cols,
      "Matrix: \(storage.count) elements do not fill \(rows)×\(cols)")
    self.rows = rows
    self.cols = cols
    self.storage = storage
  }

  /// A matrix from nested rows; every row must have the same length.
  public init(_ nested: [[Scalar]]) {
    let cols = nested.first?.count ?? 0
    precondition(nested.allSatisfy { $0.count == cols }, "Matrix: ragged rows")
    self.init(rows: nested.count, cols: cols, storage: nested.flatMap { $0 })
  }

  /// Converts element type (rounding to nearest when narrowing).
  ///
  /// A generic caller (`Other` unknown where it is compiled, as in `ClosedFormJacobians`)
  /// would otherwise convert each element by the generic `BinaryFloatingPoint` path, several
  /// times slower than `Double(Float)`; odernn's two element types get the concrete
  /// conversions, which round the same.
  @inlinable
  public init<Other: BLASScalar>(converting other: Matrix<Other>) {
    let storage: [Scalar]
    if Other.self == Scalar.self {
      storage = unsafeBitCast(other.storage, to: [Scalar].self)
    } else if Other.self == Float.self && Scalar.self == Double.self {
      storage = unsafeBitCast(unsafeBitCast(other.storage, to: [Float].self).map { Double($0) }, to: [Scalar].self)
    } else if Other.self == Double.self && Scalar.self == Float.self {
      storage = unsafeBitCast(unsafeBitCast(other.storage, to: [Double].self).map { Float($0) }, to: [Scalar].self)
    } else {
      storage = other.storage.map { Scalar($0) }
    }
    self.init(rows: other.rows, cols: other.cols, storage: storage)
  }

  /// The `n × n` identity.
  @inlinable
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, cols: n)
    for i in 0..<n { m.storage[i * n + i] = 1 }
    return m
  }

  /// `rows * cols`.
  @inlinable public var count: Int { rows * cols }

  /// Element `(i, j)`.
  @inlinable
  public subscript(i: Int, j: Int) -> Scalar {
    get { storage[i * cols + j] }
    set { storage[i * cols + j] = newValue }
  }

  /// `Aᵀ` (materialised; not for hot paths, where GEMM takes transpose flags instead).
  @inlinable
  public func transposed() -> Matrix {
    var t = Matrix(rows: cols, cols: rows)
    for i in 0..<rows {
      for j in 0..<cols { t.storage[j * rows + i] = storage[i * cols + j] }
    }
    return t
  }

  /// Applies `f` to every element.
  @inlinable
  public func map(_ f: (Scalar) -> Scalar) -> Matrix {
    Matrix(rows: rows, cols: cols, storage: storage.map(f))
  }

  /// Row `i` as an array.
  public func row(_ i: Int) -> [Scalar] { Array(storage[(i * cols)..<((i + 1) * cols)]) }

  /// `self + other` elementwise.
  @inlinable
  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.rows == rhs.rows && lhs.cols == rhs.cols, "Matrix +: shape mismatch")
    return Matrix(rows: lhs.rows, cols: lhs.cols, storage: zip(lhs.storage, rhs.storage).map(+))
  }

  /// `self − other` elementwise.
  @inlinable
  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.rows == rhs.rows && lhs.cols == rhs.cols, "Matrix -: shape mismatch")
    return Matrix(rows: lhs.rows, cols: lhs.cols, storage: zip(lhs.storage, rhs.storage).map(-))
  }

  /// `s · A`.
  @inlinable
  public static func * (s: Scalar, m: Matrix) -> Matrix { m.map { s * $0 } }
}

extension Matrix: CustomStringConvertible {
  /// Rows on separate lines, for debugging.
  public var description: String {
    (0..<rows).map { i in row(i).map { "\($0)" }.joined(separator: " ") }
      .joined(separator: "\n")
  }
}
