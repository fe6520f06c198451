import TerminalGrid
import Testing
import Training
import WorkbenchUI

/// Compose and Train say which stability function an implicit cell integrates with — the
/// tableau's R for Newton, R_m for Jacobi — and Compose shows each solver's cost per step.
@Suite("Screens: implicit solvers")
struct ImplicitSolverScreenTests {
  static func compose(_ solver: String) throws -> String {
    var m = Fixtures.model(Size(width: 160, height: 50))
    var c = m.draft.config
    try c.set("cell.tableau", to: "gauss-legendre-2")
    try c.set("cell.solver", to: .string(solver))
    m.draft = ComposeDraft(config: c)
    // Newton's iterations are measured with the spectrum, off the main thread: the runtime's
    // answer for this draft.
    _ = Workbench.update(&m, .previewComputed(generation: m.previewGeneration, ComposePreview(config: m.draft.config)))
    return Workbench.render(m).lines().joined(separator: "\n")
  }

  @Test func composeNamesTheFunctionAndTheSolversCost() throws {
    let newton = try Self.compose("newton")
    #expect(newton.contains("R(z) region, ε·λ of the initial weights (newton)"), "\(newton)")
    #expect(newton.contains("integrates with the tableau's own R(z) (newton)"))
    #expect(newton.contains("jacobi (m=8): 17 f-evals/step, no linear solves"), "\(newton)")
    #expect(newton.contains("newton: ") && newton.contains("iterations/step (max ") && newton.contains("LU solves of size 128"), "\(newton)")
    #expect(newton.contains("f-evals/step ≤ 18"))
    let jacobi = try Self.compose("jacobi")
    #expect(jacobi.contains("R_8(z) region, ε·λ of the initial weights (jacobi, m=8)"), "\(jacobi)")
    #expect(jacobi.contains("integrates with R_8(z) (jacobi, m=8), not the tableau's R(z)"))
    #expect(jacobi.contains("f-evals/step 17 "))
  }

  static func newtonConfig(hidden: Int, precision: String, iterations: Int = 8) throws -> TrainingConfig {
    var c = Fixtures.config
    try c.set("cell.tableau", to: "gauss-legendre-2")
    try c.set("cell.solver", to: "newton")
    try c.set("cell.hiddenSize", to: .number(Double(hidden)))
    try c.set("cell.implicitIterations", to: .number(Double(iterations)))
    try c.set("precision", to: .string(precision))
    return c
  }

  /// Newton's iterations are measured in Double but to the run's own τ: a float32 run stops at
  /// 1e-5, so two iterations are enough where float64's 1e-12 needs more (the preview once
  /// measured every run at 1e-12 and predicted failures a float32 run never had).
  @Test func newtonIsMeasuredToTheRunsTolerance() throws {
    let single = try #require(ComposePreview(config: Self.newtonConfig(hidden: 16, precision: "float32", iterations: 2)).cost)
    #expect(single.newtonFailure == nil && single.newtonMax != nil, "\(single.lines)")
    #expect(single.lines.contains { $0.contains("τ = 1e-05") }, "\(single.lines)")
    let double = try #require(ComposePreview(config: Self.newtonConfig(hidden: 16, precision: "float64", iterations: 2)).cost)
    #expect(double.newtonFailure?.contains("τ = 1e-12") == true, "\(double.lines)")
  }

  /// The cost line says what it waits for, and why a large system is never measured.
  @Test func theCostLineSaysWhyNewtonIsNotMeasured() throws {
    let small = try Self.newtonConfig(hidden: 16, precision: "float32")
    let pending = try #require(ComposePreview(factsOf: small).cost)
    #expect(pending.lines.contains { $0.contains("measuring Newton's iterations on the initial weights…") }, "\(pending.lines)")
    let hidden = ComposePreview.costLimit / 2 + 1
    let large = try #require(ComposePreview(config: Self.newtonConfig(hidden: hidden, precision: "float32")).cost)
    let size = 2 * hidden
    #expect(large.newtonMax == nil)
    #expect(
      large.lines.contains { $0.contains("Newton's iterations not measured: s·t·H = \(size) is over \(ComposePreview.costLimit)") },
      "\(large.lines)")
  }

  /// An unset τ reads as the default of the draft's precision, not as both precisions' rule.
  @Test func theToleranceRowShowsThePrecisionsDefault() throws {
    let single = ComposeDraft(config: try Self.newtonConfig(hidden: 16, precision: "float32"))
    #expect(single.text(ComposeField("cell.solverTolerance")) == "1e-05, float32's default")
    let double = ComposeDraft(config: try Self.newtonConfig(hidden: 16, precision: "float64"))
    #expect(double.text(ComposeField("cell.solverTolerance")) == "1e-12, float64's default")
  }

  @Test func theHeadroomAndTheRegionFollowTheSolver() throws {
    var c = Fixtures.config
    try c.set("cell.tableau", to: "implicit-midpoint")
    #expect(c.cell.integratedStabilityFunction == c.cell.tableau.stabilityFunction)
    #expect(StabilityPicture(config: c)?.title(" ≤ 1") == "R(z) ≤ 1 (newton)")
    try c.set("cell.solver", to: "jacobi")
    #expect(StabilityPicture(config: c)?.title(" ≤ 1") == "R_8(z) ≤ 1 (jacobi, m=8)")
    #expect(c.cell.integratedStabilityFunction == c.cell.tableau.cellStabilityFunction(implicitIterations: 8))
  }
}
