import RealModule
import Linalg

/// The primitives: each checks shapes, computes its value into the arena and records a node.
extension Tape {
  /// `op(A)·op(B)`, with `op(X) = Xᵀ` when the flag is set (a GEMM flag, never a copy).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func matmul(_ a: Var, _ b: Var, transposeA: Bool = false, transposeB: Bool = false)
    -> Var
  {
    let (m, n) = productShape(a, b, transposeA, transposeB)
    var node = makeNode(.matmul, rows: m, cols: n, a: a, b: b)
    node.transA = transposeA
    node.transB = transposeB
    gemmForward(node, beta: 0)
    return append(node)
  }

  /// `base[rowOffset ..< rowOffset + m, :] + op(A)·op(B)`: a matmul that adds a precomputed
  /// block, e.g. the step-`k` rows of one input projection `X·Vᵀ + b` for all time steps.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func matmulAdd(
    _ base: Var, rowOffset: Int = 0, _ a: Var, _ b: Var,
    transposeA: Bool = false, transposeB: Bool = false
  ) -> Var {
    let node = matmulAddNode(base, rowOffset: rowOffset, a, b, transposeA, transposeB)
    (values + node.offset).update(from: values + nodes[base.index].offset + rowOffset * node.cols, count: node.count)
    gemmForward(node, beta: 1)
    return append(node)
  }

  /// The node of `base[rowOffset ..< rowOffset + m] + op(A)·op(B)`, shapes checked, its value
  /// in a fresh buffer or, `inPlace`, in the block of `base` itself.
  @usableFromInline
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func matmulAddNode(_ base: Var, rowOffset: Int, _ a: Var, _ b: Var, _ ta: Bool, _ tb: Bool, inPlace: Bool = false) -> Node {
    let (m, n) = productShape(a, b, ta, tb)
    let bs = shape(base)
    precondition(
      bs.cols == n && rowOffset >= 0 && rowOffset + m <= bs.rows,
      "matmulAdd: base \(bs.rows)×\(bs.cols) has no \(m)×\(n) block at row \(rowOffset)")
    var node = makeNode(.matmulAdd, rows: m, cols: n, a: a, b: b, c: base, at: inPlace ? nodes[base.index].offset + rowOffset * n : nil)
    node.transA = ta
    node.transB = tb
    node.aux = rowOffset
    return node
  }

  /// `A + 𝟙·biasᵀ`: adds a `1 × n` row to every row of `A`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func addRowBroadcast(_ a: Var, _ bias: Var) -> Var {
    let (m, n) = shape(a)
    precondition(shape(bias) == (1, n), "addRowBroadcast: bias must be 1×\(n)")
    let node = makeNode(.addRow, rows: m, cols: n, a: a, b: bias)
    let x = value(at: a)
    let y = value(at: bias)
    Kernels.addRow(x, y, values + node.offset, rows: m, cols: n)
    return append(node)
  }

  /// `A + B` (recorded as `A + 1·B`: the same bits, one rule fewer).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func add(_ a: Var, _ b: Var) -> Var { addScaled(a, b, scale: 1) }

  /// `A − B` (recorded as `A + (−1)·B`, exact in IEEE arithmetic).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func sub(_ a: Var, _ b: Var) -> Var { addScaled(a, b, scale: -1) }

  /// `A ⊙ B` (Hadamard product).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func mul(_ a: Var, _ b: Var) -> Var {
    precondition(shape(a) == shape(b), "mul: shapes \(shape(a)) and \(shape(b)) differ")
    let node = makeNode(.mul, rows: shape(a).rows, cols: shape(a).cols, a: a, b: b)
    Kernels.mul(value(at: a), value(at: b), values + node.offset, node.count)
    return append(node)
  }

  /// `s·A`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func scale(_ a: Var, by s: Scalar) -> Var {
    var node = makeNode(.scale, rows: shape(a).rows, cols: shape(a).cols, a: a)
    node.scalar = Double(s)
    let x = value(at: a)
    let out = values + node.offset
    for i in 0..<node.count { out[i] = s * x[i] }
    return append(node)
  }

  /// `A + s·B` (one fused node for the Runge–Kutta stage sums `S + ε Σ a_ij K_j`).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func addScaled(_ a: Var, _ b: Var, scale s: Scalar) -> Var {
    precondition(shape(a) == shape(b), "addScaled: shapes differ")
    var node = makeNode(.addScaled, rows: shape(a).rows, cols: shape(a).cols, a: a, b: b)
    node.scalar = Double(s)
    let x = value(at: a)
    let y = value(at: b)
    Kernels.addScaled(x, y, values + node.offset, node.count, s)
    return append(node)
  }

  /// `tanh(A)` elementwise.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func tanh(_ a: Var) -> Var { unary(.tanh, a) { Elementwise.tanh($0, $1, $2) } }

  /// `σ(A) = 1 / (1 + e^{−A})` elementwise.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func sigmoid(_ a: Var) -> Var {
    unary(.sigmoid, a) { Elementwise.sigmoid($0, $1, $2) }
  }

  /// `max(A, 0)` elementwise.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func relu(_ a: Var) -> Var {
    unary(.relu, a) { x, y, n in for i in 0..<n { y[i] = x[i] > 0 ? x[i] : 0 } }
  }

  /// `A` itself (the identity activation records nothing).
  public func identity(_ a: Var) -> Var { a }

  /// `A ⊙ A`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func square(_ a: Var) -> Var {
    unary(.square, a) { x, y, n in for i in 0..<n { y[i] = x[i] * x[i] } }
  }

  /// `Σ_ij a_ij` as a `1 × 1` value (accumulated in `Double`).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func sum(_ a: Var) -> Var { reduce(.sum, a, divisor: 1) }

  /// `(1/N) Σ_ij a_ij` as a `1 × 1` value (accumulated in `Double`).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func mean(_ a: Var) -> Var { reduce(.mean, a, divisor: Double(shape(a).rows * shape(a).cols)) }

  // MARK: Helpers

  @usableFromInline
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func productShape(_ a: Var, _ b: Var, _ ta: Bool, _ tb: Bool) -> (Int, Int) {
    let (ar, ac) = shape(a)
    let (br, bc) = shape(b)
    let (m, k) = ta ? (ac, ar) : (ar, ac)
    let (k2, n) = tb ? (bc, br) : (br, bc)
    precondition(k == k2, "matmul: inner dimensions \(k) and \(k2) differ")
    return (m, n)
  }

  /// `out ← op(A)·op(B) + beta·out` for a matmul-like node.
  @usableFromInline
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func gemmForward(_ node: Node, beta: Scalar) {
    let a = nodes[Int(node.a)]
    let b = nodes[Int(node.b)]
    let k = node.transA ? a.rows : a.cols
    guard node.rows > 0, node.cols > 0 else { return }
    if k == 0 {
      if beta == 0 { (values + node.offset).update(repeating: 0, count: node.count) }
      return
    }
    Scalar.gemm(
      transA: node.transA, transB: node.transB, m: node.rows, n: node.cols, k: k,
      alpha: 1, a: values + a.offset, lda: a.cols, b: values + b.offset, ldb: b.cols,
      beta: beta, c: values + node.offset, ldc: node.cols)
  }

  @inline(__always) @usableFromInline
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func unary(
    _ op: Op, _ a: Var,
    _ kernel: (UnsafePointer<Scalar>, UnsafeMutablePointer<Scalar>, Int) -> Void
  ) -> Var {
    let node = makeNode(op, rows: shape(a).rows, cols: shape(a).cols, a: a)
    kernel(value(at: a), values + node.offset, node.count)
    return append(node)
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func reduce(_ op: Op, _ a: Var, divisor: Double) -> Var {
    var node = makeNode(op, rows: 1, cols: 1, a: a)
    node.scalar = divisor
    let x = value(at: a)
    var s = 0.0
    for i in 0..<nodes[a.index].count { s += Double(x[i]) }
    values[node.offset] = Scalar(s / divisor)
    return append(node)
  }
}
