import Linalg
import TerminalGrid
import Testing
import Training
import WorkbenchUI

/// `E` on Sessions: the drawn runs' spectra side by side at one step, in one window, each
/// titled in the run's colour; `,`/`.` move the step.
@Suite("Sessions: two runs' spectra at the same step")
struct SpectraCompareTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

  func press(_ m: inout WorkbenchModel, _ keys: Key...) {
    for k in keys { _ = Workbench.update(&m, .key(k)) }
  }

  /// Run A's ε·λ all stable (−0.01 ± small i), run B's all unstable for forward Euler (+0.05),
  /// A with diagnostics every 25 steps to 75, B every 25 to 50.
  func model(_ size: Size) -> WorkbenchModel {
    var m = SessionsFixtures.model(size, overlaid: 0)
    let a = SessionsFixtures.listings[0]
    let b = SessionsFixtures.listings[1]
    let picture = StabilityPicture(config: Fixtures.config)
    func diagnostics(_ steps: [Int], _ re: Double) -> [EigenDiagnostics] {
      steps.map { s in
        let field = (0..<4).map { Complex(re * Double(s) / 25, 0.01 * Double($0 - 2)) }
        return EigenDiagnostics(step: s, field: field, map: field.map { Complex(1 + $0.real, $0.imaginary) }, spectralNorm: 1, mapNorm: 1, headroom: 2)
      }
    }
    var ca = SessionsFixtures.curve(0, steps: a.steps)
    ca.eigen = diagnostics([25, 50, 75], -0.01)
    ca.picture = picture
    var cb = SessionsFixtures.curve(1, steps: b.steps)
    cb.eigen = diagnostics([25, 50], 0.05)
    cb.picture = picture
    _ = Workbench.update(&m, .curvesLoaded([a.file: ca, b.file: cb]))
    while m.selectedSession?.file != a.file { press(&m, .down) }
    press(&m, .character(" "))
    while m.selectedSession?.file != b.file { press(&m, .down) }
    press(&m, .character(" "), .character("E"))
    return m
  }

  @Test(arguments: sizes)
  func bothSpectraAtTheCommonStep(size: Size) throws {
    var m = model(size)
    var grid = Workbench.render(m)
    var text = grid.lines().joined(separator: "\n")
    #expect(text.contains("Spectra of 2 runs at step 50"), "\(text)")
    #expect(text.contains("@50") && !text.contains("@75"))
    // Each run's title in its overlay colour; A's points inside (●) on the left half, B's
    // outside (×) on the right half.
    let lines = grid.lines()
    let titleRow = 2
    let marks = (0..<grid.width).filter { grid[$0, titleRow].scalar == "━" }
    #expect(marks.count == 2 && grid[marks[0], titleRow].style.fg != grid[marks[1], titleRow].style.fg, "\(lines[titleRow])")
    let half = marks.count == 2 ? marks[1] : grid.width / 2
    // (Below the plots' own "● stable  × unstable" key row.)
    func count(_ glyph: Unicode.Scalar, _ columns: Range<Int>) -> Int {
      (4..<grid.height - 3).reduce(0) { n, y in n + columns.filter { grid[$0, y].scalar == glyph }.count }
    }
    #expect(count("●", 0..<half) > 0 && count("×", 0..<half) == 0, "A is stable")
    #expect(count("×", half..<grid.width) > 0 && count("●", half..<grid.width) == 0, "B is not")
    press(&m, .character(","))
    grid = Workbench.render(m)
    text = grid.lines().joined(separator: "\n")
    #expect(text.contains("at step 25") && text.contains("@25"))
    press(&m, .character("."), .character("."))
    #expect(Workbench.render(m).lines().joined().contains("at step 50"), "never past the common step")
    press(&m, .escape)
    #expect(!m.showSpectra && m.screen == .sessions)
  }

  @Test func runsWithoutDiagnosticsSaySo() {
    var m = SessionsFixtures.model(Size(width: 120, height: 40), overlaid: 2)
    press(&m, .character("E"))
    #expect(Workbench.render(m).lines().joined().contains("no eigen diagnostics recorded in the drawn runs"))
  }
}
