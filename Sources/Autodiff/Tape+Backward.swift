import RealModule
import Linalg

/// Every vector-Jacobian product of the tape, in one place.
///
/// For a node `y = f(x₁, x₂, …)` with upstream gradient `ȳ = ∂L/∂y`, each rule adds
/// `x̄ᵢ += (∂f/∂xᵢ)ᵀ·ȳ` into its inputs' gradient buffers. The first rule that writes a buffer
/// in the reverse sweep (its node's `lastConsumer`) assigns instead of accumulating (GEMMs
/// with β = 0), so no buffer is zeroed unless a rule writes only part of it — except a base
/// written over by blocks, whose blocks are each assigned by their writer
/// (`Tape+BlockGradients.swift`).
extension Tape {
  /// Computes `∂L/∂v` for every recorded `v` that depends on a parameter, where `L` is the
  /// `1 × 1` value `loss`. Afterwards read gradients with `gradient(_:)`/`withGradient`.
  ///
  /// `keeping: nil` keeps every gradient. A list makes the pass lean: only the leaves' and
  /// the listed nodes' gradients can be read afterwards, and every other gradient's buffer
  /// is reused once its node's rule has run (`planGradients`), so the gradients take the
  /// peak of the live ones instead of one buffer per value. The arithmetic, and so every
  /// bit, is the same either way.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func backward(from loss: Var, keeping: [Var]? = nil) {
    let lossIndex = loss.index
    precondition(nodes[lossIndex].count == 1, "backward: the loss must be 1×1")
    reserveGradients(planGradients(lossIndex: lossIndex, keeping: keeping))
    // Buffers that no recorded node will write: zero them now.
    for i in 0...lossIndex where nodes[i].needsGrad {
      let last = Int(nodes[i].lastConsumer)
      if last < 0 || last > lossIndex { zeroGradient(i) }
    }
    guard nodes[lossIndex].needsGrad else { return }
    gradient(at: nodes[lossIndex])[0] = 1
    var i = lossIndex
    while i >= 0 {
      let node = nodes[i]
      if node.needsGrad && node.op != .leaf { propagate(node, index: Int32(i)) }
      i -= 1
    }
  }

  @inline(__always)
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func zeroGradient(_ i: Int) {
    gradient(at: nodes[i]).update(repeating: 0, count: nodes[i].count)
  }

  /// The gradient buffer of input `id` if it needs one, and whether this rule is its first
  /// writer in the reverse sweep (`fresh`: assign instead of accumulate, no zeroing needed).
  /// A rule that writes only part of the buffer (`partial`) gets it zeroed instead.
  @inline(__always)
  private func target(_ id: Int32, by consumer: Int32, partial: Bool = false)
    -> (g: UnsafeMutablePointer<Scalar>, fresh: Bool)?
  {
    guard id >= 0 else { return nil }
    let input = nodes[Int(id)]
    guard input.needsGrad else { return nil }
    let g = gradient(at: input)
    guard input.lastConsumer == consumer else { return (g, false) }
    nodes[Int(id)].lastConsumer = -2  // written; later rules of the same node accumulate
    if partial {
      g.update(repeating: 0, count: input.count)
      return (g, false)
    }
    return (g, true)
  }

  /// `g[k] (=|+=) f(k)` for `k < n`: assigns when `fresh`, else accumulates.
  @inline(__always)
  private func write(_ t: (g: UnsafeMutablePointer<Scalar>, fresh: Bool), _ n: Int, _ f: (Int) -> Scalar) {
    let g = t.g
    if t.fresh {
      for k in 0..<n { g[k] = f(k) }
    } else {
      for k in 0..<n { g[k] += f(k) }
    }
  }

  // swiftlint:disable:next cyclomatic_complexity function_body_length
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func propagate(_ y: Node, index: Int32) {
    let gy = UnsafePointer(gradient(at: y))
    let n = y.count
    switch y.op {
    case .leaf:
      return

    case .matmul, .matmulAdd:
      // C = op(A)·op(B):  Ā += C̄·op(B)ᵀ (in A's orientation),  B̄ += op(A)ᵀ·C̄ (in B's).
      if writesOverBase(y) && nodes[Int(y.c)].gradByBlocks {
        // This rule is its block's first writer (`Tape+BlockGradients.swift`): `0 + Ȳ`.
        let block = gradient(at: nodes[Int(y.c)]) + y.aux * y.cols
        for e in 0..<n { block[e] = gy[e] + 0 }
      } else if y.op == .matmulAdd, let t = target(y.c, by: index, partial: true) {
        Kernels.into(gy, t.g + y.aux * y.cols, n, accumulate: true)
      }
      let a = nodes[Int(y.a)]
      let b = nodes[Int(y.b)]
      let k = y.transA ? a.rows : a.cols
      if let (ga, fresh) = target(y.a, by: index) {
        let beta: Scalar = fresh ? 0 : 1
        let pb = UnsafePointer(values + b.offset)
        if !y.transA {  // Ā (m×k) += C̄·op(B)ᵀ
          Scalar.gemm(
            transA: false, transB: !y.transB, m: y.rows, n: k, k: y.cols, alpha: 1,
            a: gy, lda: y.cols, b: pb, ldb: b.cols, beta: beta, c: ga, ldc: a.cols)
        } else {  // Ā (k×m) += op(B)·C̄ᵀ
          Scalar.gemm(
            transA: y.transB, transB: true, m: k, n: y.rows, k: y.cols, alpha: 1,
            a: pb, lda: b.cols, b: gy, ldb: y.cols, beta: beta, c: ga, ldc: a.cols)
        }
      }
      if let (gb, fresh) = target(y.b, by: index) {
        let beta: Scalar = fresh ? 0 : 1
        let pa = UnsafePointer(values + a.offset)
        if !y.transB {  // B̄ (k×n) += op(A)ᵀ·C̄
          Scalar.gemm(
            transA: !y.transA, transB: false, m: k, n: y.cols, k: y.rows, alpha: 1,
            a: pa, lda: a.cols, b: gy, ldb: y.cols, beta: beta, c: gb, ldc: b.cols)
        } else {  // B̄ (n×k) += C̄ᵀ·op(A)
          Scalar.gemm(
            transA: true, transB: y.transA, m: y.cols, n: k, k: y.rows, alpha: 1,
            a: gy, lda: y.cols, b: pa, ldb: a.cols, beta: beta, c: gb, ldc: b.cols)
        }
      }

    case .addRow:
      // A lean pass may place Ā on Ȳ itself (`planGradients`): then there is nothing to copy.
      if let t = target(y.a, by: index), UnsafePointer(t.g) != gy { Kernels.into(gy, t.g, n, accumulate: !t.fresh) }
      if let t = target(y.b, by: index, partial: true) {
        for i in 0..<y.rows {
          let row = gy + i * y.cols
          for j in 0..<y.cols { t.g[j] += row[j] }
        }
      }

    case .mul:  // Ā += B ⊙ C̄,  B̄ += A ⊙ C̄
      let pa = values + nodes[Int(y.a)].offset
      let pb = values + nodes[Int(y.b)].offset
      if let t = target(y.a, by: index) { Kernels.mulVJP(pb, gy, t.g, n, accumulate: !t.fresh) }
      if let t = target(y.b, by: index) { Kernels.mulVJP(pa, gy, t.g, n, accumulate: !t.fresh) }

    case .scale:
      let s = Scalar(y.scalar)
      if let t = target(y.a, by: index) { Kernels.into(gy, t.g, n, scale: s, accumulate: !t.fresh) }

    case .addScaled:
      let s = Scalar(y.scalar)
      if let t = target(y.a, by: index), UnsafePointer(t.g) != gy { Kernels.into(gy, t.g, n, accumulate: !t.fresh) }
      if let t = target(y.b, by: index) { Kernels.into(gy, t.g, n, scale: s, accumulate: !t.fresh) }

    case .tanh:  // Ā += (1 − y²) ⊙ ȳ
      let py = values + y.offset
      if let t = target(y.a, by: index) { Kernels.tanhVJP(py, gy, t.g, n, accumulate: !t.fresh) }

    case .sigmoid:  // Ā += y(1 − y) ⊙ ȳ
      let py = values + y.offset
      if let t = target(y.a, by: index) { Kernels.sigmoidVJP(py, gy, t.g, n, accumulate: !t.fresh) }

    case .relu:  // Ā += [x > 0] ⊙ ȳ
      let px = values + nodes[Int(y.a)].offset
      if let t = target(y.a, by: index) { write(t, n) { px[$0] > 0 ? gy[$0] : 0 } }

    case .square:  // Ā += 2x ⊙ ȳ
      let px = values + nodes[Int(y.a)].offset
      if let t = target(y.a, by: index) { write(t, n) { 2 * px[$0] * gy[$0] } }

    case .transpose:  // Ā += Ȳᵀ
      if let t = target(y.a, by: index, partial: true) {
        for i in 0..<y.rows {
          for j in 0..<y.cols { t.g[j * y.rows + i] += gy[i * y.cols + j] }
        }
      }

    case .sum, .mean:  // Ā += ȳ / N
      let g = gy[0] / Scalar(y.scalar)
      if let t = target(y.a, by: index) { write(t, nodes[Int(y.a)].count) { _ in g } }

    case .sliceColumns:
      let cols = nodes[Int(y.a)].cols
      if let t = target(y.a, by: index, partial: true) {
        for i in 0..<y.rows {
          for j in 0..<y.cols { t.g[i * cols + y.aux + j] += gy[i * y.cols + j] }
        }
      }

    case .sliceRows:
      if let t = target(y.a, by: index, partial: true) {
        Kernels.into(gy, t.g + y.aux * y.cols, n, accumulate: true)
      }

    case .concatColumns:
      var column = 0
      for p in 0..<y.auxCount {
        let id = side[y.aux + p]
        let pc = nodes[Int(id)].cols
        if let t = target(id, by: index, partial: true) {
          for i in 0..<y.rows {
            for j in 0..<pc { t.g[i * pc + j] += gy[i * y.cols + column + j] }
          }
        }
        column += pc
      }

    case .concatRows:
      var offset = 0
      for p in 0..<y.auxCount {
        let id = side[y.aux + p]
        let count = nodes[Int(id)].count
        if let t = target(id, by: index, partial: true) { for k in 0..<count { t.g[k] += gy[offset + k] } }
        offset += count
      }

    case .adjoint:  // [Ā₁; Ā₂; …] += adjoint(Ȳ): the caller's linear map (an IFT solve)
      let scratch = values + y.scratch
      adjointRules[Int(side[y.aux + y.auxCount])](gy, scratch)
      var offset = 0
      for p in 0..<y.auxCount {
        let id = side[y.aux + p]
        let count = nodes[Int(id)].count
        if let t = target(id, by: index) { Kernels.into(scratch + offset, t.g, count, accumulate: !t.fresh) }
        offset += count
      }

    case .softmaxCrossEntropy:  // Ā_n += (softmax(A_n) − e_{t_n}) · ȳ / N
      let logits = nodes[Int(y.a)]
      let rows = logits.rows
      let cols = logits.cols
      let p = values + y.scratch
      let g = gy[0] / Scalar(Swift.max(rows, 1))
      if let t = target(y.a, by: index, partial: true) {
        for i in 0..<rows {
          for j in 0..<cols { t.g[i * cols + j] += g * p[i * cols + j] }
          t.g[i * cols + Int(side[y.aux + i])] -= g
        }
      }
    }
  }
}
