import Linalg
import ODECells
import Tableaux
import Testing
import Training
import WorkbenchUI

/// The Compose preview's spectrum against the eigenvalues of a float64 central-difference
/// field Jacobian at `S = 0`, `x = 0` with the run's initial weights.
@Suite("Compose preview spectrum")
struct ComposePreviewTests {
  /// The adding task (I = 2, O = 1) with `cell`.
  static func config(_ cell: CellSpec) -> TrainingConfig {
    var c = ComposeDraft().config
    c.cell = cell
    c.task = .adding(length: 100)
    c.seed = 9
    return c
  }

  /// The eigenvalues of `ε·∂F/∂S` at the zero point by central differences, from the weights
  /// the run would draw.
  static func finiteDifferenceSpectrum(_ config: TrainingConfig) throws -> [Complex<Double>] {
    var rng = Xoshiro256(seed: config.seed)
    let p = ParameterSet<Double>(spec: config.cell, inputSize: 2, outputSize: 1, using: &rng)
    let field = SequenceModel<Double>(spec: config.cell)
      .fieldJacobianByFiniteDifferences(parameters: p, at: CellPoint(zeroFor: config.cell, inputSize: 2))
    return try #require(field).eigenvalues()
  }

  /// Greedily pairs each expected point with the nearest unused actual one; the worst
  /// `|a − e| / max(1, |e|)`, infinity when the counts differ.
  static func distance(_ actual: [Complex<Double>], _ expected: [Complex<Double>]) -> Double {
    guard actual.count == expected.count else { return .infinity }
    var unused = actual
    var worst = 0.0
    for e in expected.sorted(by: { $0.length > $1.length }) {
      guard let i = unused.indices.min(by: { (unused[$0] - e).length < (unused[$1] - e).length }) else { break }
      worst = max(worst, (unused[i] - e).length / max(1, e.length))
      unused.remove(at: i)
    }
    return worst
  }

  /// The ⅛ bug: a hand-written Jacobian took the gated sigmoid's slope at 0 as
  /// `½·sigmoid′(0) = ⅛`, missing the gate's own term `sigmoid′(0)·sigmoid(0) = ⅛`.
  @Test func gatedSigmoidSpectrumIsTheFiniteDifferenceSpectrum() throws {
    let cell = CellSpec(hiddenSize: 6, stepSize: 0.5, activation: .sigmoid, structure: .antisymmetric, gamma: 0.2, gated: true)
    let config = Self.config(cell)
    let preview = ComposePreview(config: config)
    let expected = try Self.finiteDifferenceSpectrum(config)
    #expect(preview.spectrum.count == 6 && preview.note == nil)
    #expect(Self.distance(preview.spectrum, expected) < 1e-8, "\(preview.spectrum) vs \(expected)")
    let eighth = expected.map { Complex($0.real / 2, $0.imaginary / 2) }
    #expect(Self.distance(preview.spectrum, eighth) > 1e-3, "the slope ⅛ gives half the spectrum")
  }

  @Test(arguments: [
    CellSpec(hiddenSize: 5, stepSize: 0.3),
    CellSpec(derivativeOrder: 2, hiddenSize: 4, stepSize: 0.5, structure: .antisymmetric, gamma: 0.1, decay: [0.2, 0.6]),
    CellSpec(derivativeOrder: 3, hiddenSize: 3, stepSize: 0.4, activation: .identity, decay: [0.1, 0.3, 0.5], gated: true),
    CellSpec(derivativeOrder: 2, hiddenSize: 4, stepSize: 0.7, activation: .sigmoid, decay: [0.3, 0.3]),
  ])
  func spectrumIsTheFiniteDifferenceSpectrum(cell: CellSpec) throws {
    let config = Self.config(cell)
    let spectrum = ComposePreview(config: config).spectrum
    #expect(spectrum.count == cell.derivativeOrder * cell.hiddenSize)
    #expect(Self.distance(spectrum, try Self.finiteDifferenceSpectrum(config)) < 1e-8)
  }

  @Test func baselinesHaveNoFieldToPreview() {
    let preview = ComposePreview(config: Self.config(CellSpec(kind: .gru, hiddenSize: 4)))
    #expect(preview.spectrum.isEmpty && preview.note == "no field: gru is a baseline")
  }
}
