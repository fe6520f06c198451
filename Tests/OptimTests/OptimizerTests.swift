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
    let g: [[Double]] = [[3, 0], [0, 4]]  // global norm 5
    let norm = g.withUnsafeBufferPointers { GradientClipping.globalNorm($0) }
    #expect(norm == 5)
    let s = GradientClipping.scale(norm: norm, maxNorm: 1)
    let clipped = g.map { $0.map { $0 * s } }
    let flat: [Double] = clipped.flatMap { $0 }
    let clippedNorm = flat.map { $0 * $0 }.reduce(0, +).squareRoot()
    #expect(abs(clippedNorm - 1) < 1e-6)
    #expect(abs(clipped[0][0] / clipped[1][1] - 0.75) < 1e-15)
    #expect(GradientClipping.scale(norm: 0.5, maxNorm: 1) == 1)
    #expect(GradientClipping.scale(norm: 5, maxNorm: nil) == 1)
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
