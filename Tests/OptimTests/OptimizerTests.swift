import Linalg
import Optim
import Testing

@Suite("Optimizers against hand-computed steps")
struct OptimizerTests {
  let gradients: [Matrix<Double>] = [Matrix([[0.5, -1.0]]), Matrix([[0.1, 0.3]])]

  @Test func adamTwoStepsMatchPyTorchFormula() {
    // Expected values computed independently (textbook Adam in Python floats).
    var adam = Adam<Double>(parameterCounts: [2], learningRate: 0.1)
    var p = [Matrix<Double>([[1.0, -2.0]])]
    adam.step(&p, gradients: [gradients[0]])
    #expect(abs(p[0][0, 0] - 0.900000002) < 1e-15 && abs(p[0][0, 1] + 1.900000001) < 1e-15)
    adam.step(&p, gradients: [gradients[1]])
    #expect(abs(p[0][0, 0] - 0.8196959063846518) < 1e-14)
    #expect(abs(p[0][0, 1] + 1.8572151424292265) < 1e-14)
  }

  @Test func sgdWithMomentumTwoSteps() {
    var sgd = SGD<Double>(parameterCounts: [2], learningRate: 0.1, momentum: 0.9)
    var p = [Matrix<Double>([[1.0, -2.0]])]
    sgd.step(&p, gradients: [gradients[0]])
    #expect(p[0] == Matrix([[0.95, -1.9]]))
    sgd.step(&p, gradients: [gradients[1]])
    #expect(abs(p[0][0, 0] - 0.895) < 1e-15 && abs(p[0][0, 1] + 1.84) < 1e-15)
  }

  @Test func plainSGDIsGradientDescent() {
    var sgd = SGD<Float>(parameterCounts: [1], learningRate: 0.5)
    var p = [Matrix<Float>([[4]])]
    sgd.step(&p, gradients: [Matrix([[2]])])
    #expect(p[0] == Matrix([[3]]))
  }

  @Test func clippingPreservesDirectionAndCapsTheNorm() {
    // Two parameters with unequal entries, so a wrong per-entry factor shows up.
    let g: [[Double]] = [[3, -1.5, 0.25], [2, 4.5]]
    let expectedNorm = (9 + 2.25 + 0.0625 + 4 + 20.25).squareRoot()
    let norm = g.withUnsafeBufferPointers { GradientClipping.globalNorm($0) }
    #expect(abs(norm - expectedNorm) < 1e-12)
    let maxNorm = 1.0
    let s = GradientClipping.scale(norm: norm, maxNorm: maxNorm)
    // PyTorch's clip_grad_norm_ factor: maxNorm / (norm + 1e-6).
    #expect(s == maxNorm / (norm + 1e-6))
    let clipped = g.map { $0.map { $0 * s } }
    let clippedNorm = clipped.withUnsafeBufferPointers { GradientClipping.globalNorm($0) }
    // The clipped norm is the clip value up to the 1e-6 guard in the denominator …
    #expect(abs(clippedNorm - maxNorm * norm / (norm + 1e-6)) < 1e-12)
    #expect(abs(clippedNorm - maxNorm) < 1e-6)
    // … and the direction is unchanged: every entry is the original entry times the same s,
    // so the cosine between the flattened vectors is 1.
    let flat = g.flatMap { $0 }
    let flatClipped = clipped.flatMap { $0 }
    let dot = zip(flat, flatClipped).map { $0 * $1 }.reduce(0, +)
    #expect(abs(dot / (norm * clippedNorm) - 1) < 1e-12)
    for (original, scaled) in zip(flat, flatClipped) {
      #expect(abs(scaled / original - s) <= 1e-15 * s)
    }
    #expect(GradientClipping.scale(norm: 0.5, maxNorm: 1) == 1)
    #expect(GradientClipping.scale(norm: 5, maxNorm: nil) == 1)
    #expect(GradientClipping.scale(norm: .infinity, maxNorm: 1) == 1)
  }

  /// `gradientScale` (how clipping is applied without rewriting gradients) must act exactly
  /// like pre-scaling the gradients: both paths form `s·g` once, so parameters match bit for bit.
  @Test func gradientScaleEqualsPrescaledGradients() {
    let scale = 0.2
    let steps: [[Matrix<Double>]] = [
      [Matrix([[0.5, -1.0, 2.0]]), Matrix([[0.1], [-0.3]])],
      [Matrix([[0.1, 0.3, -0.7]]), Matrix([[1.5], [0.25]])],
      [Matrix([[-2.0, 0.6, 0.05]]), Matrix([[-0.4], [0.9]])],
    ]
    let start = [Matrix<Double>([[1.0, -2.0, 0.5]]), Matrix<Double>([[0.3], [-0.8]])]

    func run<O: Optimizer>(_ make: () -> O) -> (scaled: [Matrix<Double>], prescaled: [Matrix<Double>], unscaled: [Matrix<Double>])
    where O.Scalar == Double {
      var a = make()
      var b = make()
      var c = make()
      var pa = start
      var pb = start
      var pc = start
      for g in steps {
        a.step(&pa, gradients: g, gradientScale: scale)
        b.step(&pb, gradients: g.map { scale * $0 })
        c.step(&pc, gradients: g)
      }
      return (pa, pb, pc)
    }

    let sgd = run { SGD<Double>(parameterCounts: [3, 2], learningRate: 0.1, momentum: 0.9) }
    #expect(sgd.scaled == sgd.prescaled)
    #expect(sgd.scaled != sgd.unscaled, "gradientScale was ignored")
    let adam = run { Adam<Double>(parameterCounts: [3, 2], learningRate: 0.1) }
    #expect(adam.scaled == adam.prescaled)
    #expect(adam.scaled != adam.unscaled, "gradientScale was ignored")
  }

  @Test func adamConvergesOnAQuadraticBowl() {
    var adam = Adam<Double>(parameterCounts: [3], learningRate: 0.05)
    var p = [Matrix<Double>([[3, -2, 1]])]
    for _ in 0..<2000 { adam.step(&p, gradients: [2 * p[0]]) }
    #expect(p[0].storage.allSatisfy { abs($0) < 1e-3 })
  }

  @Test func stateRoundTripsExactly() throws {
    var a = Adam<Float>(parameterCounts: [2, 1], learningRate: 0.01)
    var p = [Matrix<Float>([[1, 2]]), Matrix<Float>([[3]])]
    a.step(&p, gradients: [Matrix([[0.1, 0.2]]), Matrix([[0.3]])])
    var b = Adam<Float>(parameterCounts: [2, 1], learningRate: 0.01)
    try b.restore(a.state)
    var q = p
    a.step(&p, gradients: [Matrix([[0.5, -0.2]]), Matrix([[1]])])
    b.step(&q, gradients: [Matrix([[0.5, -0.2]]), Matrix([[1]])])
    #expect(p == q)
    var s = SGD<Float>(parameterCounts: [2, 1], learningRate: 0.1, momentum: 0.9)
    #expect(throws: OptimizerStateError.self) { try s.restore(a.state) }
  }
}

extension Array where Element == [Double] {
  func withUnsafeBufferPointers<R>(_ body: ([UnsafeBufferPointer<Double>]) -> R) -> R {
    var pointers: [UnsafeBufferPointer<Double>] = []
    func recurse(_ i: Int) -> R {
      if i == count { return body(pointers) }
      return self[i].withUnsafeBufferPointer { p in
        pointers.append(p)
        return recurse(i + 1)
      }
    }
    return recurse(0)
  }
}
