import RealModule
import Linalg

/// A handle to a value recorded on a `Tape`: the index of its node.
///
/// Valid until the tape is reset; a tape records one training step at a time.
public struct Var: Hashable, Sendable {
  /// The node index on its tape.
  public let id: Int32

  @usableFromInline init(_ id: Int32) { self.id = id }
  @usableFromInline var index: Int { Int(id) }
}

/// The primitive operations a tape records. Each one's vector-Jacobian product lives in
/// `Tape+Backward.swift`.
@usableFromInline
enum Op: UInt8, Sendable {
  /// A constant or a parameter.
  case leaf
  /// `op(A)·op(B)`.
  case matmul
  /// `base[rowOffset ..< rowOffset + m] + op(A)·op(B)`.
  case matmulAdd
  /// `A + 𝟙·biasᵀ` (bias `1 × n`, broadcast over rows).
  case addRow
  /// `A ⊙ B`.
  case mul
  /// `s·A`.
  case scale
  /// `A + s·B`.
  case addScaled
  /// `tanh(A)`.
  case tanh
  /// `1 / (1 + e^{−A})`.
  case sigmoid
  /// `max(A, 0)`.
  case relu
  /// `A²` elementwise.
  case square
  /// `Aᵀ`.
  case transpose
  /// Columns `start ..< start + n` of `A`.
  case sliceColumns
  /// Rows `start ..< start + m` of `A`.
  case sliceRows
  /// `[A₁ A₂ …]` side by side.
  case concatColumns
  /// `[A₁; A₂; …]` stacked.
  case concatRows
  /// `Σ a_ij` as `1 × 1`.
  case sum
  /// `(1/N) Σ a_ij` as `1 × 1`.
  case mean
  /// `(1/N) Σ_n −log softmax(A_n)[t_n]` as `1 × 1`.
  case softmaxCrossEntropy
  /// `[A₁; A₂; …]` stacked, with a caller's linear adjoint instead of the identity
  /// (`Tape+Adjoint.swift`: the implicit function theorem's solve).
  case adjoint
}

/// One recorded operation: its kind, inputs, shape and where its value lives in the arena.
@usableFromInline
struct Node {
  @usableFromInline var op: Op
  @usableFromInline var a: Int32 = -1
  @usableFromInline var b: Int32 = -1
  @usableFromInline var c: Int32 = -1
  @usableFromInline var rows: Int
  @usableFromInline var cols: Int
  /// Offset of the value in the value arena.
  @usableFromInline var offset: Int
  /// Offset of the gradient, in the gradient arena or (`gradInValues`) the value arena
  /// (`Tape+GradientPlan.swift` places it).
  @usableFromInline var gradOffset: Int = 0
  /// Whether the gradient can be read after the backward pass (it was not reused).
  @usableFromInline var gradKept = true
  /// Whether the gradient lives in the value arena, in a value no rule reads (a lean pass).
  @usableFromInline var gradInValues = false
  /// Whether a later node was written over this one's value (`Tape+InPlace.swift`): nothing
  /// may consume it any more.
  @usableFromInline var overwritten = false
  /// Rows `0 ..< rowsWritten` of this value were written over, block after block, by the
  /// in-place `matmulAdd`s that took it as their base (`Tape+InPlace.swift`): a consumer may
  /// read only the rows above, and only as such a base.
  @usableFromInline var rowsWritten = 0
  /// Whether a node took this one other than as a `matmulAdd`'s base (as `a`, `b`, a
  /// concatenation's or an adjoint's input), whose rule may read its value: then no
  /// `matmulAdd` may write over its rows.
  @usableFromInline var consumedAsOperand = false
  /// Whether every row block of the gradient is assigned by the rule of the in-place
  /// `matmulAdd` that wrote over that block (its rows were all written, by nodes up to the
  /// loss), instead of zeroed before the first partial write (`planGradients` sets it).
  @usableFromInline var gradByBlocks = false
  /// Offset of extra forward scratch kept for the backward pass (softmax probabilities).
  @usableFromInline var scratch: Int = 0
  @usableFromInline var transA = false
  @usableFromInline var transB = false
  @usableFromInline var needsGrad = false
  @usableFromInline var scalar: Double = 0
  /// A start index (slices), or the first entry in the tape's side list (concat, targets).
  @usableFromInline var aux = 0
  /// The number of side-list entries (concat inputs, targets).
  @usableFromInline var auxCount = 0
  /// The highest node index that reads this node (−1 if none): its gradient buffer is
  /// zeroed just before that node's VJP runs, so no global memset is needed.
  @usableFromInline var lastConsumer: Int32 = -1

  @usableFromInline var count: Int { rows * cols }
}
