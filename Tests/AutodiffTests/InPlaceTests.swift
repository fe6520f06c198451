import Autodiff
import Linalg
import Testing

/// Operations written over their input's value (`Tape+InPlace.swift`) give the bits of the
/// ordinary ones — values, and every gradient of the full and the lean backward pass — and a
/// full pass still keeps both the input's and the output's gradient.
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
}
