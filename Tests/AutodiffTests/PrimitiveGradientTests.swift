import Autodiff
import Linalg
import Testing

/// Every primitive's VJP against float64 central differences (relative error < 1e-7).
@Suite("Primitive gradients by finite differences")
struct PrimitiveGradientTests {
  static func random(_ r: Int, _ c: Int, seed: UInt64, awayFromZero: Bool = false) -> Matrix<Double> {
    var rng = Xoshiro256(seed: seed)
    var m: Matrix<Double> = Initializer.uniform(rows: r, cols: c, bound: 1, using: &rng)
    if awayFromZero { m = m.map { $0 + ($0 >= 0 ? 0.1 : -0.1) } }
    return m
  }

  /// `L = Σ (out ⊙ R)` for a fixed random `R`: every output entry gets a distinct weight.
  static func project(_ t: Tape<Double>, _ out: Var) -> Var {
    let (r, c) = t.shape(out)
    return t.sum(t.mul(out, t.constant(random(r, c, seed: 99))))
  }

  static func expectGradients(
    _ params: [Matrix<Double>], _ name: String, build: (Tape<Double>, [Var]) -> Var
  ) {
    let results = GradientCheck.check(params) { t, v in project(t, build(t, v)) }
    for r in results {
      #expect(r.relativeError < 1e-7, "\(name): \(r)")
      #expect(r.scale > 1e-3, "\(name): gradient of parameter \(r.parameter) is ~0, the check proves nothing")
    }
  }

  @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
  func matmul(transposeA: Bool, transposeB: Bool) {
    let a = Self.random(transposeA ? 4 : 3, transposeA ? 3 : 4, seed: 1)
    let b = Self.random(transposeB ? 5 : 4, transposeB ? 4 : 5, seed: 2)
    Self.expectGradients([a, b], "matmul") { t, v in
      t.matmul(v[0], v[1], transposeA: transposeA, transposeB: transposeB)
    }
  }

  @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
  func matmulAddWithRowOffset(transposeA: Bool, transposeB: Bool) {
    let base = Self.random(7, 5, seed: 3)
    let a = Self.random(transposeA ? 4 : 3, transposeA ? 3 : 4, seed: 4)
    let b = Self.random(transposeB ? 5 : 4, transposeB ? 4 : 5, seed: 5)
    Self.expectGradients([base, a, b], "matmulAdd") { t, v in
      // Two blocks of one base, as the per-step input projection is used.
      t.add(
        t.matmulAdd(v[0], rowOffset: 2, v[1], v[2], transposeA: transposeA, transposeB: transposeB),
        t.matmulAdd(v[0], rowOffset: 4, v[1], v[2], transposeA: transposeA, transposeB: transposeB))
    }
  }

  @Test func elementwiseBinary() {
    let a = Self.random(3, 4, seed: 6)
    let b = Self.random(3, 4, seed: 7)
    Self.expectGradients([a, b], "add") { t, v in t.add(v[0], v[1]) }
    Self.expectGradients([a, b], "sub") { t, v in t.sub(v[0], v[1]) }
    Self.expectGradients([a, b], "mul") { t, v in t.mul(v[0], v[1]) }
    Self.expectGradients([a, b], "addScaled") { t, v in t.addScaled(v[0], v[1], scale: -0.37) }
    Self.expectGradients([a, Self.random(1, 4, seed: 8)], "addRowBroadcast") { t, v in
      t.addRowBroadcast(v[0], v[1])
    }
  }

  @Test func elementwiseUnary() {
    let a = Self.random(4, 3, seed: 9, awayFromZero: true)
    Self.expectGradients([a], "scale") { t, v in t.scale(v[0], by: 2.5) }
    Self.expectGradients([a], "tanh") { t, v in t.tanh(t.scale(v[0], by: 2)) }
    Self.expectGradients([a], "sigmoid") { t, v in t.sigmoid(t.scale(v[0], by: 3)) }
    Self.expectGradients([a], "relu") { t, v in t.relu(v[0]) }
    Self.expectGradients([a], "square") { t, v in t.square(v[0]) }
  }

  /// The identity activation records nothing: it returns the very same `Var`, adds no tape
  /// node, and the gradient flows through untouched.
  @Test func identityIsTheSameVar() {
    let t = Tape<Double>()
    let x = t.parameter(Self.random(4, 3, seed: 9))
    let nodes = t.count
    let y = t.identity(x)
    #expect(y == x)
    #expect(t.count == nodes)
    t.backward(from: t.sum(t.scale(y, by: 2)))
    #expect(t.gradient(x) == Matrix(rows: 4, cols: 3, repeating: 2))
  }

  @Test func reductions() {
    let a = Self.random(3, 5, seed: 10)
    for r in GradientCheck.check([a], build: { t, v in t.sum(t.square(v[0])) }) {
      #expect(r.relativeError < 1e-7)
    }
    for r in GradientCheck.check([a], build: { t, v in t.mean(t.tanh(v[0])) }) {
      #expect(r.relativeError < 1e-7)
    }
  }

  @Test func slicesAndConcatenations() {
    let a = Self.random(4, 6, seed: 11)
    let b = Self.random(4, 2, seed: 12)
    let c = Self.random(3, 6, seed: 13)
    Self.expectGradients([a], "sliceColumns") { t, v in t.sliceColumns(v[0], start: 2, count: 3) }
    Self.expectGradients([a], "transpose") { t, v in t.sub(t.transpose(v[0]), t.scale(t.transpose(v[0]), by: 0.3)) }
    Self.expectGradients([a], "sliceRows") { t, v in t.sliceRows(v[0], start: 1, count: 2) }
    Self.expectGradients([a, b], "concatColumns") { t, v in t.concatColumns([v[0], v[1], v[0]]) }
    Self.expectGradients([a, c], "concatRows") { t, v in t.concatRows([v[1], v[0], v[1]]) }
  }

  @Test func softmaxCrossEntropy() {
    let logits = Self.random(5, 4, seed: 14).map { 3 * $0 }
    let results = GradientCheck.check([logits]) { t, v in
      t.softmaxCrossEntropy(v[0], targets: [0, 3, 1, 1, 2])
    }
    #expect(results.allSatisfy { $0.relativeError < 1e-7 }, "\(results)")
  }
}
