import RealModule
import Linalg

/// Primitives that move data without arithmetic (slices and concatenations) and the
/// classification loss.
extension Tape {
  /// Columns `start ..< start + count` of `A` (e.g. one gate of a fused LSTM pre-activation).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func sliceColumns(_ a: Var, start: Int, count: Int) -> Var {
    let (m, n) = shape(a)
    precondition(start >= 0 && count >= 0 && start + count <= n, "sliceColumns: out of range")
    var node = makeNode(.sliceColumns, rows: m, cols: count, a: a)
    node.aux = start
    let x = value(at: a)
    let out = values + node.offset
    for i in 0..<m { (out + i * count).update(from: x + i * n + start, count: count) }
    return append(node)
  }

  /// Rows `start ..< start + count` of `A`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func sliceRows(_ a: Var, start: Int, count: Int) -> Var {
    let (m, n) = shape(a)
    precondition(start >= 0 && count >= 0 && start + count <= m, "sliceRows: out of range")
    var node = makeNode(.sliceRows, rows: count, cols: n, a: a)
    node.aux = start
    (values + node.offset).update(from: value(at: a) + start * n, count: count * n)
    return append(node)
  }

  /// `Aᵀ` (used once per step for structured weights such as `W − Wᵀ`, never per time step).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func transpose(_ a: Var) -> Var {
    let (m, n) = shape(a)
    let node = makeNode(.transpose, rows: n, cols: m, a: a)
    let x = value(at: a)
    let out = values + node.offset
    for i in 0..<m {
      for j in 0..<n { out[j * m + i] = x[i * n + j] }
    }
    return append(node)
  }

  /// `[A₁ A₂ …]`: equal row counts, columns side by side.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func concatColumns(_ parts: [Var]) -> Var {
    precondition(!parts.isEmpty, "concatColumns: no inputs")
    let m = shape(parts[0]).rows
    precondition(parts.allSatisfy { shape($0).rows == m }, "concatColumns: row counts differ")
    let n = parts.reduce(0) { $0 + shape($1).cols }
    var node = makeNode(.concatColumns, rows: m, cols: n)
    node.aux = side.count
    node.auxCount = parts.count
    var column = 0
    for p in parts {
      side.append(p.id)
      let pc = shape(p).cols
      let x = value(at: p)
      for i in 0..<m { (values + node.offset + i * n + column).update(from: x + i * pc, count: pc) }
      column += pc
    }
    return appendMulti(node, parts)
  }

  /// `[A₁; A₂; …]`: equal column counts, rows stacked (e.g. every step's `h` before one
  /// readout GEMM).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func concatRows(_ parts: [Var]) -> Var {
    precondition(!parts.isEmpty, "concatRows: no inputs")
    let n = shape(parts[0]).cols
    precondition(parts.allSatisfy { shape($0).cols == n }, "concatRows: column counts differ")
    let m = parts.reduce(0) { $0 + shape($1).rows }
    var node = makeNode(.concatRows, rows: m, cols: n)
    node.aux = side.count
    node.auxCount = parts.count
    var row = 0
    for p in parts {
      side.append(p.id)
      let pr = shape(p).rows
      (values + node.offset + row * n).update(from: value(at: p), count: pr * n)
      row += pr
    }
    return appendMulti(node, parts)
  }

  /// `(1/N) Σ_n −log softmax(A_n)[t_n]`: mean cross-entropy of the `N` rows of logits `A`
  /// against integer class targets `t_n ∈ [0, C)`. Computed stably (max-shifted);
  /// the softmax is kept for the backward pass.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func softmaxCrossEntropy(_ logits: Var, targets: [Int32]) -> Var {
    let (m, n) = shape(logits)
    precondition(targets.count == m, "softmaxCrossEntropy: \(targets.count) targets for \(m) rows")
    var node = makeNode(.softmaxCrossEntropy, rows: 1, cols: 1, a: logits)
    node.scratch = reserve(m * n)
    node.aux = side.count
    node.auxCount = m
    let x = value(at: logits)
    let p = values + node.scratch
    var total = 0.0
    for i in 0..<m {
      let t = Int(targets[i])
      precondition(t >= 0 && t < n, "softmaxCrossEntropy: target \(t) outside 0..<\(n)")
      side.append(targets[i])
      var maxLogit = -Double.infinity
      for j in 0..<n { maxLogit = Swift.max(maxLogit, Double(x[i * n + j])) }
      var z = 0.0
      for j in 0..<n {
        let e = Elementwise.exp(Double(x[i * n + j]) - maxLogit)
        p[i * n + j] = Scalar(e)
        z += e
      }
      for j in 0..<n { p[i * n + j] = Scalar(Double(p[i * n + j]) / z) }
      total += Elementwise.log(z) + maxLogit - Double(x[i * n + t])
    }
    values[node.offset] = Scalar(total / Double(Swift.max(m, 1)))
    return append(node)
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func appendMulti(_ node: Node, _ parts: [Var]) -> Var {
    var node = node
    let id = Int32(nodes.count)
    for p in parts { consume(p.id, by: id, into: &node) }
    nodes.append(node)
    return Var(id)
  }
}
