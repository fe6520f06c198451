import Linalg

/// What the iterative primitives recorded since the last `Tape.reset()` report: how many
/// systems they solved, with how many iterations, and the first failure. Recording continues
/// after a failure (its values are NaN), so the caller sees a non-finite loss and reads the
/// reason here.
public struct SolveLog: Sendable, Equatable {
  /// Systems solved (one per batch element and time step).
  public var systems = 0
  /// Iterations over all systems.
  public var iterations = 0
  /// The most iterations one system took.
  public var maxIterations = 0
  /// Linear solves (LU factorisations with their triangular solves), adjoint solves excluded.
  public var linearSolves = 0
  /// The first failure, worded for a `diverged` event.
  public var failure: String?

  /// An empty log.
  public init() {}

  /// Iterations per system (0 when none was solved).
  public var meanIterations: Double { systems == 0 ? 0 : Double(iterations) / Double(systems) }

  /// Adds one system solved in `iterations` iterations with `linearSolves` linear solves.
  public mutating func record(iterations n: Int, linearSolves l: Int) {
    systems += 1
    iterations += n
    maxIterations = Swift.max(maxIterations, n)
    linearSolves += l
  }
}

extension Tape {
  /// `Y = [X₁; X₂; …]` (rows stacked, as `concatRows`) whose vector-Jacobian product is not
  /// the identity but the caller's linear map: `[X̄₁; X̄₂; …] += adjoint(Ȳ)`.
  ///
  /// This is how a solution defined implicitly enters the tape. For `K* = Φ(K*, θ)` solved
  /// outside the tape, record `Φ(K*, θ)` with `K*` held constant and pass its parts here with
  /// `adjoint(Ȳ) = (I − ∂Φ/∂K)⁻ᵀ·Ȳ`: the backward pass then continues through the recorded `Φ`
  /// once, which gives `∂L/∂θ = (∂Φ/∂θ)ᵀ(I − ∂Φ/∂K)⁻ᵀ ∂L/∂K*` (implicit function theorem)
  /// without any iterate on the tape. The rule runs during `backward` on this thread.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func implicitOutput(
    _ parts: [Var],
    adjoint: @escaping (_ upstream: UnsafePointer<Scalar>, _ result: UnsafeMutablePointer<Scalar>) -> Void
  ) -> Var {
    precondition(!parts.isEmpty, "implicitOutput: no inputs")
    let n = shape(parts[0]).cols
    precondition(parts.allSatisfy { shape($0).cols == n }, "implicitOutput: column counts differ")
    let m = parts.reduce(0) { $0 + shape($1).rows }
    var node = makeNode(.adjoint, rows: m, cols: n)
    node.scratch = reserve(m * n)
    node.aux = side.count
    node.auxCount = parts.count
    var row = 0
    for p in parts {
      side.append(p.id)
      let pr = shape(p).rows
      (values + node.offset + row * n).update(from: value(at: p), count: pr * n)
      row += pr
    }
    side.append(Int32(adjointRules.count))
    adjointRules.append(adjoint)
    let id = Int32(nodes.count)
    for p in parts { consume(p.id, by: id, into: &node) }
    nodes.append(node)
    return Var(id)
  }
}
