/// A baseline cell (DESIGN §1.3): the prefix of its parameters' names.
public enum BaselineKind: String, Sendable, CaseIterable {
  /// PyTorch's LSTM, `[4H, …]` tensors (gate order i, f, g, o).
  case lstm
  /// PyTorch's GRU, `[3H, …]` tensors (gate order r, z, n).
  case gru

  /// The baseline a cell kind names (`nil` for an ODE cell).
  public init?(_ kind: CellKind) {
    switch kind {
    case .ode: return nil
    case .lstm: self = .lstm
    case .gru: self = .gru
    }
  }

  /// The number of gate blocks stacked in each tensor: 4 (LSTM) or 3 (GRU).
  public var gates: Int { self == .lstm ? 4 : 3 }
}

/// One of the four tensors of a PyTorch LSTM or GRU, named as PyTorch names them.
public enum BaselineTensor: String, Sendable, CaseIterable {
  /// `W_ih` `[gH, I]`.
  case weightIH = "weight_ih"
  /// `W_hh` `[gH, H]`.
  case weightHH = "weight_hh"
  /// `b_ih` `[gH]`.
  case biasIH = "bias_ih"
  /// `b_hh` `[gH]`.
  case biasHH = "bias_hh"
}

/// A model parameter (DESIGN §1.3), by meaning rather than by spelling.
///
/// Code looks parameters up by ID (`parameters[.recurrent(0)]`), so a misspelt parameter
/// does not compile. Only files (checkpoints, safetensors) see the names, and `name` and
/// `init(name:)` are the one conversion between the two:
/// ```
/// .recurrent(r)  cell.W<r>     .readoutWeight  readout.weight
/// .input         cell.V        .readoutBias    readout.bias
/// .bias          cell.b        .baseline(k, t) <k>.<t>   (lstm.weight_ih, gru.bias_hh, …)
/// .gateInput     cell.Vg
/// .gateBias      cell.bg
/// ```
/// `ParameterID(name: id.name) == id` for every ID (with r ≥ 0), and `init(name:)` accepts no
/// other string.
public enum ParameterID: Hashable, Sendable, CustomStringConvertible {
  /// `W_r` `[H, H]`, r = 0 … t − 1 (`M_0` is formed from `W_0`).
  case recurrent(Int)
  /// `V` `[H, I]`.
  case input
  /// `b` `[H]`.
  case bias
  /// `V_g` `[H, I]` (gated cells).
  case gateInput
  /// `b_g` `[H]` (gated cells).
  case gateBias
  /// A tensor of the LSTM or GRU.
  case baseline(BaselineKind, BaselineTensor)
  /// `U` `[O, H]`.
  case readoutWeight
  /// `u` `[O]`.
  case readoutBias

  /// The name in checkpoints, safetensors files and the UI.
  public var name: String {
    switch self {
    case .recurrent(let r): "\(Self.recurrentPrefix)\(r)"
    case .input: "cell.V"
    case .bias: "cell.b"
    case .gateInput: "cell.Vg"
    case .gateBias: "cell.bg"
    case .baseline(let kind, let tensor): "\(kind.rawValue).\(tensor.rawValue)"
    case .readoutWeight: "readout.weight"
    case .readoutBias: "readout.bias"
    }
  }

  /// The parameter a file calls `name`, or `nil` if no parameter is spelt so.
  public init?(name: String) {
    if let id = Self.fixedNames.first(where: { $0.name == name }) {
      self = id
      return
    }
    // `cell.W<r>` with r in canonical decimal: `cell.W01` and `cell.W+1` name nothing.
    guard name.hasPrefix(Self.recurrentPrefix) else { return nil }
    let digits = name.dropFirst(Self.recurrentPrefix.count)
    guard let r = Int(digits), r >= 0, String(r) == digits else { return nil }
    self = .recurrent(r)
  }

  private static let recurrentPrefix = "cell.W"

  /// Every ID but `.recurrent(r)`: the ones whose name is a fixed string.
  private static let fixedNames: [ParameterID] =
    [.input, .bias, .gateInput, .gateBias, .readoutWeight, .readoutBias]
    + BaselineKind.allCases.flatMap { kind in BaselineTensor.allCases.map { .baseline(kind, $0) } }

  /// The name.
  public var description: String { name }
}
