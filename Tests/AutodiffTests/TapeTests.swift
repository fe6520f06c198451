import Autodiff
import Foundation
import Linalg
import Testing

@Suite("Tape: values, composed graphs, buffer reuse")
struct TapeTests {
  @Test func forwardValuesMatchHandComputation() {
    let t = Tape<Double>()
    let a = t.constant(Matrix([[1, 2], [3, 4]]))
    let b = t.constant(Matrix([[0.5, -1]]))
    #expect(t.value(t.addRowBroadcast(a, b)) == Matrix([[1.5, 1], [3.5, 3]]))
    #expect(t.value(t.matmul(a, a, transposeB: true)) == Matrix([[5, 11], [11, 25]]))
    #expect(t.scalar(t.mean(a)) == 2.5)
    #expect(t.value(t.concatColumns([a, a])).row(1) == [3, 4, 3, 4])
    // −log softmax([0, ln 3])[1] = log(1 + 3) − ln 3
    let ce = t.softmaxCrossEntropy(t.constant(Matrix([[0, log(3.0)]])), targets: [1])
    #expect(abs(t.scalar(ce) - (log(4.0) - log(3.0))) < 1e-15)
  }

  @Test func aValueUsedTwiceAccumulatesBothGradients() {
    let t = Tape<Double>()
    let x = t.parameter(Matrix([[1, -2, 3]]))
    let loss = t.sum(t.add(t.mul(x, x), t.scale(x, by: 3)))  // Σ x² + 3x
    t.backward(from: loss)
    #expect(t.gradient(x) == Matrix([[5, -1, 9]]))
  }

  @Test func unusedParameterHasZeroGradientAndConstantsHaveNone() {
    let t = Tape<Double>()
    let used = t.parameter(Matrix([[2]]))
    let unused = t.parameter(Matrix([[7, 7]]))
    let c = t.constant(Matrix([[3]]))
    t.backward(from: t.sum(t.mul(used, c)))
    #expect(t.gradient(used) == Matrix([[3]]))
    #expect(t.gradient(unused) == Matrix([[0, 0]]))
  }

  /// A two-layer tanh network with an mse loss.
  @Test func twoLayerTanhNetwork() {
    let x = PrimitiveGradientTests.random(6, 3, seed: 20)
    let y = PrimitiveGradientTests.random(6, 2, seed: 21)
    let params = [
      PrimitiveGradientTests.random(5, 3, seed: 22), PrimitiveGradientTests.random(1, 5, seed: 23),
      PrimitiveGradientTests.random(2, 5, seed: 24), PrimitiveGradientTests.random(1, 2, seed: 25),
    ]
    let err = GradientCheck.worstError(params) { t, p in
      let h = t.tanh(t.addRowBroadcast(t.matmul(t.constant(x), p[0], transposeB: true), p[1]))
      let out = t.addRowBroadcast(t.matmul(h, p[2], transposeB: true), p[3])
      return t.mean(t.square(t.sub(out, t.constant(y))))
    }
    #expect(err < 1e-7)
  }

  /// A 5-step unrolled recurrence `h ← tanh(h Wᵀ + P_k)`, `P = X Vᵀ + b` (one GEMM for all
  /// steps), with a cross-entropy readout at the last step.
  @Test func fiveStepUnrolledRecurrence() {
    let (batch, steps, input, hidden) = (3, 5, 2, 4)
    let x = PrimitiveGradientTests.random(steps * batch, input, seed: 30)
    let params = [
      PrimitiveGradientTests.random(hidden, hidden, seed: 31),
      PrimitiveGradientTests.random(hidden, input, seed: 32),
      PrimitiveGradientTests.random(1, hidden, seed: 33),
      PrimitiveGradientTests.random(3, hidden, seed: 34),
    ]
    let err = GradientCheck.worstError(params) { t, p in
      let proj = t.addRowBroadcast(t.matmul(t.constant(x), p[1], transposeB: true), p[2])
      var h = t.constant(Matrix(rows: batch, cols: hidden))
      for k in 0..<steps {
        h = t.tanh(t.matmulAdd(proj, rowOffset: k * batch, h, p[0], transposeB: true))
      }
      let logits = t.matmul(h, p[3], transposeB: true)
      return t.softmaxCrossEntropy(logits, targets: [0, 2, 1])
    }
    #expect(err < 1e-7)
  }

  @Test func recordingTheSameGraphAgainReusesTheArena() {
    let t = Tape<Float>(capacity: 16)
    var rng = Xoshiro256(seed: 1)
    let w: Matrix<Float> = Initializer.normal(rows: 32, cols: 32, std: 0.1, using: &rng)
    func step() -> Float {
      t.reset()
      let p = t.parameter(w)
      var h = t.constant(Matrix(rows: 8, cols: 32, repeating: 1))
      for _ in 0..<10 { h = t.tanh(t.matmul(h, p, transposeB: true)) }
      let loss = t.mean(h)
      t.backward(from: loss)
      return t.scalar(loss)
    }
    let first = step()
    let capacity = t.arenaCapacity
    for _ in 0..<3 { #expect(step() == first) }
    #expect(t.arenaCapacity == capacity)
  }

  @Test func floatTapeAgreesWithDoubleTape() {
    let a = PrimitiveGradientTests.random(4, 4, seed: 40)
    func run<S: BLASScalar>(_: S.Type) -> [Double] {
      let t = Tape<S>()
      let p = t.parameter(Matrix<S>(converting: a))
      t.backward(from: t.mean(t.sigmoid(t.matmul(p, p))))
      return t.gradient(p).storage.map(Double.init)
    }
    let f = run(Float.self)
    let d = run(Double.self)
    #expect(zip(f, d).allSatisfy { abs($0 - $1) < 1e-6 })
  }
}

@Suite("Float32 activations")
struct Float32ActivationTests {
  @Test func fastTanhIsWithinFiveUlpsOfTheExactValue() {
    var worst = 0.0
    var x = -12.0
    while x <= 12 {
      let approx = Double(float32Tanh(Float(x)))
      let exact = Foundation.tanh(Double(Float(x)))
      worst = max(worst, abs(approx - exact))
      x += 0.0007
    }
    #expect(worst < 3.5e-7, "max error \(worst)")
    #expect(float32Tanh(0) == 0 && float32Tanh(-1e-30) <= 0 && float32Tanh(100) <= 1 && float32Tanh(-100) >= -1)
    #expect(float32Tanh(.nan).isNaN)
  }

  @Test func float32TapeActivationsAgreeWithDouble() {
    let t32 = Tape<Float>()
    let t64 = Tape<Double>()
    let xs = (-40...40).map { Double($0) * 0.2 }
    let a = t32.constant(Matrix(rows: 1, cols: xs.count, storage: xs.map(Float.init)))
    let b = t64.constant(Matrix(rows: 1, cols: xs.count, storage: xs))
    for (f, d) in zip(t32.value(t32.sigmoid(a)).storage, t64.value(t64.sigmoid(b)).storage) {
      #expect(abs(Double(f) - d) < 2e-7)
    }
  }
}
