import Linalg

extension Tape {
  /// A position on the tape, from `mark()`, to return to with `rewind(to:)`.
  public struct Mark: Sendable, Equatable {
    let nodes: Int
    let side: Int
    let used: Int
    let adjoints: Int
  }

  /// The current end of the tape.
  public func mark() -> Mark { Mark(nodes: nodes.count, side: side.count, used: used, adjoints: adjointRules.count) }

  /// Forgets every node recorded after `mark`; the next nodes reuse their arena, which is
  /// still in cache (a forward-only scan rewinds after each time step).
  ///
  /// Handles to forgotten nodes become invalid. Nodes recorded before `mark` that only
  /// forgotten nodes consumed count as unconsumed again, so a later `backward` stays exact.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func rewind(to mark: Mark) {
    precondition(
      mark.nodes <= nodes.count && mark.side <= side.count && mark.used <= used
        && mark.adjoints <= adjointRules.count,
      "rewind: the mark is past the end of the tape")
    nodes.removeSubrange(mark.nodes...)
    side.removeSubrange(mark.side...)
    adjointRules.removeSubrange(mark.adjoints...)
    used = mark.used
    let first = Int32(mark.nodes)
    for i in nodes.indices where nodes[i].lastConsumer >= first {
      nodes[i].lastConsumer = -1
    }
  }
}
