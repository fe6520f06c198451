import ComplexModule
import RealModule
import Testing

import Tableaux

@Suite struct StabilityFactsTests {
  private func facts(_ name: String) throws -> StabilityFacts {
    try #require(ButcherTableau.named(name)).stabilityFacts
  }

  @Test func fourStageOrderFourValues() throws {
    for name in ["rk4", "rk38"] {
      let f = try facts(name)
      #expect(abs(try #require(f.realInterval) - -2.785293563405282) <= 1e-9, "\(name)")
      #expect(abs(try #require(f.imagRadius) - 2 * 2.0.squareRoot()) <= 1e-9, "\(name)")
      #expect(abs(try #require(f.imagRadius) - 2.8284271247461903) <= 1e-9, "\(name)")
    }
  }

  @Test func threeStageOrderThreeValues() throws {
    for name in ["kutta3", "ssprk3"] {
      let f = try facts(name)
      #expect(abs(try #require(f.realInterval) - -2.5127453266183286) <= 1e-9, "\(name)")
      #expect(abs(try #require(f.imagRadius) - 3.0.squareRoot()) <= 1e-9, "\(name)")
    }
  }

  @Test func eulerAndTwoStageValues() throws {
    for name in ["euler", "midpoint", "heun", "ralston"] {
      let f = try facts(name)
      #expect(abs(try #require(f.realInterval) - -2) <= 1e-9, "\(name)")
      #expect(f.imagRadius == 0, "\(name)")
      #expect(!f.isAStable)
    }
  }

  @Test func implicitCatalogIsAStable() throws {
    for name in ["backward-euler", "implicit-midpoint", "gauss-legendre-2", "radau-iia-2"] {
      let f = try facts(name)
      #expect(f.realInterval == nil, "\(name)")
      #expect(f.imagRadius == nil, "\(name)")
      #expect(f.isAStable, "\(name)")
    }
  }

  @Test func truncatedImplicitFunctionsAreBounded() throws {
    let backward = try #require(ButcherTableau.named("backward-euler"))
    let r8 = backward.cellStabilityFunction(implicitIterations: 8)
    let end = try #require(r8.realInterval)
    // R_8(x) = (1 − x¹⁰)/(1 − x): stable at −1.1, unstable at −1.2.
    #expect(end < -1.1 && end > -1.2)
    #expect(r8.isStable(Complex(end, 0)))
    #expect(!r8.isStable(Complex(end - 1e-9, 0)))
  }

  @Test func aThinUnstableGapIsNotSkipped() throws {
    // R(x) = 1 + x + (1/8 − ε)x² dips just below −1 around x = −4 (|R| > 1 on a gap of
    // width ≈ 7e-3) and is stable again until about −8.
    let epsilon = 1e-7
    let q = 0.125 - epsilon
    let r = StabilityFunction.polynomial([1, 1, q])
    // The first crossing of R(x) = −1 − 1e-12 to the left of 0.
    let disc = (1 - 4 * q * (2 + 1e-12)).squareRoot()
    let expected = (-1 + disc) / (2 * q)
    let end = try #require(r.realInterval)
    #expect(abs(end - expected) <= 1e-9)
    #expect(end > -4)
  }

  @Test func smallImaginaryRadiusIsReportedAsZero() {
    let twoStage = StabilityFunction.polynomial([1, 1, 0.5])
    #expect(twoStage.imagRadius == 0)
    // |R(iy)|² = 1 + y⁴/4: the raw stable radius is about 1.7e-3, below the 0.01 cut-off.
    #expect(twoStage.isStable(Complex(0, 1e-3)))
    #expect(!twoStage.isStable(Complex(0, 0.01)))
  }

  /// E1.1 of the research notes: |R(iy)| at y = 0.5, 1, 1.5, 2.5, 3, to 4 decimals.
  @Test(arguments: [
    ("euler", [1.1180, 1.4142, 1.8028, 2.6926, 3.1623]),
    ("heun", [1.0078, 1.1180, 1.5052, 3.2811, 4.6098]),
    ("kutta3", [0.9976, 0.9718, 0.9458, 2.1276, 3.8079]),
    ("rk4", [0.9999, 0.9939, 0.9414, 0.5082, 1.5052]),
    ("backward-euler", [0.8944, 0.7071, 0.5547, 0.3714, 0.3162]),
    ("implicit-midpoint", [1.0000, 1.0000, 1.0000, 1.0000, 1.0000]),
  ])
  func rotationTable(name: String, expected: [Double]) throws {
    let r = try #require(ButcherTableau.named(name)).stabilityFunction
    for (y, value) in zip([0.5, 1, 1.5, 2.5, 3], expected) {
      #expect(abs(r.modulus(Complex(0, y)) - value) <= 0.5e-4 + 1e-12, "\(name) y = \(y)")
    }
  }

  @Test func closedFormsOnTheImaginaryAxis() throws {
    let euler = try #require(ButcherTableau.named("euler")).stabilityFunction
    let backward = try #require(ButcherTableau.named("backward-euler")).stabilityFunction
    let midpoint = try #require(ButcherTableau.named("implicit-midpoint")).stabilityFunction
    let gauss = try #require(ButcherTableau.named("gauss-legendre-2")).stabilityFunction
    for y in stride(from: -10.0, through: 10, by: 0.37) {
      let z = Complex(0, y)
      #expect(abs(euler.modulus(z) - (1 + y * y).squareRoot()) <= 1e-12)
      #expect(abs(backward.modulus(z) - 1 / (1 + y * y).squareRoot()) <= 1e-12)
      #expect(abs(midpoint.modulus(z) - 1) <= 1e-12)
      #expect(abs(gauss.modulus(z) - 1) <= 1e-12)
    }
  }
}
