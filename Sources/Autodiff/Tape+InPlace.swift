import CKernels
import Linalg

/// Operations written over their input's value instead of into a new one, for a caller that
/// knows the input is read by nothing else: not later in the forward pass (the tape refuses
/// a consumer of an overwritten value) and not by any rule of the backward pass. That holds
/// for an input projection `X Vᵀ` that only its bias is added to, for a pre-activation
/// whose activation's rule reads the activation's output (tanh, sigmoid), and for the rows
/// of `P = X Vᵀ + b` that a time step's last field evaluation adds to: `z_k = P_k + h Mᵀ`
/// is written over `P_k`, and `σ(z_k)` over it, so the stages' activations take `P`'s place
/// (`matmulAdd(_:rowOffset:_:_:overwriting:)`); and for the partial sums of a Runge–Kutta
/// combination, which nothing else reads. The expressions, and so the bits, are
/// those of the ordinary operations.
extension Tape {
  /// `base[rowOffset ..< rowOffset + m] + op(A)·op(B)` (`matmulAdd`), written over those rows
  /// of `base`: the GEMM's `C` is the block itself (β = 1), so no copy is made.
  ///
  /// The blocks are written in order, each starting where the last one ended
  /// (`rowOffset == rowsWritten`), and a base whose rows are written may be read after that
  /// only as a `matmulAdd`'s base, at rows not yet written. When every row has been written,
  /// each block's gradient is assigned by its writer's rule (`gradByBlocks`), so a lean pass
  /// can keep the base's gradient in the base's own buffer: an activation written over a
  /// block is read by rules that run before its writer's.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func matmulAdd(
    _ base: Var, rowOffset: Int, _ a: Var, _ b: Var, transposeA: Bool = false, transposeB: Bool = false,
    overwriting: Bool
  ) -> Var {
    guard overwriting else { return matmulAdd(base, rowOffset: rowOffset, a, b, transposeA: transposeA, transposeB: transposeB) }
    let input = nodes[base.index]
    precondition(
      Self.mayBeWrittenOver(input) && !input.consumedAsOperand && rowOffset == input.rowsWritten && a != base && b != base,
      "tape: only the next block of rows of a computed value no rule reads can be written over")
    let node = matmulAddNode(base, rowOffset: rowOffset, a, b, transposeA, transposeB, inPlace: true)
    gemmForward(node, beta: 1)
    let v = append(node)
    nodes[base.index].rowsWritten = rowOffset + node.rows
    return v
  }

  /// `A + 1·bᵀ` (`addRowBroadcast`), written over `A`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func addRowBroadcast(_ a: Var, _ bias: Var, overwriting: Bool) -> Var {
    guard overwriting else { return addRowBroadcast(a, bias) }
    let (m, n) = shape(a)
    precondition(shape(bias) == (1, n), "addRowBroadcast: bias must be 1×\(n)")
    let node = overwritingNode(.addRow, over: a, b: bias)
    let y = values + node.offset
    let b = value(at: bias)
    if Scalar.self == Float.self {
      ck_add_row_inplace_f32(Kernels.f32(y), Kernels.f32(b), m, n)
    } else {
      ck_add_row_inplace_f64(Kernels.f64(y), Kernels.f64(b), m, n)
    }
    return finish(node, over: a)
  }

  /// `A + s·B` (`addScaled`), written over `A`: its rule reads no value, so `A` may be an
  /// unconsumed computed value that no rule reads (a partial sum of a Runge–Kutta
  /// combination; not a tanh's or sigmoid's output).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func addScaled(_ a: Var, _ b: Var, scale s: Scalar, overwriting: Bool) -> Var {
    guard overwriting else { return addScaled(a, b, scale: s) }
    precondition(shape(a) == shape(b) && a != b, "addScaled: shapes differ, or B is A")
    var node = overwritingNode(.addScaled, over: a, b: b)
    node.scalar = Double(s)
    let y = values + node.offset
    let x = value(at: b)
    if Scalar.self == Float.self {
      ck_add_scaled_inplace_f32(Kernels.f32(y), Kernels.f32(x), Kernels.f32(y), node.count, Float(s))
    } else {
      ck_add_scaled_inplace_f64(Kernels.f64(y), Kernels.f64(x), Kernels.f64(y), node.count, Double(s))
    }
    return finish(node, over: a)
  }

  /// `tanh(A)`, written over `A`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func tanh(_ a: Var, overwriting: Bool) -> Var {
    guard overwriting else { return tanh(a) }
    return squash(.tanh, a, scale: 1, shift: 0) { Elementwise.tanh($0, $0, $1) }
  }

  /// `σ(A)`, written over `A`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func sigmoid(_ a: Var, overwriting: Bool) -> Var {
    guard overwriting else { return sigmoid(a) }
    return squash(.sigmoid, a, scale: 0.5, shift: 0.5) { Elementwise.sigmoid($0, $0, $1) }
  }

  /// float32: `ck_tanh_f32`'s approximation in place (the C kernel's operands may not
  /// alias); float64: `Elementwise`'s loop, which reads each element before writing it.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func squash(
    _ op: Op, _ a: Var, scale: Float, shift: Float, _ elementwise: (UnsafeMutablePointer<Scalar>, Int) -> Void
  ) -> Var {
    let node = overwritingNode(op, over: a)
    let y = values + node.offset
    if Scalar.self == Float.self {
      ck_tanh_inplace_f32(Kernels.f32(y), node.count, scale, shift)
    } else {
      elementwise(y, node.count)
    }
    return finish(node, over: a)
  }

  /// Not a leaf, nor a value a rule reads (tanh's and sigmoid's outputs), nor one written
  /// over already.
  private static func mayBeWrittenOver(_ input: Node) -> Bool {
    input.op != .leaf && input.op != .tanh && input.op != .sigmoid && !input.overwritten
  }

  private func overwritingNode(_ op: Op, over a: Var, b: Var? = nil) -> Node {
    let input = nodes[a.index]
    precondition(
      Self.mayBeWrittenOver(input) && input.lastConsumer < 0,
      "tape: only an unconsumed computed value no rule reads can be written over")
    return makeNode(op, rows: input.rows, cols: input.cols, a: a, b: b, at: input.offset)
  }

  private func finish(_ node: Node, over a: Var) -> Var {
    let v = append(node)
    nodes[a.index].overwritten = true
    return v
  }
}
