import Linalg

/// How a parameter's initial value is drawn (in `Double`, from the run's generator).
public enum ParameterInitialization: Sendable, Equatable {
  /// `N(0, std²)` elementwise.
  case normal(std: Double)
  /// Glorot/Xavier uniform with gain 1.
  case glorotUniform
  /// `U(−bound, bound)` elementwise.
  case uniform(bound: Double)
  /// All zeros; draws nothing.
  case zeros

  /// A `rows × cols` value; draws `rows·cols` numbers from `rng` unless `.zeros`.
  public func draw<S: BLASScalar>(rows: Int, cols: Int, using rng: inout Xoshiro256) -> Matrix<S> {
    switch self {
    case .normal(let std): Initializer.normal(rows: rows, cols: cols, std: std, using: &rng)
    case .glorotUniform: Initializer.glorotUniform(rows: rows, cols: cols, using: &rng)
    case .uniform(let bound): Initializer.uniform(rows: rows, cols: cols, bound: bound, using: &rng)
    case .zeros: Matrix(rows: rows, cols: cols)
    }
  }
}

/// The parameters of a model (cell plus readout) for given input and output sizes: which
/// ones, in which order, their shapes and their initialisation. The one table that
/// `ParameterSet`, checkpoints and safetensors files follow.
///
/// ```
/// ode:        cell.W0 … cell.W{t−1} [H, H]  N(0, 1/H)
///             cell.V  [H, I]  Glorot        cell.b  [H]  0
///             (gated) cell.Vg [H, I] Glorot cell.bg [H]  0
/// lstm, gru:  weight_ih [gH, I], weight_hh [gH, H], bias_ih [gH], bias_hh [gH]
///             all U(−1/√H, 1/√H), as PyTorch (g = 4 or 3)
/// readout:    readout.weight [O, H]  Glorot readout.bias [O]  0
/// ```
/// The order is part of the checkpoint and session formats: it must never change.
public struct ParameterLayout: Sendable, Equatable {
  /// One parameter of the layout.
  public struct Entry: Sendable, Equatable {
    /// Which parameter.
    public let id: ParameterID
    /// The shape as files state it: `[out, in]` for a weight, `[n]` for a vector.
    public let shape: [Int]
    /// How its initial value is drawn.
    public let initialization: ParameterInitialization

    /// The value's matrix shape: a weight as it is, a vector `[n]` as `1 × n`.
    public var rows: Int { shape.count == 2 ? shape[0] : 1 }
    /// See `rows`.
    public var cols: Int { shape.last ?? 0 }
  }

  /// The parameters in canonical order.
  public let entries: [Entry]

  /// The layout of a model of `spec` with `inputSize` inputs and `outputSize` readout outputs.
  public init(spec: CellSpec, inputSize: Int, outputSize: Int) {
    let h = spec.hiddenSize
    var list: [Entry] = []
    func add(_ id: ParameterID, _ shape: [Int], _ initialization: ParameterInitialization) {
      list.append(Entry(id: id, shape: shape, initialization: initialization))
    }
    if let kind = BaselineKind(spec.kind) {
      let g = kind.gates * h
      let bound = 1 / Double(h).squareRoot()
      add(.baseline(kind, .weightIH), [g, inputSize], .uniform(bound: bound))
      add(.baseline(kind, .weightHH), [g, h], .uniform(bound: bound))
      add(.baseline(kind, .biasIH), [g], .uniform(bound: bound))
      add(.baseline(kind, .biasHH), [g], .uniform(bound: bound))
    } else {
      for r in 0..<spec.derivativeOrder {
        add(.recurrent(r), [h, h], .normal(std: 1 / Double(h).squareRoot()))
      }
      add(.input, [h, inputSize], .glorotUniform)
      add(.bias, [h], .zeros)
      if spec.gated {
        add(.gateInput, [h, inputSize], .glorotUniform)
        add(.gateBias, [h], .zeros)
      }
    }
    add(.readoutWeight, [outputSize, h], .glorotUniform)
    add(.readoutBias, [outputSize], .zeros)
    entries = list
  }

  /// The IDs in canonical order.
  public var ids: [ParameterID] { entries.map(\.id) }
}
