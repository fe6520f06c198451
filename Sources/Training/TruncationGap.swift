import Autodiff
import Foundation
import Linalg
import ODECells

/// Miller & Hardt's truncated model (papers.md §4.4): the same recurrence run from `S = 0`
/// over only the last k inputs. For a sequence-to-one task and a trained run, `measure`
/// returns, per window k, the gap `‖h_T − h_T^k‖∞` (the largest over the batch's examples and
/// units) and the truncated model's loss, next to the full model's.
///
/// Any cell whose readout is at the last step only (LSTM and GRU too): `λ` is `‖M_0‖₂` of its
/// recurrent matrix. For the vanilla cell `h ← σ(W₀h + Vx + b)` (one Euler step of size 1,
/// κ = [1], ungated, dense, σ 1-Lipschitz with σ(0) = 0) with `λ = ‖W₀‖₂ < 1` the map is a λ-contraction in
/// h, so `‖h_T − h_T^k‖ ≤ λ^k ‖h_{T−k}‖ ≤ λ^k L/(1−λ)` with `L = ‖V‖₂ max_t ‖x_t‖₂ + ‖b‖₂`
/// (`bound`; nil for every other cell, where it is not a theorem).
public struct TruncationGap: Sendable {
  public struct Window: Sendable, Equatable {
    public var k: Int
    public var gap: Double
    public var loss: Double
    /// `λ^k L/(1−λ)`, for a vanilla cell with λ < 1.
    public var bound: Double?

    public init(k: Int, gap: Double, loss: Double, bound: Double?) {
      (self.k, self.gap, self.loss, self.bound) = (k, gap, loss, bound)
    }
  }

  public var fullLoss: Double
  public var windows: [Window]
  /// `‖M₀‖₂`.
  public var lambda: Double
  /// `‖V‖₂ max_t ‖x_t‖₂ + ‖b‖₂`, for a vanilla cell.
  public var inputBound: Double?

  public init(fullLoss: Double, windows: [Window], lambda: Double, inputBound: Double?) {
    (self.fullLoss, self.windows, self.lambda, self.inputBound) = (fullLoss, windows, lambda, inputBound)
  }

  /// The windows 1, 2, 4, … up to the sequence length.
  public static func windows(upTo t: Int) -> [Int] { Array(sequence(first: 1) { $0 * 2 }.prefix { $0 <= t }) }

  /// Measures `engine`'s current parameters on its validation set (sequence-to-one tasks).
  public static func measure<S: BLASScalar>(_ engine: TrainingEngine<S>, windows ks: [Int]) throws -> TruncationGap {
    let batch = engine.validation
    let t = batch.steps, b = batch.batch
    guard batch.readoutSteps == (t - 1)..<t else {
      throw DiagnosticError("this task is read out at more than its last step; the truncation gap needs a sequence-to-one task")
    }
    let full = finalState(engine, batch)
    let fullLoss = engine.evaluation(on: batch).loss
    let lambda = try engine.recurrentMatrix().spectralNorm()
    let inputBound = try contractionIsProved(engine.config.cell) ? Self.inputBound(engine, batch) : nil
    var windows: [Window] = []
    for k in ks where k <= t {
      let cols = batch.inputs.cols
      let rows = Array(batch.inputs.storage[((t - k) * b * cols)..<(t * b * cols)])
      let cut = SequenceBatch(
        inputs: Matrix(rows: k * b, cols: cols, storage: rows), steps: k, batch: b, targets: batch.targets,
        readoutSteps: (k - 1)..<k)
      let hk = finalState(engine, cut)
      let gap = zip(full, hk).map { abs(Double($0) - Double($1)) }.max() ?? 0
      let bound = inputBound.flatMap { l in lambda < 1 ? pow(lambda, Double(k)) * l / (1 - lambda) : nil }
      windows.append(Window(k: k, gap: gap, loss: engine.evaluation(on: cut).loss, bound: bound))
    }
    return TruncationGap(fullLoss: fullLoss, windows: windows, lambda: lambda, inputBound: inputBound)
  }

  /// Whether `h ← σ(W₀h + Vx + b)` is what one step computes, with σ 1-Lipschitz and
  /// σ(0) = 0 (tanh, relu, identity; not sigmoid, whose σ(0) = ½ adds √H/2 to every state's
  /// bound): the cell for which `λ = ‖W₀‖₂ < 1` bounds the gap by `λ^k L/(1−λ)`.
  public static func contractionIsProved(_ spec: CellSpec) -> Bool {
    spec.kind == .ode && spec.tableau.isExplicit && spec.tableau.stages == 1 && spec.tableau.b == [1]
      && spec.stepSize == 1 && spec.decay == [1] && !spec.gated && spec.structure == .dense
      && [.tanh, .relu, .identity].contains(spec.activation)
  }

  /// `‖V‖₂ max_t ‖x_t‖₂ + ‖b‖₂` over `batch`'s inputs.
  static func inputBound<S: BLASScalar>(_ engine: TrainingEngine<S>, _ batch: SequenceBatch<S>) throws -> Double {
    let v = Matrix<Double>(converting: engine.parameters[.input]!)
    let bias = Matrix<Double>(converting: engine.parameters[.bias]!)
    let inputs = Matrix<Double>(converting: batch.inputs)
    let xMax = (0..<inputs.rows).map { r in inputs.row(r).map { $0 * $0 }.reduce(0, +).squareRoot() }.max() ?? 0
    let bNorm = bias.storage.map { $0 * $0 }.reduce(0, +).squareRoot()
    return try v.spectralNorm() * xMax + bNorm
  }

  /// `h_T` of every example, `[B·H]`.
  static func finalState<S: BLASScalar>(_ engine: TrainingEngine<S>, _ batch: SequenceBatch<S>) -> [S] {
    let tape = Tape<S>()
    let forward = engine.model.record(on: tape, parameters: engine.parameters, batch: batch, loss: engine.task.loss)
    return tape.value(forward.hidden.last!).storage
  }

  /// The geometric rate `r` of the least-squares fit `log gap_k ≈ a + k log r` over the windows
  /// whose gap is above `floor` (rounding); nil with fewer than two such windows.
  public func fittedRate(floor: Double = 1e-13) -> Double? {
    let points = windows.filter { $0.gap > floor }.map { (Double($0.k), log($0.gap)) }
    guard points.count >= 2 else { return nil }
    let mx = points.map(\.0).reduce(0, +) / Double(points.count)
    let my = points.map(\.1).reduce(0, +) / Double(points.count)
    let sxx = points.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
    let sxy = points.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +)
    return exp(sxy / sxx)
  }

  /// The smallest window from which on every window's loss is within `relative` of the full
  /// model's (nil when the largest is not).
  public func matchingWindow(relative: Double) -> Int? {
    let close = windows.map { abs($0.loss - fullLoss) <= relative * abs(fullLoss) }
    guard close.last == true else { return nil }
    let first = (close.lastIndex(of: false) ?? -1) + 1
    return windows[first].k
  }
}

/// Why a diagnostic cannot be computed for a run (one sentence).
public struct DiagnosticError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
