import JSON
import ODECells
import Testing
import Training

/// `cell.solver` in training (DESIGN §1.3, "Implicit solver"): the stiff case, the legacy
/// meaning of a header without the key, and the effective config.
@Suite("Implicit solvers in training")
struct ImplicitSolverTests {
  static func events(_ config: TrainingConfig, steps: Int) throws -> [RunEvent] {
    let driver = TrainingDriver(run: try makeTrainingRun(config), eigen: false)
    var events: [RunEvent] = []
    for _ in 0..<steps where !driver.isDone { events += driver.advance() }
    return events
  }

  static func diverged(_ events: [RunEvent]) -> String? {
    events.compactMap { e -> String? in
      if case .diverged(_, let reason) = e { return reason }
      return nil
    }.first
  }

  /// Backward Euler at ε = 50 with κ = [1] (a stiff decay): Newton trains with every value
  /// finite; eight Jacobi sweeps multiply by about ε each and overflow at once.
  @Test func stiffBackwardEulerTrainsWithNewtonAndDivergesWithJacobi() throws {
    func config(_ solver: String) throws -> TrainingConfig {
      try parseConfig(
        #"{"cell":{"hiddenSize":8,"tableau":"backward-euler","stepSize":50,"decay":[1],"solver":"\#(solver)"},"task":{"name":"adding","length":10},"batchSize":16,"steps":30,"diagnosticsEvery":10}"#)
    }
    let newton = try Self.events(config("newton"), steps: 30)
    #expect(Self.diverged(newton) == nil, "\(Self.diverged(newton) ?? "")")
    let metrics = newton.flatMap { e -> [StepMetrics] in
      if case .metrics(let m) = e { return m }
      return []
    }
    #expect(metrics.count == 30 && metrics.allSatisfy { $0.isFinite && ($0.valLoss?.isFinite ?? true) })
    #expect(newton.contains { if case .finished(30) = $0 { true } else { false } })
    let jacobi = try Self.events(config("jacobi"), steps: 30)
    #expect(Self.diverged(jacobi) != nil)
  }

  /// A new config runs Newton and its effective config says so; a session header without
  /// `solver` (written before the key existed) means the Jacobi sweeps it ran.
  @Test func aHeaderWithoutSolverMeansJacobi() throws {
    let document = try JSON.parse(#"{"cell":{"hiddenSize":4,"tableau":"gauss-legendre-2","implicitIterations":3},"task":{"name":"adding"}}"#)
    let new = try TrainingConfig.parse(document, .file)
    #expect(new.cell.solver == .newton)
    #expect(new.json["cell"]?["solver"] == "newton" && new.json["cell"]?["solverTolerance"] == .null, "\(new.json.serialized())")
    #expect(try TrainingConfig.parse(new.json, .sessionHeader) == new)
    let old = try TrainingConfig.parse(document, .sessionHeader)
    #expect(old.cell.solver == .jacobi && old.cell.implicitIterations == 3)
    #expect(old.json["cell"]?["solver"] == "jacobi" && old.json["cell"]?["solverTolerance"] == nil)
    // Explicit cells have no solver, in files and in headers.
    let rk4 = try TrainingConfig.parse(try JSON.parse(#"{"cell":{"hiddenSize":4,"tableau":"rk4"},"task":{"name":"adding"}}"#), .sessionHeader)
    #expect(rk4.json["cell"]?["solver"] == nil)
    #expect(ImplicitSolver.defaultTolerance(.float32) == 1e-5 && ImplicitSolver.defaultTolerance(.float64) == 1e-12)
    #expect(new.cell.newtonTolerance(.float64) == 1e-12)
  }
}
