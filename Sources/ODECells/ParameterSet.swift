import Linalg

/// One named parameter: its DESIGN §1.3 name, its declared shape (`[H]` for biases, `[out, in]`
/// for weights) and its value, stored as a matrix (`1 × n` for a vector).
public struct NamedParameter<Scalar: BLASScalar>: Sendable, Equatable {
  /// `cell.W0`, `readout.bias`, `lstm.weight_hh`, …
  public var name: String
  /// The shape as checkpoints and safetensors files state it.
  public var shape: [Int]
  /// The value.
  public var value: Matrix<Scalar>
}

/// The parameters of a model (cell plus readout), in a fixed order.
///
/// Initialisation (depends on the seed only, drawn in `Double` in this order):
/// - ODE cell: `W_r ~ N(0, 1/H)` for every r; `V`, `V_g` Glorot-uniform; `b`, `b_g` zero.
/// - LSTM and GRU: every weight and bias `U(−1/√H, 1/√H)`, as PyTorch.
/// - Readout: `U` Glorot-uniform, `u` zero.
public struct ParameterSet<Scalar: BLASScalar>: Sendable, Equatable {
  /// The parameters in their canonical order.
  public var parameters: [NamedParameter<Scalar>]

  /// Parameters given explicitly (checkpoints, safetensors).
  public init(parameters: [NamedParameter<Scalar>]) { self.parameters = parameters }

  /// Freshly initialised parameters for a cell with `inputSize` inputs and `outputSize`
  /// readout outputs.
  public init(spec: CellSpec, inputSize: Int, outputSize: Int, using rng: inout Xoshiro256) {
    let h = spec.hiddenSize
    var list: [NamedParameter<Scalar>] = []
    func add(_ name: String, _ shape: [Int], _ value: Matrix<Scalar>) {
      list.append(NamedParameter(name: name, shape: shape, value: value))
    }
    switch spec.kind {
    case .ode:
      let std = 1 / Double(h).squareRoot()
      for r in 0..<spec.derivativeOrder {
        add("cell.W\(r)", [h, h], Initializer.normal(rows: h, cols: h, std: std, using: &rng))
      }
      add("cell.V", [h, inputSize], Initializer.glorotUniform(rows: h, cols: inputSize, using: &rng))
      add("cell.b", [h], Matrix(rows: 1, cols: h))
      if spec.gated {
        add("cell.Vg", [h, inputSize], Initializer.glorotUniform(rows: h, cols: inputSize, using: &rng))
        add("cell.bg", [h], Matrix(rows: 1, cols: h))
      }
    case .lstm, .gru:
      let prefix = spec.kind.rawValue
      let g = spec.kind == .lstm ? 4 : 3
      let bound = 1 / Double(h).squareRoot()
      add("\(prefix).weight_ih", [g * h, inputSize], Initializer.uniform(rows: g * h, cols: inputSize, bound: bound, using: &rng))
      add("\(prefix).weight_hh", [g * h, h], Initializer.uniform(rows: g * h, cols: h, bound: bound, using: &rng))
      add("\(prefix).bias_ih", [g * h], Initializer.uniform(rows: 1, cols: g * h, bound: bound, using: &rng))
      add("\(prefix).bias_hh", [g * h], Initializer.uniform(rows: 1, cols: g * h, bound: bound, using: &rng))
    }
    add("readout.weight", [outputSize, h], Initializer.glorotUniform(rows: outputSize, cols: h, using: &rng))
    add("readout.bias", [outputSize], Matrix(rows: 1, cols: outputSize))
    parameters = list
  }

  /// The parameter called `name`.
  public subscript(name: String) -> Matrix<Scalar>? {
    parameters.first { $0.name == name }?.value
  }

  /// The total number of scalars (every entry of `cell.W0` counts, also when antisymmetric).
  public var scalarCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

  /// The names, in order.
  public var names: [String] { parameters.map(\.name) }
}
