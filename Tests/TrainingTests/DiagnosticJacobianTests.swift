import Linalg
import ODECells
import Testing
import Training

/// The eigen diagnostics of a training run against float64 central differences of the run's
/// own cell at the point it diagnoses.
@Suite("Eigen diagnostics by finite differences")
struct DiagnosticJacobianTests {
  static let cells = [
    #""hiddenSize":4,"stepSize":0.7"#,
    #""hiddenSize":4,"tableau":"rk4","structure":"antisymmetric","gamma":0.1,"stepSize":0.3"#,
    #""hiddenSize":4,"activation":"sigmoid","gated":true,"stepSize":0.8"#,
    #""hiddenSize":3,"tableau":"heun","derivativeOrder":2,"decay":[0.2,0.5],"activation":"sigmoid","gated":true,"stepSize":0.5"#,
    #""hiddenSize":3,"tableau":"kutta3","derivativeOrder":3,"decay":[0.3,0.3,0.6],"stepSize":0.4"#,
    #""hiddenSize":4,"tableau":"radau-iia-2","solver":"jacobi","implicitIterations":3,"structure":"antisymmetric","gamma":0.2,"stepSize":0.4"#,
    #""hiddenSize":3,"tableau":"gauss-legendre-2","solver":"jacobi","derivativeOrder":2,"decay":[0.4,0.4],"implicitIterations":2,"stepSize":0.5"#,
    #""hiddenSize":4,"tableau":"radau-iia-2","structure":"antisymmetric","gamma":0.2,"stepSize":0.4"#,
    #""hiddenSize":3,"tableau":"gauss-legendre-2","derivativeOrder":2,"decay":[0.4,0.4],"gated":true,"stepSize":0.5"#,
    #""kind":"lstm","hiddenSize":3"#,
    #""kind":"gru","hiddenSize":4"#,
  ]

  @Test(arguments: cells)
  func fieldAndMapEigenvaluesAreThoseOfCentralDifferences(cell: String) throws {
    let engine = try TrainingEngine<Double>(
      config: parseConfig(
        #"{"cell":{\#(cell)},"task":{"name":"adding","length":6},"batchSize":4,"steps":10,"precision":"float64"}"#))
    for _ in 0..<2 { engine.trainStep() }
    let d = try #require(engine.eigenDiagnostics())
    let point = engine.diagnosticPoint()
    #expect(point.state.contains { $0.storage.contains { $0 != 0 } }, "the diagnosed state is not the trivial zero")
    let model = SequenceModel<Double>(spec: engine.config.cell)

    let map = model.mapJacobianByFiniteDifferences(parameters: engine.parameters, at: point)
    let mapDistance = worstMultisetDistance(d.map, try map.eigenvalues())
    #expect(mapDistance < 1e-6, "map: \(mapDistance)")
    let mapNorm = try map.spectralNorm()
    #expect(abs(d.mapNorm - mapNorm) <= 1e-6 * mapNorm)

    guard let field = model.fieldJacobianByFiniteDifferences(parameters: engine.parameters, at: point) else {
      #expect(d.field.isEmpty && engine.config.cell.kind != .ode)
      return
    }
    let fieldDistance = worstMultisetDistance(d.field, try field.eigenvalues())
    #expect(fieldDistance < 1e-6, "field: \(fieldDistance)")
    #expect(d.field.contains { $0.length > 0.01 })
  }
}
