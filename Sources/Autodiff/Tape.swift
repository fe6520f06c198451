import RealModule
import Linalg

/// A reverse-mode autodiff tape over dense row-major matrices.
///
/// Recording: every operation appends a `Node` and writes its value into one contiguous
/// arena; `Var` is the node's index. `backward(from:)` walks the nodes in reverse and
/// accumulates each input's gradient `∂L/∂x += J_opᵀ·∂L/∂y` (the rules are in
/// `Tape+Backward.swift`). `reset()` forgets the nodes but keeps the arenas, so recording the
/// same graph again — one training step after another — allocates nothing (a lean backward
/// pass that keeps more gradients than the last one grows the gradient arena).
///
/// Not thread-safe: a tape belongs to one thread (the trainer's).
public final class Tape<Scalar: BLASScalar> {
  @usableFromInline var nodes: [Node] = []
  /// Side list: concat inputs (as node ids) and integer targets.
  @usableFromInline var side: [Int32] = []
  @usableFromInline var values: UnsafeMutablePointer<Scalar>
  @usableFromInline var grads: UnsafeMutablePointer<Scalar>
  @usableFromInline var capacity: Int
  @usableFromInline var used = 0
  /// The gradient arena's size in elements (grown by `backward` to what its plan places).
  @usableFromInline var gradCapacity: Int
  /// The adjoints of `.adjoint` nodes, by the index stored in the node's side list: each reads
  /// `Ȳ` (the stacked output's gradient) and writes `X̄` (the stacked inputs', same layout).
  var adjointRules: [(_ upstream: UnsafePointer<Scalar>, _ result: UnsafeMutablePointer<Scalar>) -> Void] = []
  /// What iterative primitives reported since the last `reset()` (`Tape+Adjoint.swift`).
  public var solveLog = SolveLog()

  /// An empty tape with an initial arena of `capacity` elements (it grows as needed).
  public init(capacity: Int = 1 << 16) {
    self.capacity = max(capacity, 16)
    values = .allocate(capacity: self.capacity)
    gradCapacity = self.capacity
    grads = .allocate(capacity: gradCapacity)
  }

  deinit {
    values.deallocate()
    grads.deallocate()
  }

  /// Forgets every recorded node; keeps the arenas for the next recording.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func reset() {
    nodes.removeAll(keepingCapacity: true)
    side.removeAll(keepingCapacity: true)
    adjointRules.removeAll(keepingCapacity: true)
    solveLog = SolveLog()
    used = 0
  }

  /// The number of recorded nodes.
  public var count: Int { nodes.count }

  /// The value arena's elements in use.
  public var arenaUsed: Int { used }

  /// The value arena's size in elements (for allocation tests and diagnostics).
  public var arenaCapacity: Int { capacity }

  /// The gradient arena's size in elements: the value arena's under a full backward pass,
  /// the peak of the live gradients under a lean one (`backward(from:keeping:)`).
  public var gradientCapacity: Int { gradCapacity }

  /// Where node `n`'s gradient lives (placed by `planGradients`).
  @inline(__always) @usableFromInline
  func gradient(at n: Node) -> UnsafeMutablePointer<Scalar> { (n.gradInValues ? values : grads) + n.gradOffset }

  /// Shrinks the value arena to the elements in use (after a first recording has grown it
  /// by doubling: the same graph recorded again then fits exactly).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func shrinkToFit() {
    if capacity > max(used, 16) { resizeValues(max(used, 16)) }
  }

  /// Moves the value arena to one of `newCapacity` elements, keeping the values in use.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func resizeValues(_ newCapacity: Int) {
    let newValues = UnsafeMutablePointer<Scalar>.allocate(capacity: newCapacity)
    newValues.update(from: values, count: used)
    values.deallocate()
    values = newValues
    capacity = newCapacity
  }

  /// Makes the gradient arena hold `n` elements, reallocating when it is smaller or more than
  /// twice as large (a lean pass after one that kept more gives the memory back); its
  /// contents are not kept.
  @usableFromInline
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func reserveGradients(_ n: Int) {
    let n = max(n, 16)
    guard n > gradCapacity || 2 * n < gradCapacity else { return }
    grads.deallocate()
    gradCapacity = n
    grads = .allocate(capacity: n)
  }

  /// The shape of a recorded value.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func shape(_ v: Var) -> (rows: Int, cols: Int) {
    (nodes[v.index].rows, nodes[v.index].cols)
  }

  /// Reserves `n` arena elements and returns their offset, growing the arenas when needed
  /// (pointers into the arena are re-derived after every call).
  @usableFromInline
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func reserve(_ n: Int) -> Int {
    if used + n > capacity { resizeValues(max(capacity * 2, used + n)) }
    let offset = used
    used += n
    return offset
  }

  /// Appends a node of the given shape, marking its inputs as consumed; returns its handle.
  @usableFromInline
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func append(_ node: Node) -> Var {
    var node = node
    let id = Int32(nodes.count)
    consume(node.a, by: id, into: &node)
    consume(node.b, by: id, into: &node)
    consume(node.c, by: id, into: &node, asBase: true)
    nodes.append(node)
    return Var(id)
  }

  /// A new node with a fresh value buffer; inputs and parameters are filled by the caller.
  @inline(__always) @usableFromInline
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func consume(_ input: Int32, by id: Int32, into node: inout Node, asBase: Bool = false) {
    guard input >= 0 else { return }
    let i = Int(input)
    precondition(!nodes[i].overwritten, "tape: a value was consumed after a node was written over it")
    if asBase {  // `matmulAdd`'s base: rows `aux ..< aux + rows`
      precondition(node.aux >= nodes[i].rowsWritten, "tape: rows of a value were consumed after a node was written over them")
    } else {
      precondition(nodes[i].rowsWritten == 0, "tape: a value was consumed after a node was written over its rows")
      nodes[i].consumedAsOperand = true
    }
    node.needsGrad = node.needsGrad || nodes[i].needsGrad
    nodes[i].lastConsumer = id
  }

  @usableFromInline
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func makeNode(_ op: Op, rows: Int, cols: Int, a: Var? = nil, b: Var? = nil, c: Var? = nil, at offset: Int? = nil)
    -> Node
  {
    Node(
      op: op, a: a?.id ?? -1, b: b?.id ?? -1, c: c?.id ?? -1,
      rows: rows, cols: cols, offset: offset ?? reserve(rows * cols))
  }

  @usableFromInline
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func value(at v: Var) -> UnsafeMutablePointer<Scalar> { values + nodes[v.index].offset }

  // MARK: Leaves

  /// Records a constant: no gradient flows to it.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func constant(_ m: Matrix<Scalar>) -> Var { leaf(m, needsGrad: false) }

  /// Records a parameter: `backward` computes its gradient.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func parameter(_ m: Matrix<Scalar>) -> Var { leaf(m, needsGrad: true) }

  /// Records a leaf of the given shape whose elements `fill` writes in place (no copy).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func leaf(
    rows: Int, cols: Int, needsGrad: Bool,
    fill: (UnsafeMutableBufferPointer<Scalar>) -> Void
  ) -> Var {
    var node = makeNode(.leaf, rows: rows, cols: cols)
    node.needsGrad = needsGrad
    fill(UnsafeMutableBufferPointer(start: values + node.offset, count: rows * cols))
    return append(node)
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func leaf(_ m: Matrix<Scalar>, needsGrad: Bool) -> Var {
    leaf(rows: m.rows, cols: m.cols, needsGrad: needsGrad) { buffer in
      m.storage.withUnsafeBufferPointer { src in
        guard let s = src.baseAddress, let d = buffer.baseAddress else { return }
        d.update(from: s, count: src.count)
      }
    }
  }

  // MARK: Reading values and gradients

  /// A copy of a recorded value.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func value(_ v: Var) -> Matrix<Scalar> {
    let n = nodes[v.index]
    precondition(!n.overwritten && n.rowsWritten == 0, "value: a later node was written over it")
    return Matrix(
      rows: n.rows, cols: n.cols,
      storage: Array(UnsafeBufferPointer(start: values + n.offset, count: n.count)))
  }

  /// The single element of a `1 × 1` value.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func scalar(_ v: Var) -> Scalar {
    precondition(nodes[v.index].count == 1, "scalar: value is not 1×1")
    return values[nodes[v.index].offset]
  }

  /// Calls `body` with a recorded value's elements, without copying.
  public func withValue<R>(_ v: Var, _ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows
    -> R
  {
    let n = nodes[v.index]
    precondition(!n.overwritten && n.rowsWritten == 0, "withValue: a later node was written over it")
    return try body(UnsafeBufferPointer(start: values + n.offset, count: n.count))
  }

  /// A copy of `∂L/∂v` after `backward(from:)` (zeros when `v` does not influence `L`).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func gradient(_ v: Var) -> Matrix<Scalar> {
    withGradient(v) { g in
      Matrix(rows: nodes[v.index].rows, cols: nodes[v.index].cols, storage: Array(g))
    }
  }

  /// Calls `body` with `∂L/∂v`'s elements, without copying.
  public func withGradient<R>(
    _ v: Var, _ body: (UnsafeBufferPointer<Scalar>) throws -> R
  ) rethrows -> R {
    let n = nodes[v.index]
    precondition(n.needsGrad, "gradient: value does not depend on any parameter")
    precondition(n.gradKept, "gradient: not kept by the lean backward pass (list it in keeping:)")
    return try body(UnsafeBufferPointer(start: gradient(at: n), count: n.count))
  }
}
