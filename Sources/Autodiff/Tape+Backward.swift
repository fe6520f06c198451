import RealModule
import Linalg

/// Every vector-Jacobian product of the tape, in one place.
///
/// For a node `y = f(x₁, x₂, …)` with upstream gradient `ȳ = ∂L/∂y`, each rule adds
/// `x̄ᵢ += (∂f/∂xᵢ)ᵀ·ȳ` into its inputs' gradient buffers. A buffer is zeroed right before the
/// first rule that writes it (its node's `lastConsumer`), so every rule only accumulates.
extension Tape {
  /// Computes `∂L/∂v` for every recorded `v` that depends on a parameter, where `L` is the
  /// `1 × 1` value `loss`. Afterwards read gradients with `gradient(_:)`/`withGradient`.
  public func backward(from loss: Var) {
    let lossIndex = loss.index
    precondition(nodes[lossIndex].count == 1, "backward: the loss must be 1×1")
    // Buffers that no recorded node will write: zero them now.
    for i in 0...lossIndex where nodes[i].needsGrad {
      let last = Int(nodes[i].lastConsumer)
      if last < 0 || last > lossIndex { zeroGradient(i) }
    }
    guard nodes[lossIndex].needsGrad else { return }
    grads[nodes[lossIndex].offset] = 1
    var i = lossIndex
    while i >= 0 {
      let node = nodes[i]
      if node.needsGrad && node.op != .leaf { propagate(node, index: Int32(i)) }
      i -= 1
    }
  }

  @inline(__always)
  private func zeroGradient(_ i: Int) {
    (grads + nodes[i].offset).update(repeating: 0, count: nodes[i].count)
  }

  /// The gradient buffer of input `id` if it needs one, zeroed when node `by` is its first
  /// writer in the reverse sweep.
  @inline(__always)
  private func target(_ id: Int32, by consumer: Int32) -> UnsafeMutablePointer<Scalar>? {
    guard id >= 0 else { return nil }
    let input = nodes[Int(id)]
    guard input.needsGrad else { return nil }
    if input.lastConsumer == consumer {
      nodes[Int(id)].lastConsumer = -2  // zeroed; later rules of the same node accumulate
      (grads + input.offset).update(repeating: 0, count: input.count)
    }
    return grads + input.offset
  }

  // swiftlint:disable:next cyclomatic_complexity function_body_length
  private func propagate(_ y: Node, index: Int32) {
    let gy = UnsafePointer(grads + y.offset)
    let n = y.count
    switch y.op {
    case .leaf:
      return

    case .matmul, .matmulAdd:
      // C = op(A)·op(B):  Ā += C̄·op(B)ᵀ (in A's orientation),  B̄ += op(A)ᵀ·C̄ (in B's).
      if y.op == .matmulAdd, let gb = target(y.c, by: index) {
        let base = gb + y.aux * y.cols
        for k in 0..<n { base[k] += gy[k] }
      }
      let a = nodes[Int(y.a)]
      let b = nodes[Int(y.b)]
      let k = y.transA ? a.rows : a.cols
      if let ga = target(y.a, by: index) {
        let pb = UnsafePointer(values + b.offset)
        if !y.transA {  // Ā (m×k) += C̄·op(B)ᵀ
          Scalar.gemm(
            transA: false, transB: !y.transB, m: y.rows, n: k, k: y.cols, alpha: 1,
            a: gy, lda: y.cols, b: pb, ldb: b.cols, beta: 1, c: ga, ldc: a.cols)
        } else {  // Ā (k×m) += op(B)·C̄ᵀ
          Scalar.gemm(
            transA: y.transB, transB: true, m: k, n: y.rows, k: y.cols, alpha: 1,
            a: pb, lda: b.cols, b: gy, ldb: y.cols, beta: 1, c: ga, ldc: a.cols)
        }
      }
      if let gb = target(y.b, by: index) {
        let pa = UnsafePointer(values + a.offset)
        if !y.transB {  // B̄ (k×n) += op(A)ᵀ·C̄
          Scalar.gemm(
            transA: !y.transA, transB: false, m: k, n: y.cols, k: y.rows, alpha: 1,
            a: pa, lda: a.cols, b: gy, ldb: y.cols, beta: 1, c: gb, ldc: b.cols)
        } else {  // B̄ (n×k) += C̄ᵀ·op(A)
          Scalar.gemm(
            transA: true, transB: y.transA, m: y.cols, n: k, k: y.rows, alpha: 1,
            a: gy, lda: y.cols, b: pa, ldb: a.cols, beta: 1, c: gb, ldc: b.cols)
        }
      }

    case .addRow:
      if let ga = target(y.a, by: index) { for k in 0..<n { ga[k] += gy[k] } }
      if let gb = target(y.b, by: index) {
        for i in 0..<y.rows {
          for j in 0..<y.cols { gb[j] += gy[i * y.cols + j] }
        }
      }

    case .add:
      if let ga = target(y.a, by: index) { for k in 0..<n { ga[k] += gy[k] } }
      if let gb = target(y.b, by: index) { for k in 0..<n { gb[k] += gy[k] } }

    case .sub:
      if let ga = target(y.a, by: index) { for k in 0..<n { ga[k] += gy[k] } }
      if let gb = target(y.b, by: index) { for k in 0..<n { gb[k] -= gy[k] } }

    case .mul:  // Ā += B ⊙ C̄,  B̄ += A ⊙ C̄
      let pa = values + nodes[Int(y.a)].offset
      let pb = values + nodes[Int(y.b)].offset
      if let ga = target(y.a, by: index) { for k in 0..<n { ga[k] += pb[k] * gy[k] } }
      if let gb = target(y.b, by: index) { for k in 0..<n { gb[k] += pa[k] * gy[k] } }

    case .scale:
      let s = Scalar(y.scalar)
      if let ga = target(y.a, by: index) { for k in 0..<n { ga[k] += s * gy[k] } }

    case .addScaled:
      let s = Scalar(y.scalar)
      if let ga = target(y.a, by: index) { for k in 0..<n { ga[k] += gy[k] } }
      if let gb = target(y.b, by: index) { for k in 0..<n { gb[k] += s * gy[k] } }

    case .tanh:  // Ā += (1 − y²) ⊙ ȳ
      let py = values + y.offset
      if let ga = target(y.a, by: index) {
        for k in 0..<n { ga[k] += (1 - py[k] * py[k]) * gy[k] }
      }

    case .sigmoid:  // Ā += y(1 − y) ⊙ ȳ
      let py = values + y.offset
      if let ga = target(y.a, by: index) {
        for k in 0..<n { ga[k] += py[k] * (1 - py[k]) * gy[k] }
      }

    case .relu:  // Ā += [x > 0] ⊙ ȳ
      let px = values + nodes[Int(y.a)].offset
      if let ga = target(y.a, by: index) { for k in 0..<n where px[k] > 0 { ga[k] += gy[k] } }

    case .square:  // Ā += 2x ⊙ ȳ
      let px = values + nodes[Int(y.a)].offset
      if let ga = target(y.a, by: index) { for k in 0..<n { ga[k] += 2 * px[k] * gy[k] } }

    case .transpose:  // Ā += Ȳᵀ
      if let ga = target(y.a, by: index) {
        for i in 0..<y.rows {
          for j in 0..<y.cols { ga[j * y.rows + i] += gy[i * y.cols + j] }
        }
      }

    case .sum, .mean:  // Ā += ȳ / N
      let g = gy[0] / Scalar(y.scalar)
      if let ga = target(y.a, by: index) {
        for k in 0..<nodes[Int(y.a)].count { ga[k] += g }
      }

    case .sliceColumns:
      let cols = nodes[Int(y.a)].cols
      if let ga = target(y.a, by: index) {
        for i in 0..<y.rows {
          for j in 0..<y.cols { ga[i * cols + y.aux + j] += gy[i * y.cols + j] }
        }
      }

    case .sliceRows:
      if let ga = target(y.a, by: index) {
        let base = ga + y.aux * y.cols
        for k in 0..<n { base[k] += gy[k] }
      }

    case .concatColumns:
      var column = 0
      for p in 0..<y.auxCount {
        let id = side[y.aux + p]
        let pc = nodes[Int(id)].cols
        if let gp = target(id, by: index) {
          for i in 0..<y.rows {
            for j in 0..<pc { gp[i * pc + j] += gy[i * y.cols + column + j] }
          }
        }
        column += pc
      }

    case .concatRows:
      var offset = 0
      for p in 0..<y.auxCount {
        let id = side[y.aux + p]
        let count = nodes[Int(id)].count
        if let gp = target(id, by: index) { for k in 0..<count { gp[k] += gy[offset + k] } }
        offset += count
      }

    case .softmaxCrossEntropy:  // Ā_n += (softmax(A_n) − e_{t_n}) · ȳ / N
      let logits = nodes[Int(y.a)]
      let rows = logits.rows
      let cols = logits.cols
      let p = values + y.scratch
      let g = gy[0] / Scalar(Swift.max(rows, 1))
      if let ga = target(y.a, by: index) {
        for i in 0..<rows {
          for j in 0..<cols { ga[i * cols + j] += g * p[i * cols + j] }
          ga[i * cols + Int(side[y.aux + i])] -= g
        }
      }
    }
  }
}
