import Linalg
import Tableaux
import Training

/// A cell's stability function with the plot window that shows its region, computed once
/// per draft or run (finding the window scans the function; frames only evaluate it).
public struct StabilityPicture: Sendable, Equatable {
  /// `R`, or `R_m` for an implicit cell run with `m` Jacobi sweeps
  /// (`CellSpec.integratedStabilityFunction`).
  public let function: StabilityFunction
  /// Which solver the function comes from (`CellSpec.stabilitySolverNote`): nil, `newton`,
  /// `jacobi, m=8`.
  public let solverNote: String?
  /// The region's window.
  public let viewport: PlotViewport

  /// The picture of an ODE cell's integrator (nil for baselines).
  public init?(config: TrainingConfig) {
    guard config.cell.kind == .ode else { return nil }
    function = config.cell.integratedStabilityFunction
    solverNote = config.cell.stabilitySolverNote
    viewport = function.defaultViewport()
  }

  /// `R_8(z) region (jacobi, m=8)`: a title's words `what` after the symbol, then the note.
  public func title(_ what: String) -> String {
    "\(function.symbol)\(what)\(solverNote.map { " (\($0))" } ?? "")"
  }

  /// The window for `points` over the region: the region's window widened to show far
  /// points (each side at most 4× the region's), or — when every point lies within a tenth of
  /// the region's extent, as ε·λ of a small step does — a window zoomed onto the points around
  /// the origin, so their position relative to the boundary stays visible.
  public func window(including points: [Complex<Double>]) -> (re: ClosedRange<Double>, im: ClosedRange<Double>) {
    var re = viewport.re
    var im = viewport.im
    let finite = points.filter { $0.real.isFinite && $0.imaginary.isFinite }
    let extent = max(re.upperBound - re.lowerBound, im.upperBound - im.lowerBound)
    let reach = finite.map(\.length).max() ?? 0
    if reach > 0 && reach < extent / 10 {
      let r = 1.5 * reach
      return (-r...r, -r...r)
    }
    let reLimit = 4 * max(abs(re.lowerBound), abs(re.upperBound), 1)
    let imLimit = 4 * max(abs(im.lowerBound), abs(im.upperBound), 1)
    for z in finite {
      let x = min(max(z.real, -reLimit), reLimit)
      let y = min(max(z.imaginary, -imLimit), imLimit)
      re = min(re.lowerBound, x * 1.1)...max(re.upperBound, x * 1.1)
      im = min(im.lowerBound, y * 1.1)...max(im.upperBound, y * 1.1)
    }
    return (re, im)
  }
}
