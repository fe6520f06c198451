import Linalg
import ODECells
import Tableaux
import Testing

/// The exact field and map Jacobians (`SequenceModel.fieldJacobian`, `mapJacobian`) against
/// float64 central differences of the cell's forward pass, for every kind of cell.
@Suite("Cell Jacobians by finite differences")
struct JacobianTests {
  /// A cell to check; `H = 3`, `I = 2`, `ε = 0.4`, `κ_r = 0.2 + 0.15 r`, `γ = 0.15` when
  /// antisymmetric.
  struct Case: Sendable, CustomTestStringConvertible {
    var kind: CellKind = .ode
    var tableau = "euler"
    var order = 1
    var activation: Activation = .tanh
    var structure: Structure = .dense
    var gated = false
    var sweeps = 3
    var solver: ImplicitSolver = .jacobi

    func spec() throws -> CellSpec {
      CellSpec(
        kind: kind, tableau: try #require(ButcherTableau.named(tableau)), derivativeOrder: order, hiddenSize: 3,
        stepSize: 0.4, activation: activation, structure: structure, gamma: structure == .antisymmetric ? 0.15 : 0,
        decay: (0..<order).map { 0.2 + 0.15 * Double($0) }, gated: gated, implicitIterations: sweeps, solver: solver)
    }

    var testDescription: String {
      guard kind == .ode else { return kind.rawValue }
      let implicit = (try? spec())?.isImplicit ?? false
      return "\(structure) \(activation)\(gated ? " gated" : "") \(tableau) t=\(order)\(implicit ? " \(solver)" : "")"
    }
  }

  static let cases: [Case] = [
    Case(),
    Case(tableau: "rk4", structure: .antisymmetric),
    Case(activation: .sigmoid, gated: true),
    Case(tableau: "rk4", order: 2, activation: .sigmoid, structure: .antisymmetric, gated: true),
    Case(tableau: "heun", order: 2, activation: .relu),
    Case(tableau: "kutta3", order: 3, activation: .identity),
    Case(tableau: "rk4", order: 3, gated: true),
    Case(tableau: "backward-euler", structure: .antisymmetric, gated: true, sweeps: 2),
    Case(tableau: "gauss-legendre-2", order: 2, activation: .sigmoid),
    Case(tableau: "radau-iia-2", order: 3, activation: .sigmoid, gated: true, sweeps: 4),
    Case(tableau: "backward-euler", structure: .antisymmetric, gated: true, sweeps: 8, solver: .newton),
    Case(tableau: "gauss-legendre-2", order: 2, activation: .sigmoid, sweeps: 8, solver: .newton),
    Case(tableau: "radau-iia-2", order: 3, activation: .sigmoid, gated: true, sweeps: 8, solver: .newton),
    Case(kind: .lstm),
    Case(kind: .gru),
  ]

  /// Seeded parameters, every entry moved by up to ±0.3 so that biases are non-zero too.
  static func parameters(_ spec: CellSpec) -> ParameterSet<Double> {
    var rng = Xoshiro256(seed: 21)
    var p = ParameterSet<Double>(spec: spec, inputSize: 2, outputSize: 1, using: &rng)
    for i in p.parameters.indices { p.parameters[i].value = p.parameters[i].value.map { $0 + 0.3 * rng.uniform(-1, 1) } }
    return p
  }

  static func randomPoint(_ spec: CellSpec) -> CellPoint<Double> {
    var rng = Xoshiro256(seed: 8)
    return CellPoint(
      state: (0..<spec.stateCount).map { _ in Initializer.uniform(rows: 1, cols: spec.hiddenSize, bound: 0.6, using: &rng) },
      input: Initializer.uniform(rows: 1, cols: 2, bound: 1, using: &rng))
  }

  /// `max |a − b| / max |b|`; `b` must not be all zeros (a check that proves nothing).
  static func relativeError(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
    guard a.rows == b.rows, a.cols == b.cols else { return .infinity }
    let scale = b.storage.map(abs).max() ?? 0
    #expect(scale > 0.01, "finite differences are all zero")
    return zip(a.storage, b.storage).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
  }

  static func check(_ spec: CellSpec, _ p: ParameterSet<Double>, at point: CellPoint<Double>) {
    let model = SequenceModel<Double>(spec: spec)
    let n = spec.stateCount * spec.hiddenSize
    let map = model.mapJacobian(parameters: p, at: point)
    #expect(map.rows == n && map.cols == n)
    let mapError = relativeError(map, model.mapJacobianByFiniteDifferences(parameters: p, at: point))
    #expect(mapError < 1e-6, "map: \(mapError)")
    guard let field = model.fieldJacobian(parameters: p, at: point) else {
      #expect(spec.kind != .ode, "an ODE cell has a field")
      return
    }
    let fd = model.fieldJacobianByFiniteDifferences(parameters: p, at: point)
    let fieldError = fd.map { relativeError(field, $0) } ?? .infinity
    #expect(fieldError < 1e-6, "field: \(fieldError)")
  }

  @Test(arguments: cases)
  func jacobiansAtARandomPointEqualCentralDifferences(_ c: Case) throws {
    let spec = try c.spec()
    Self.check(spec, Self.parameters(spec), at: Self.randomPoint(spec))
  }

  /// The Compose preview's point: `S = 0`, `x = 0`, the initial weights (zero biases). ReLU
  /// is left out: every `z` is exactly 0 there, ReLU's kink, where the tape takes the slope 0
  /// and a central difference sees ½.
  @Test(arguments: cases.filter { $0.activation != .relu })
  func jacobiansAtTheZeroPointEqualCentralDifferences(_ c: Case) throws {
    let spec = try c.spec()
    var rng = Xoshiro256(seed: 5)
    let p = ParameterSet<Double>(spec: spec, inputSize: 2, outputSize: 1, using: &rng)
    Self.check(spec, p, at: CellPoint(zeroFor: spec, inputSize: 2))
  }

  /// At `z = z_g = 0` the gated sigmoid `f = sigmoid(z_g)·sigmoid(z)` has slope
  /// `sigmoid′(0)·sigmoid(0) + sigmoid(0)·sigmoid′(0) = ¼·½ + ½·¼ = ¼`, so `ε·∂F/∂S = (ε/4)·M_0`.
  @Test(arguments: [Structure.dense, .antisymmetric])
  func gatedSigmoidFieldAtZeroIsAQuarterOfM0(structure: Structure) throws {
    let spec = CellSpec(hiddenSize: 4, stepSize: 0.6, activation: .sigmoid, structure: structure, gamma: 0.3, gated: true)
    var rng = Xoshiro256(seed: 2)
    let p = ParameterSet<Double>(spec: spec, inputSize: 2, outputSize: 1, using: &rng)
    let field = try #require(SequenceModel<Double>(spec: spec).fieldJacobian(parameters: p, at: CellPoint(zeroFor: spec, inputSize: 2)))
    let m0 = try #require(spec.recurrentMatrices(of: p).first)
    #expect(Self.relativeError(field, (0.6 / 4) * m0) < 1e-14)
  }

  /// A float32 model's Jacobians (what float32 runs diagnose) agree with float64's to single
  /// precision.
  @Test func float32JacobiansAgreeWithFloat64() throws {
    let spec = try Self.cases[3].spec()
    let p = Self.parameters(spec)
    let point = Self.randomPoint(spec)
    let p32 = ParameterSet<Float>(
      parameters: p.parameters.map { NamedParameter(id: $0.id, shape: $0.shape, value: Matrix(converting: $0.value)) })
    let point32 = CellPoint<Float>(state: point.state.map { Matrix(converting: $0) }, input: Matrix(converting: point.input))
    let m32 = SequenceModel<Float>(spec: spec)
    let m64 = SequenceModel<Double>(spec: spec)
    #expect(Self.relativeError(m32.mapJacobian(parameters: p32, at: point32), m64.mapJacobian(parameters: p, at: point)) < 1e-5)
    let f32 = try #require(m32.fieldJacobian(parameters: p32, at: point32))
    let f64 = try #require(m64.fieldJacobian(parameters: p, at: point))
    #expect(Self.relativeError(f32, f64) < 1e-5)
  }
}
