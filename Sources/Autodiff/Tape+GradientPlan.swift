/// Where each gradient of a backward pass lives in the gradient arena.
///
/// The reverse sweep writes `x̄` first in the rule of `x`'s last consumer (or zeroes it
/// before the sweep when no node up to the loss consumes `x`), and reads it only in `x`'s own
/// rule. So `x̄` is live from its last consumer's rule to its own, and a lean pass gives its
/// buffer back after `x`'s rule for the next gradient of the same size to take. A rule's
/// inputs are placed before its own gradient is given back, so they never share it. Leaves
/// (the parameters) and the nodes listed in `keeping` are never given back.
///
/// A lean pass also puts gradients into values that no rule reads (a pre-activation whose
/// activation's rule reads its output, an input projection) — the values of nodes other than
/// the leaves and the kept ones can no longer be read after it — and lets a pass-through
/// rule (`addRow`, `addScaled`'s `A`) write `Ā` onto its own `Ȳ`.
///
/// A base written over block by block (`Tape+BlockGradients.swift`) is the exception to the
/// first writer: each block of its gradient is assigned by that block's writer, and a lean
/// pass keeps the gradient in the base's own buffer, where values rules still read live until
/// their block is assigned; no gradient in that buffer is ever given back.
///
/// No rule reads a gradient buffer before its first writer assigns it (β = 0 GEMMs,
/// assigning kernels, or zeroing for rules that write part of it), so a reused buffer's old
/// contents never matter: the placement changes no bit.
extension Tape {
  /// Places every gradient of the pass from node `lossIndex` and returns the gradient
  /// arena's size. `keeping: nil` mirrors the value arena (every gradient kept).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func planGradients(lossIndex: Int, keeping: [Var]?) -> Int {
    markBasesWrittenByBlocks(lossIndex: lossIndex)
    guard let keeping else {
      // Each gradient at its value's offset; a node written over its input's value gets one
      // of its own past the values, so that both gradients can be read afterwards.
      var end = used
      for i in nodes.indices {
        if overwrittenInput(i) != nil {
          nodes[i].gradOffset = end
          end += nodes[i].count
        } else {
          nodes[i].gradOffset = nodes[i].offset
        }
        nodes[i].gradKept = true
        nodes[i].gradInValues = false
      }
      return end
    }
    var kept = [Bool](repeating: false, count: lossIndex + 1)
    for v in keeping where v.index <= lossIndex { kept[v.index] = true }
    // The nodes whose gradient node j's rule writes first, grouped by j (CSR layout).
    var firstWrites = [Int](repeating: 0, count: lossIndex + 2)
    var beforeSweep: [Int] = []
    for i in 0...lossIndex where nodes[i].needsGrad {
      let last = Int(nodes[i].lastConsumer)
      if last < 0 || last > lossIndex { beforeSweep.append(i) } else { firstWrites[last + 1] += 1 }
    }
    for j in 0...lossIndex { firstWrites[j + 1] += firstWrites[j] }
    var writtenBy = [Int32](repeating: 0, count: firstWrites[lossIndex + 1])
    var fill = firstWrites
    for i in 0...lossIndex where nodes[i].needsGrad {
      let last = Int(nodes[i].lastConsumer)
      guard last >= 0 && last <= lossIndex else { continue }
      writtenBy[fill[last]] = Int32(i)
      fill[last] += 1
    }

    var arena = GradientArena()
    for i in 0..<nodes.count {
      nodes[i].gradKept = i <= lossIndex && (nodes[i].op == .leaf || kept[i])
      nodes[i].gradInValues = false
    }
    let buffers = valueBuffers(lossIndex: lossIndex, kept: kept)
    for region in buffers.dead { arena.give(Slot(offset: region.offset, inValues: true), region.count) }
    // Gradients in a base's own buffer: never given back, since the buffer holds the base's
    // gradient (and a pass-through onto one of them stays in it).
    var pinned = [Bool](repeating: false, count: lossIndex + 1)
    func place(_ i: Int) {
      // A base written over block by block keeps its gradient in its own buffer, unless a
      // caller may read a value in that buffer after the pass: block k's gradient is written
      // by block k's writer's rule, after every rule that reads a value written over block k
      // (those values' consumers come later on the tape).
      if nodes[i].gradByBlocks && !buffers.readAfter[buffers.owner[i]] {
        nodes[i].gradOffset = nodes[i].offset
        nodes[i].gradInValues = true
        pinned[i] = true
        return
      }
      let slot = arena.take(nodes[i].count)
      nodes[i].gradOffset = slot.offset
      nodes[i].gradInValues = slot.inValues
    }
    for i in beforeSweep { place(i) }
    var j = lossIndex
    while j >= 0 {
      let node = nodes[j]
      // A pass-through rule (`Ā = Ȳ` when Ā is first written here) may write Ā onto Ȳ,
      // which dies with this rule: nothing to copy, and one buffer fewer.
      var passedOn = -1
      if (node.op == .addRow || node.op == .addScaled) && node.needsGrad && !node.gradKept && node.a >= 0 && node.a != node.b {
        let a = Int(node.a)
        if nodes[a].needsGrad && Int(nodes[a].lastConsumer) == j && nodes[a].count == node.count && !nodes[a].gradKept {
          nodes[a].gradOffset = node.gradOffset
          nodes[a].gradInValues = node.gradInValues
          pinned[a] = pinned[j]
          passedOn = a
        }
      }
      for k in firstWrites[j]..<firstWrites[j + 1] where Int(writtenBy[k]) != passedOn { place(Int(writtenBy[k])) }
      if node.needsGrad && !node.gradKept && passedOn < 0 && !pinned[j] {
        arena.give(Slot(offset: node.gradOffset, inValues: node.gradInValues), node.count)
      }
      j -= 1
    }
    return arena.end
  }

  /// The value buffers of the nodes up to `lossIndex`, by `owner` (a node written over its
  /// input's value shares that buffer, whose owner is the chain's first node): `dead`, the
  /// buffers no rule of the pass reads and no caller may read after it, which can hold
  /// gradients; `readAfter`, by owner, whether a caller may read a value in it after the pass
  /// (a leaf's, a kept node's, the loss's, one consumed after the loss, or any value when the
  /// tape has a caller's adjoint, whose rule may read any value).
  private func valueBuffers(lossIndex: Int, kept: [Bool])
    -> (dead: [(offset: Int, count: Int)], owner: [Int], readAfter: [Bool])
  {
    var owner = Array(0...lossIndex)
    var readAfter = [Bool](repeating: false, count: lossIndex + 1)
    var read = [Bool](repeating: false, count: lossIndex + 1)
    var adjoint = false
    for j in 0...lossIndex where nodes[j].needsGrad && nodes[j].op != .leaf {
      let node = nodes[j]
      switch node.op {
      case .adjoint: adjoint = true
      case .matmul, .matmulAdd, .mul:
        read[Int(node.a)] = true
        read[Int(node.b)] = true
      case .tanh, .sigmoid: read[j] = true
      case .relu, .square: read[Int(node.a)] = true
      case .softmaxCrossEntropy:
        read[Int(node.a)] = true  // its scratch is outside every node's value
      case .leaf, .addRow, .scale, .addScaled, .transpose, .sum, .mean, .sliceColumns, .sliceRows, .concatColumns,
        .concatRows:
        break
      }
    }
    // A buffer is dead only if every node of its chain is; a base written over by blocks
    // holds its own gradient, so its buffer is never dead.
    var live = [Bool](repeating: false, count: lossIndex + 1)
    for i in 0...lossIndex {
      if let input = overwrittenInput(i) { owner[i] = owner[input] }
      let n = nodes[i]
      let after = n.op == .leaf || kept[i] || i == lossIndex || Int(n.lastConsumer) > lossIndex || adjoint
      if after { readAfter[owner[i]] = true }
      if after || read[i] || n.gradByBlocks { live[owner[i]] = true }
    }
    let dead = (0...lossIndex).compactMap { i in
      owner[i] == i && !live[i] && nodes[i].count > 0 ? (nodes[i].offset, nodes[i].count) : nil
    }
    return (dead, owner, readAfter)
  }
}

/// Where a gradient lives: an offset in the gradient arena, or in the value arena.
struct Slot {
  var offset: Int
  var inValues: Bool
}

/// A bump allocator of gradient-arena offsets with free lists by size: buffers of one size
/// (a recurrent state's `B × H`) are reused last in, first out, and dead values given to it
/// before the sweep are taken first.
struct GradientArena {
  /// The gradient arena's size so far.
  private(set) var end = 0
  private var free: [Int: [Slot]] = [:]

  mutating func take(_ n: Int) -> Slot {
    if let slot = free[n]?.popLast() { return slot }
    defer { end += n }
    return Slot(offset: end, inValues: false)
  }

  mutating func give(_ slot: Slot, _ n: Int) { free[n, default: []].append(slot) }
}
