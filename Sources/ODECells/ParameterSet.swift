import Autodiff
import Linalg

/// One parameter: which one, its declared shape (`[H]` for biases, `[out, in]` for weights)
/// and its value, stored as a matrix (`1 × n` for a vector).
public struct NamedParameter<Scalar: BLASScalar>: Sendable, Equatable {
  /// `.recurrent(0)`, `.readoutBias`, `.baseline(.lstm, .weightHH)`, …
  public var id: ParameterID
  /// The shape as checkpoints and safetensors files state it.
  public var shape: [Int]
  /// The value.
  public var value: Matrix<Scalar>

  /// A parameter.
  public init(id: ParameterID, shape: [Int], value: Matrix<Scalar>) {
    self.id = id
    self.shape = shape
    self.value = value
  }

  /// The DESIGN §1.3 name files use: `cell.W0`, `readout.bias`, `lstm.weight_hh`, …
  public var name: String { id.name }
}

/// The parameters of a model (cell plus readout), in `ParameterLayout` order.
///
/// Freshly initialised parameters are drawn entry by entry as the layout says, so they
/// depend on the seed only.
public struct ParameterSet<Scalar: BLASScalar>: Sendable, Equatable {
  /// The parameters in their canonical order.
  public var parameters: [NamedParameter<Scalar>]

  /// Parameters given explicitly (checkpoints, safetensors).
  public init(parameters: [NamedParameter<Scalar>]) { self.parameters = parameters }

  /// Freshly initialised parameters for a cell with `inputSize` inputs and `outputSize`
  /// readout outputs.
  public init(spec: CellSpec, inputSize: Int, outputSize: Int, using rng: inout Xoshiro256) {
    let layout = ParameterLayout(spec: spec, inputSize: inputSize, outputSize: outputSize)
    parameters = layout.entries.map { entry in
      NamedParameter(
        id: entry.id, shape: entry.shape,
        value: entry.initialization.draw(rows: entry.rows, cols: entry.cols, using: &rng))
    }
  }

  /// The parameter `id`, if the model has it.
  public subscript(id: ParameterID) -> Matrix<Scalar>? {
    parameters.first { $0.id == id }?.value
  }

  /// The position of parameter `id` in the canonical order.
  public func index(of id: ParameterID) -> Int? {
    parameters.firstIndex { $0.id == id }
  }

  /// The total number of scalars (every entry of `cell.W0` counts, also when antisymmetric).
  public var scalarCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

  /// The IDs, in order.
  public var ids: [ParameterID] { parameters.map(\.id) }

  /// The names, in order (for files).
  public var names: [String] { parameters.map(\.name) }

  /// Every parameter recorded on `tape` as a constant (no gradient), by ID.
  public func constants(on tape: Tape<Scalar>) -> [ParameterID: Var] {
    var vars: [ParameterID: Var] = [:]
    for p in parameters { vars[p.id] = tape.constant(p.value) }
    return vars
  }
}

extension [ParameterID: Var] {
  /// The parameter `id`; a model without it is a programmer error.
  func required(_ id: ParameterID) -> Var {
    guard let v = self[id] else { preconditionFailure("missing parameter \(id.name)") }
    return v
  }
}
