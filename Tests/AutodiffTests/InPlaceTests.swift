import Autodiff
import Linalg
import Testing

/// Operations written over their input's value (`Tape+InPlace.swift`) give the bits of the
/// ordinary ones — values, and every gradient of the full and the lean backward pass — and a
/// full pass still keeps both the input's and the output's gradient; a lean pass over a
/// recurrence that writes its pre-activations over the input projection's rows needs no
/// buffer for the projection's gradient.
@Suite("In-place operations change no bit")
struct InPlaceTests {
  /// `L = mean(σ₂(σ₁(X W + 1bᵀ) W₂))` with each of tanh and sigmoid as σ, recorded ordinarily
  /// or in place; returns the loss, the activations and the gradients of W, b, W₂, of the
  /// pre-activation and of the activation (full pass), and of W, b, W₂ (lean pass).
  static func run<S: BLASScalar>(_: S.Type, inPlace: Bool, sigmoid: Bool) -> [S] {
    var rng = Xoshiro256(seed: 3)
    func random(_ r: Int, _ c: Int, _ scale: Double) -> Matrix<S> {
      Matrix(rows: r, cols: c, storage: (0..<(r * c)).map { _ in S(rng.uniform(-scale, scale)) })
    }
    let (x, w, b, w2) = (random(37, 5, 2), random(5, 29, 1.5), random(1, 29, 1), random(29, 3, 1))
    var out: [S] = []
    for lean in [false, true] {
      let t = Tape<S>()
      let (pw, pb, pw2) = (t.parameter(w), t.parameter(b), t.parameter(w2))
      let xw = t.matmul(t.constant(x), pw)
      let z = t.addRowBroadcast(xw, pb, overwriting: inPlace)
      let a = sigmoid ? t.sigmoid(z, overwriting: inPlace) : t.tanh(z, overwriting: inPlace)
      let y = t.tanh(t.matmul(a, pw2), overwriting: inPlace)
      let loss = t.mean(y)
      out.append(t.scalar(loss))
      if !lean { out += t.value(a).storage }
      t.backward(from: loss, keeping: lean ? [] : nil)
      out += [pw, pb, pw2].flatMap { t.gradient($0).storage }
      if !lean { out += [z, a].flatMap { t.gradient($0).storage } }
    }
    return out
  }

  @Test(arguments: [false, true])
  func theBitsOfTheOrdinaryOperations(sigmoid: Bool) {
    let f = (Self.run(Float.self, inPlace: false, sigmoid: sigmoid), Self.run(Float.self, inPlace: true, sigmoid: sigmoid))
    let d = (Self.run(Double.self, inPlace: false, sigmoid: sigmoid), Self.run(Double.self, inPlace: true, sigmoid: sigmoid))
    #expect(f.0.map(\.bitPattern) == f.1.map(\.bitPattern))
    #expect(d.0.map(\.bitPattern) == d.1.map(\.bitPattern))
    // Not trivially equal: ∂L/∂z and ∂L/∂σ(z) differ.
    #expect(d.0.count > 37 * 29 * 3 && d.0.suffix(2 * 37 * 29).prefix(37 * 29) != d.0.suffix(37 * 29))
  }

  /// A recurrence shaped like an explicit two-stage cell of order 2 over `T` steps:
  /// `P = X W + 1bᵀ`; per step a first stage `z₁ = P_k + h M` (an ordinary reader of `P_k`),
  /// `y = h + 0.3 tanh(z₁)`, then the last `z = P_k + y M` (over `P_k` in place), `z + h M₂`
  /// (over `z`), its tanh (over it), and `h ← h + 0.5 tanh(…)`; `L = mean(h_T W₃)`. Returns the
  /// loss, the gradients of W, b, M, M₂, W₃ and (full pass) of `P`, then the lean pass's, and
  /// the lean pass's value and gradient arenas in elements.
  static func recurrence<S: BLASScalar>(_: S.Type, inPlace: Bool) -> (bits: [S], leanElements: Int) {
    var rng = Xoshiro256(seed: 5)
    func random(_ r: Int, _ c: Int, _ scale: Double) -> Matrix<S> {
      Matrix(rows: r, cols: c, storage: (0..<(r * c)).map { _ in S(rng.uniform(-scale, scale)) })
    }
    let (steps, batch, hidden) = (9, 6, 11)
    let (x, w, b) = (random(steps * batch, 4, 1), random(4, hidden, 1), random(1, hidden, 0.5))
    let (m, m2, w3, h0) = (random(hidden, hidden, 0.4), random(hidden, hidden, 0.4), random(hidden, 3, 1), random(batch, hidden, 1))
    var out: [S] = []
    var leanElements = 0
    for lean in [false, true] {
      let t = Tape<S>()
      let (pw, pb, pm, pm2, pw3) = (t.parameter(w), t.parameter(b), t.parameter(m), t.parameter(m2), t.parameter(w3))
      let p = t.addRowBroadcast(t.matmul(t.constant(x), pw), pb, overwriting: true)
      var h = t.constant(h0)
      for k in 0..<steps {
        let y = t.addScaled(h, t.tanh(t.matmulAdd(p, rowOffset: k * batch, h, pm)), scale: 0.3)
        let z = t.matmulAdd(p, rowOffset: k * batch, y, pm, overwriting: inPlace)
        let z2 = t.matmulAdd(z, rowOffset: 0, h, pm2, overwriting: inPlace)
        h = t.addScaled(h, t.tanh(z2, overwriting: inPlace), scale: 0.5)
      }
      let loss = t.mean(t.matmul(h, pw3))
      out.append(t.scalar(loss))
      t.backward(from: loss, keeping: lean ? [] : nil)
      out += [pw, pb, pm, pm2, pw3].flatMap { t.gradient($0).storage }
      if !lean { out += t.gradient(p).storage }
      if lean { leanElements = t.arenaUsed + t.gradientCapacity }
    }
    return (out, leanElements)
  }

  @Test func rowsOfTheProjectionWrittenOverBlockByBlock() {
    let f = (Self.recurrence(Float.self, inPlace: false), Self.recurrence(Float.self, inPlace: true))
    let d = (Self.recurrence(Double.self, inPlace: false), Self.recurrence(Double.self, inPlace: true))
    #expect(f.0.bits.map(\.bitPattern) == f.1.bits.map(\.bitPattern))
    #expect(d.0.bits.map(\.bitPattern) == d.1.bits.map(\.bitPattern))
    // Per step `z`, `z + h M₂` and its tanh take no buffer of their own, and the projection's
    // gradient still needs none: three `B × H` blocks fewer a step.
    #expect(f.1.leanElements <= f.0.leanElements - 3 * 9 * 6 * 11, "\(f.0.leanElements) → \(f.1.leanElements)")
  }
}
