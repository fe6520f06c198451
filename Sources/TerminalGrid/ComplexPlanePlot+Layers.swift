import ComplexModule
import RealModule

extension ComplexPlanePlot {
  /// The predicate at every dot centre, row by row.
  func membership(_ region: Predicate, viewport: ComplexViewport, dotWidth: Int, dotHeight: Int)
    -> [Bool]
  {
    var inside = [Bool](repeating: false, count: dotWidth * dotHeight)
    for y in 0..<dotHeight {
      for x in 0..<dotWidth {
        inside[y * dotWidth + x] = region(
          viewport.center(ofDot: x, y, dotWidth: dotWidth, dotHeight: dotHeight))
      }
    }
    return inside
  }

  /// Shades region cells: those with at least half their dots inside.
  func shadeRegion(_ inside: [Bool], plot: Rect, canvas: BrailleCanvas, into grid: inout Grid) {
    let dotWidth = canvas.dotWidth
    let perColumn = canvas.dotsPerCellX
    let perRow = canvas.dotsPerCellY
    let half = (perColumn * perRow + 1) / 2
    for row in 0..<plot.height {
      for column in 0..<plot.width {
        var count = 0
        for dy in 0..<perRow {
          let base = (row * perRow + dy) * dotWidth + column * perColumn
          for dx in 0..<perColumn where inside[base + dx] {
            count += 1
          }
        }
        guard count >= half else { continue }
        if usesPattern {
          grid.put(plot.x + column, plot.y + row, mode.glyphs.regionShade, palette.axis)
        } else {
          grid.put(plot.x + column, plot.y + row, " ", Style(bg: regionBackground))
        }
      }
    }
  }

  /// Sets a dot for every inside dot with an outside 4-neighbour, and flags its cell.
  func traceBoundary(_ inside: [Bool], canvas: inout BrailleCanvas, boundaryCells: inout [Bool]) {
    let width = canvas.dotWidth
    let height = canvas.dotHeight
    guard inside.count == width * height else { return }
    for y in 0..<height {
      for x in 0..<width where inside[y * width + x] {
        let edge =
          (x > 0 && !inside[y * width + x - 1]) || (x + 1 < width && !inside[y * width + x + 1])
          || (y > 0 && !inside[(y - 1) * width + x])
          || (y + 1 < height && !inside[(y + 1) * width + x])
        guard edge else { continue }
        canvas.set(x: x, y: y, style: palette.boundary)
        boundaryCells[(y / canvas.dotsPerCellY) * canvas.width + x / canvas.dotsPerCellX] = true
      }
    }
  }

  /// The axes Re = 0 and Im = 0 as line glyphs where they are in view.
  func drawZeroAxes(viewport: ComplexViewport, plot: Rect, glyphs: Glyphs, into grid: inout Grid) {
    guard let origin = viewport.cell(of: Complex(0, 0)) else { return }
    let rowVisible = origin.y >= 0 && origin.y < plot.height
    let columnVisible = origin.x >= 0 && origin.x < plot.width
    if rowVisible {
      for column in 0..<plot.width {
        putKeepingBackground(
          &grid, plot.x + column, plot.y + origin.y, glyphs.horizontal, palette.axis)
      }
    }
    if columnVisible {
      for row in 0..<plot.height {
        putKeepingBackground(&grid, plot.x + origin.x, plot.y + row, glyphs.vertical, palette.axis)
      }
    }
    if rowVisible && columnVisible {
      putKeepingBackground(&grid, plot.x + origin.x, plot.y + origin.y, glyphs.cross, palette.axis)
    }
  }

  /// Dots along |z| = 1, sampled densely enough to leave no gaps.
  func drawUnitCircle(
    viewport: ComplexViewport, canvas: inout BrailleCanvas, perColumn: Int, perRow: Int
  ) {
    let dotsPerUnit = Double(canvas.dotWidth) / (viewport.re.upperBound - viewport.re.lowerBound)
    guard dotsPerUnit.isFinite, dotsPerUnit > 0 else { return }
    let samples = Int(min(20_000, max(16, 4 * Double.pi * dotsPerUnit)))
    for k in 0..<samples {
      let angle = 2 * Double.pi * Double(k) / Double(samples)
      let z = Complex(Double.cos(angle), Double.sin(angle))
      guard let dot = viewport.dot(of: z, perColumn: perColumn, perRow: perRow) else { continue }
      canvas.set(x: dot.x, y: dot.y, style: palette.unitCircle)
    }
  }

  /// Markers for the points: inside ones first, so outside ones win a shared cell;
  /// points out of view as arrows on the nearest edge cell.
  func drawMarkers(viewport: ComplexViewport, plot: Rect, glyphs: Glyphs, into grid: inout Grid) {
    guard !points.isEmpty, !plot.isEmpty else { return }
    let classified = points.map { ($0, isInside($0)) }
    for pass in [true, false] {
      for (z, inside) in classified where inside == pass {
        guard let cell = viewport.cell(of: z) else { continue }
        let dx = cell.x < 0 ? -1 : (cell.x >= plot.width ? 1 : 0)
        let dy = cell.y < 0 ? -1 : (cell.y >= plot.height ? 1 : 0)
        let glyph: Unicode.Scalar
        if dx == 0 && dy == 0 {
          glyph = inside ? glyphs.markerInside : glyphs.markerOutside
        } else {
          glyph = ComplexPlanePlot.arrow(dx: dx, dy: dy, glyphs: glyphs)
        }
        let x = min(max(cell.x, 0), plot.width - 1)
        let y = min(max(cell.y, 0), plot.height - 1)
        putKeepingBackground(
          &grid, plot.x + x, plot.y + y, glyph, inside ? palette.inside : palette.outside)
      }
    }
  }
}
