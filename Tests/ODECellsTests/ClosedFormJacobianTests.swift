import Linalg
import ODECells
import Tableaux
import Testing

/// The closed-form Jacobians (`fieldJacobian`, `mapJacobian` of explicit cells) equal the
/// previous computation, one backward pass through a replicated batch
/// (`fieldJacobianByBackpropagation`, `mapJacobianByBackpropagation`), to rounding: within
/// 1e-12 of the largest entry in float64, and 1e-5 for float32 models (whose backpropagated
/// Jacobians are float32 arithmetic, the closed form `Double` at the same float32 state).
/// The finite-difference oracle is `JacobianTests`.
@Suite("Closed-form Jacobians equal backpropagated ones")
struct ClosedFormJacobianTests {
  static func check<S: BLASScalar>(_: S.Type, _ c: JacobianTests.Case, tolerance: Double) throws {
    let spec = try c.spec()
    let p64 = JacobianTests.parameters(spec)
    let point64 = JacobianTests.randomPoint(spec)
    let p = ParameterSet<S>(
      parameters: p64.parameters.map { NamedParameter(id: $0.id, shape: $0.shape, value: Matrix(converting: $0.value)) })
    let point = CellPoint<S>(state: point64.state.map { Matrix(converting: $0) }, input: Matrix(converting: point64.input))
    let model = SequenceModel<S>(spec: spec)
    let map = JacobianTests.relativeError(
      model.mapJacobian(parameters: p, at: point), model.mapJacobianByBackpropagation(parameters: p, at: point))
    #expect(map < tolerance, "\(c) \(S.self) map: \(map)")
    guard spec.kind == .ode else { return }
    let closed = try #require(model.fieldJacobian(parameters: p, at: point))
    let backpropagated = try #require(model.fieldJacobianByBackpropagation(parameters: p, at: point))
    let field = JacobianTests.relativeError(closed, backpropagated)
    #expect(field < tolerance, "\(c) \(S.self) field: \(field)")
  }

  @Test(arguments: JacobianTests.cases)
  func float64(_ c: JacobianTests.Case) throws { try Self.check(Double.self, c, tolerance: 1e-12) }

  @Test(arguments: JacobianTests.cases)
  func float32(_ c: JacobianTests.Case) throws { try Self.check(Float.self, c, tolerance: 1e-5) }

  /// At a width past one GEMM block (H = 40, t = 2, rk4, gated): the block products agree too.
  @Test func widerCell() throws {
    let rk4 = try #require(ButcherTableau.named("rk4"))
    let spec = CellSpec(
      tableau: rk4, derivativeOrder: 2, hiddenSize: 40, stepSize: 0.3, activation: .tanh, structure: .antisymmetric,
      gamma: 0.1, decay: [0.2, 0.1], gated: true)
    var rng = Xoshiro256(seed: 77)
    let p = ParameterSet<Double>(spec: spec, inputSize: 3, outputSize: 1, using: &rng)
    let point = CellPoint<Double>(
      state: (0..<2).map { _ in Initializer.uniform(rows: 1, cols: 40, bound: 0.8, using: &rng) },
      input: Initializer.uniform(rows: 1, cols: 3, bound: 1, using: &rng))
    let model = SequenceModel<Double>(spec: spec)
    let map = JacobianTests.relativeError(
      model.mapJacobian(parameters: p, at: point), model.mapJacobianByBackpropagation(parameters: p, at: point))
    #expect(map < 1e-12, "map: \(map)")
    let field = JacobianTests.relativeError(
      try #require(model.fieldJacobian(parameters: p, at: point)),
      try #require(model.fieldJacobianByBackpropagation(parameters: p, at: point)))
    #expect(field < 1e-12, "field: \(field)")
  }
}
