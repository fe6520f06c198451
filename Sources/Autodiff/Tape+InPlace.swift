import CKernels
import Linalg

/// Operations written over their input's value instead of into a new one, for a caller that
/// knows the input is read by nothing else: not later in the forward pass (the tape refuses
/// a consumer of an overwritten value) and not by any rule of the backward pass. That holds
/// for an input projection `X Vᵀ` that only its bias is added to, and for a pre-activation
/// whose activation's rule reads the activation's output (tanh, sigmoid): one `T·B × H` value
/// and one `B × H` value per field evaluation fewer. The expressions, and so the bits, are
/// those of the ordinary operations.
extension Tape {
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

  private func overwritingNode(_ op: Op, over a: Var, b: Var? = nil) -> Node {
    let input = nodes[a.index]
    // Not a leaf, nor a value a rule reads (tanh's and sigmoid's outputs), nor one consumed or
    // overwritten already.
    precondition(
      input.op != .leaf && input.op != .tanh && input.op != .sigmoid && input.lastConsumer < 0 && !input.overwritten,
      "tape: only an unconsumed computed value no rule reads can be written over")
    return makeNode(op, rows: input.rows, cols: input.cols, a: a, b: b, at: input.offset)
  }

  private func finish(_ node: Node, over a: Var) -> Var {
    let v = append(node)
    nodes[a.index].overwritten = true
    return v
  }
}
