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
