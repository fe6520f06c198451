import Linalg
import ODECells
import Testing
import Training

/// For forward Euler the map is `I + ε·∂F/∂S`, so the diagnostics shift the field's
/// eigenvalues by 1 instead of running `geev` on the map: the result equals `geev` of the
/// map Jacobian to rounding, for every derivative order, gated or not. Other tableaux still
/// decompose the map itself.
@Suite("Map eigenvalues of Euler cells by the shift")
struct EigenShiftTests {
  static func sorted(_ z: [Complex<Double>]) -> [Complex<Double>] {
    z.sorted { ($0.real, $0.imaginary) < ($1.real, $1.imaginary) }
  }

  @Test(arguments: [
    #""hiddenSize":9,"structure":"antisymmetric","gamma":0.05,"stepSize":0.3"#,
    #""hiddenSize":6,"derivativeOrder":2,"decay":[0.2,0.4],"stepSize":0.5,"gated":true"#,
    #""hiddenSize":5,"derivativeOrder":3,"decay":[0.1,0.2,0.3],"stepSize":0.4,"activation":"sigmoid""#,
  ])
  func shiftedFieldEqualsTheMapsEigenvalues(cell: String) throws {
    let e = try DiagnosticsTests.engine(cell: cell)
    for _ in 0..<3 { e.trainStep() }
    let d = try #require(e.eigenDiagnostics())
    let model = SequenceModel<Double>(spec: e.config.cell)
    let map = model.mapJacobian(parameters: e.parameters, at: e.diagnosticPoint())
    let direct = Self.sorted(try map.eigenvalues())
    let shifted = Self.sorted(d.map)
    #expect(direct.count == shifted.count && direct.count == e.config.cell.stateCount * e.config.cell.hiddenSize)
    let scale = direct.map(\.length).max() ?? 1
    let error = zip(direct, shifted).map { ($0 - $1).length }.max() ?? .infinity
    #expect(error < 1e-12 * scale, "shifted vs geev of the map: \(error)")
  }
}
