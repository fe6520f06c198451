/// Bases written over block by block (`matmulAdd(_:rowOffset:_:_:overwriting:)`): which
/// nodes share a buffer, and which bases get their gradient block by block.
///
/// An in-place `matmulAdd` writes rows `rowOffset ..< rowOffset + m` of its base, each block
/// starting where the last one ended, and nothing may read those rows afterwards. When every
/// row of a base is written by such nodes up to the loss (after a `rewind(to:)`, by nodes
/// that are still on the tape), and the base's last consumer is one of them, the reverse sweep
/// meets each block's writer before any other reader of that block (the readers came earlier
/// on the tape): the writer assigns its block, `0 + Ȳ`, the bits of zeroing and adding, and
/// the readers accumulate. No rule then zeroes the whole gradient, so a lean pass can keep it
/// in the base's own buffer, over values whose rules have all run by the time their block is
/// assigned.
extension Tape {
  /// The input whose value (or, for an in-place `matmulAdd`, whose block of rows) node `i`
  /// was written over (`Tape+InPlace.swift`), so that the two share one buffer; `nil` if none.
  func overwrittenInput(_ i: Int) -> Int? {
    let a = Int(nodes[i].a)
    if a >= 0 && nodes[a].overwritten && nodes[a].offset == nodes[i].offset { return a }
    return writesOverBase(nodes[i]) ? Int(nodes[i].c) : nil
  }

  /// Whether `y` is a `matmulAdd` written over rows of its base (its value is that block).
  @inline(__always)
  func writesOverBase(_ y: Node) -> Bool {
    guard y.op == .matmulAdd && y.c >= 0 && y.count > 0 else { return false }
    let base = nodes[Int(y.c)]
    return base.rowsWritten > 0 && y.offset == base.offset + y.aux * y.cols
  }

  /// Sets `gradByBlocks` for a pass from node `lossIndex`: on the bases whose every row is
  /// written by in-place `matmulAdd`s up to the loss, the last consumer one of them. The
  /// blocks never overlap (each starts at the rows written so far), so rows summing to the
  /// base's mean every row is covered.
  func markBasesWrittenByBlocks(lossIndex: Int) {
    var rows = [Int](repeating: 0, count: lossIndex + 1)
    for i in 0...lossIndex where writesOverBase(nodes[i]) { rows[Int(nodes[i].c)] += nodes[i].rows }
    for i in nodes.indices {
      let n = nodes[i]
      let last = Int(n.lastConsumer)
      nodes[i].gradByBlocks =
        i <= lossIndex && n.needsGrad && n.rows > 0 && rows[i] == n.rows && last > i && last <= lossIndex
        && writesOverBase(nodes[last]) && Int(nodes[last].c) == i
    }
  }
}
