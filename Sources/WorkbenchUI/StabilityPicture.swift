import Linalg
import Tableaux
import Training

/// A cell's stability function with the plot window that shows its region, computed once
/// per draft or run (finding the window scans the function; frames only evaluate it).
public struct StabilityPicture: Sendable, Equatable {
  /// `R`, or `R_m` for an implicit cell run with `m` Jacobi sweeps.
  public let function: StabilityFunction
  /// The region's window.
  public let viewport: PlotViewport

  /// The picture of an ODE cell's integrator (nil for baselines).
  public init?(config: TrainingConfig) {
    guard config.cell.kind == .ode else { return nil }
    function = config.cell.tableau.cellStabilityFunction(implicitIterations: config.cell.implicitIterations)
    viewport = function.defaultViewport()
  }

  /// The window widened to show `points` (each side at most 4× the region's window).
  public func window(including points: [Complex<Double>]) -> (re: ClosedRange<Double>, im: ClosedRange<Double>) {
    var re = viewport.re
    var im = viewport.im
    let reLimit = 4 * max(abs(re.lowerBound), abs(re.upperBound), 1)
    let imLimit = 4 * max(abs(im.lowerBound), abs(im.upperBound), 1)
    for z in points where z.real.isFinite && z.imaginary.isFinite {
      let x = min(max(z.real, -reLimit), reLimit)
      let y = min(max(z.imaginary, -imLimit), imLimit)
      re = min(re.lowerBound, x * 1.1)...max(re.upperBound, x * 1.1)
      im = min(im.lowerBound, y * 1.1)...max(im.upperBound, y * 1.1)
    }
    return (re, im)
  }
}
