import Linalg
import ODECells
import Testing

/// The typed parameter layout against DESIGN §1.3's names and shapes.
@Suite("Parameter IDs and layout")
struct ParameterLayoutTests {
  static func layout(_ spec: CellSpec) -> [(String, [Int])] {
    ParameterLayout(spec: spec, inputSize: 2, outputSize: 3).entries.map { ($0.id.name, $0.shape) }
  }

  @Test func odeLayoutHasDESIGNsNamesShapesAndOrder() {
    let gated = Self.layout(CellSpec(derivativeOrder: 3, hiddenSize: 5, gated: true))
    #expect(gated.map(\.0) == ["cell.W0", "cell.W1", "cell.W2", "cell.V", "cell.b", "cell.Vg", "cell.bg", "readout.weight", "readout.bias"])
    #expect(gated.map(\.1) == [[5, 5], [5, 5], [5, 5], [5, 2], [5], [5, 2], [5], [3, 5], [3]])
    let plain = Self.layout(CellSpec(hiddenSize: 4))
    #expect(plain.map(\.0) == ["cell.W0", "cell.V", "cell.b", "readout.weight", "readout.bias"])
  }

  @Test func baselineLayoutsFollowPyTorch() {
    let lstm = Self.layout(CellSpec(kind: .lstm, hiddenSize: 4))
    #expect(lstm.map(\.0) == ["lstm.weight_ih", "lstm.weight_hh", "lstm.bias_ih", "lstm.bias_hh", "readout.weight", "readout.bias"])
    #expect(lstm.map(\.1) == [[16, 2], [16, 4], [16], [16], [3, 4], [3]])
    let gru = Self.layout(CellSpec(kind: .gru, hiddenSize: 4))
    #expect(gru.map(\.0) == ["gru.weight_ih", "gru.weight_hh", "gru.bias_ih", "gru.bias_hh", "readout.weight", "readout.bias"])
    #expect(gru.map(\.1) == [[12, 2], [12, 4], [12], [12], [3, 4], [3]])
  }

  static var everyID: [ParameterID] {
    [.recurrent(0), .recurrent(1), .recurrent(2), .recurrent(12), .input, .bias, .gateInput, .gateBias, .readoutWeight, .readoutBias]
      + BaselineKind.allCases.flatMap { k in BaselineTensor.allCases.map { ParameterID.baseline(k, $0) } }
  }

  @Test func namesRoundTripAndAreDistinct() {
    for id in Self.everyID { #expect(ParameterID(name: id.name) == id, "\(id.name)") }
    #expect(Set(Self.everyID.map(\.name)).count == Self.everyID.count)
  }

  @Test(arguments: ["", "cell", "cell.", "cell.W", "cell.W01", "cell.W-1", "cell.W+1", "cell.w0", "cell.v", "cell.x", "lstm.weight", "rnn.weight_ih", "gru.weight_ih.x", "readout.weights", " cell.V"])
  func misspeltNamesNameNothing(name: String) {
    #expect(ParameterID(name: name) == nil)
  }

  /// Lookups go by ID; the set's values are drawn in the layout's order and shapes.
  @Test func parameterSetFollowsTheLayout() {
    let spec = CellSpec(derivativeOrder: 2, hiddenSize: 3, gated: true)
    var rng = Xoshiro256(seed: 4)
    let set = ParameterSet<Double>(spec: spec, inputSize: 2, outputSize: 1, using: &rng)
    let layout = ParameterLayout(spec: spec, inputSize: 2, outputSize: 1)
    #expect(set.ids == layout.ids)
    #expect(set.parameters.map(\.shape) == layout.entries.map(\.shape))
    var replay = Xoshiro256(seed: 4)
    for entry in layout.entries {
      let value: Matrix<Double> = entry.initialization.draw(rows: entry.rows, cols: entry.cols, using: &replay)
      #expect(set[entry.id] == value, "\(entry.id)")
      #expect(set.index(of: entry.id).map { set.parameters[$0].id } == entry.id)
    }
    #expect(set[.baseline(.lstm, .weightHH)] == nil && set[.recurrent(2)] == nil)
    #expect(set[.bias] == Matrix(rows: 1, cols: 3) && set[.gateBias] == Matrix(rows: 1, cols: 3))
  }
}
