import Autodiff
import Foundation
import Linalg
import ODECells

/// What a run does to its state along a sequence (papers.md §3.11, items 3 and 5), at the
/// engine's current parameters, on its validation set. Any cell: ODE cells of every tableau
/// and order, the LSTM and the GRU.
///
/// - `stateNorms[t − 1] = sqrt((1/B) Σ_n ‖h_t⁽ⁿ⁾‖₂²)`, `t = 1 … T`: the root mean square over
///   the B validation examples of the hidden state's norm (`h = v_0`, the first component).
/// - `jacobianSingularValues`: the singular values, descending, of
///   `∂S_T/∂S_0 = J_T ⋯ J_1`, `J_k = ∂S_k/∂S_{k−1}` at `(S_{k−1}, x_k)` along validation
///   example 0's trajectory from `S_0 = 0` (each `J_k` exact: `SequenceModel.mapJacobian`),
///   the product accumulated in `Double`. The product's singular values are exact to about
///   `roundingFloor = σ₁·tH·u`; below it they are rounding, not memory. `u` is the unit
///   roundoff the step Jacobians carry: `Double`'s for those in closed form (explicit ODE
///   cells, built in `Double` from the parameters), the run's precision's for those taken by
///   backpropagation (LSTM, GRU, implicit cells: a float32 run's are float32).
public struct TrajectoryDiagnostics: Sendable, Equatable {
  /// The training step whose parameters were used.
  public var step: Int
  /// `‖h_t‖` (root mean square over the validation examples), `t = 1 … T`.
  public var stateNorms: [Double]
  /// The singular values of `∂S_T/∂S_0`, descending (`tH` of them).
  public var jacobianSingularValues: [Double]
  /// `u`, the unit roundoff of the step Jacobians.
  public var unitRoundoff: Double

  public init(step: Int, stateNorms: [Double], jacobianSingularValues: [Double], unitRoundoff: Double = Double.ulpOfOne) {
    self.step = step
    self.stateNorms = stateNorms
    self.jacobianSingularValues = jacobianSingularValues
    self.unitRoundoff = unitRoundoff
  }

  /// `σ₁·tH·u`: singular values below it are rounding of the product.
  public var roundingFloor: Double {
    (jacobianSingularValues.first ?? 0) * Double(jacobianSingularValues.count) * unitRoundoff
  }

  /// The median singular value (papers.md §3.7's statistic).
  public var medianSingularValue: Double {
    let s = jacobianSingularValues.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

  /// The log-histogram of item 5: how many singular values fall in each decade
  /// `[10^e, 10^(e+1))`, from the lowest decade present to the highest; zeros are counted in
  /// the lowest.
  public var singularValueDecades: [(exponent: Int, count: Int)] {
    let positive = jacobianSingularValues.filter { $0 > 0 }
    guard let lo = positive.min(), let hi = positive.max() else {
      return jacobianSingularValues.isEmpty ? [] : [(0, jacobianSingularValues.count)]
    }
    let (a, b) = (Int(floor(log10(lo))), Int(floor(log10(hi))))
    var counts = [Int](repeating: 0, count: b - a + 1)
    for s in jacobianSingularValues {
      counts[s > 0 ? min(b, max(a, Int(floor(log10(s))))) - a : 0] += 1
    }
    return counts.enumerated().map { (a + $0.offset, $0.element) }
  }
}

extension TrainingEngine {
  /// `TrajectoryDiagnostics` at the current parameters: one forward pass over the validation
  /// set, then `T` step Jacobians and `T` products of `tH × tH` matrices, and one SVD.
  public func trajectoryDiagnostics() throws -> TrajectoryDiagnostics {
    let batch = validation
    let b = batch.batch
    let tape = Tape<Scalar>()
    let forward = model.record(on: tape, parameters: parameters, batch: batch, loss: task.loss)
    let stateNorms = forward.hidden.map { h in
      (tape.value(h).storage.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(b)).squareRoot()
    }
    // Example 0's trajectory: S_k is row 0 of each component of forward.states[k − 1].
    let spec = config.cell
    let n = spec.stateCount * spec.hiddenSize
    var product = Matrix<Double>.identity(n)
    var state = CellPoint<Scalar>(zeroFor: spec, inputSize: batch.inputSize).state
    let jacobianTape = Tape<Scalar>()
    for k in 0..<batch.steps {
      let input = Matrix<Scalar>(rows: 1, cols: batch.inputSize, storage: batch.inputs.row(k * b))
      let j = model.mapJacobian(parameters: parameters, at: CellPoint(state: state, input: input), on: jacobianTape)
      product = j * product
      state = forward.states[k].map { v in
        let m = tape.value(v)
        return Matrix(rows: 1, cols: m.cols, storage: m.row(0))
      }
    }
    guard product.storage.allSatisfy(\.isFinite) else {
      throw DiagnosticError("∂S_T/∂S_0 is not finite: the product of the step Jacobians overflowed over T = \(batch.steps) steps")
    }
    let values: [Double]
    do { values = try product.singularValues() } catch {
      throw DiagnosticError("the singular values of ∂S_T/∂S_0: \(error)")
    }
    return TrajectoryDiagnostics(
      step: step, stateNorms: stateNorms, jacobianSingularValues: values.sorted(by: >),
      unitRoundoff: model.mapJacobianIsClosedForm ? Double.ulpOfOne : Double(Scalar.ulpOfOne))
  }
}
