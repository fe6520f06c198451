import Autodiff
import Linalg
import Testing

/// `matmulAdd` written over its base's rows and `addScaled` over its first operand
/// (`Tape+InPlace.swift`, `Tape+BlockGradients.swift`) give the bits of the ordinary
/// operations — values, and the gradients of the full and of the lean backward pass — in a
/// cell-shaped recurrence and in the graphs a review built to break the lean pass's placement
/// of the base's gradient in its own buffer.
@Suite("In-place rows and sums change no bit")
struct InPlaceRowsTests {
  /// Random operands, the same for every graph.
  struct Operands<S: BLASScalar> {
    let x, w, b, m, m2, w3, h0: Matrix<S>
    init(rows: Int, batch: Int, hidden: Int) {
      var rng = Xoshiro256(seed: 5)
      func random(_ r: Int, _ c: Int, _ scale: Double) -> Matrix<S> {
        Matrix(rows: r, cols: c, storage: (0..<(r * c)).map { _ in S(rng.uniform(-scale, scale)) })
      }
      (x, w, b) = (random(rows, 4, 1), random(4, hidden, 1), random(1, hidden, 0.5))
      (m, m2, w3, h0) = (random(hidden, hidden, 0.4), random(hidden, hidden, 0.4), random(hidden, 3, 1), random(batch, hidden, 1))
    }
  }

  /// What a graph hands back: the loss, the parameters, the nodes to keep in the lean pass
  /// (their gradients and values are read after it), and the node `P` whose full-pass
  /// gradient is read.
  struct Recorded {
    var loss: Var
    var parameters: [Var]
    var kept: [Var] = []
    var projection: Var?
  }

  /// Runs `graph` recorded ordinarily and in place, full and lean, and compares every loss,
  /// parameter gradient, kept value and gradient, and `P̄`, bit for bit.
  static func same<S: BLASScalar>(
    _: S.Type, rows: Int, batch: Int, hidden: Int, _ graph: (Tape<S>, Operands<S>, Bool) -> Recorded
  ) -> Bool {
    let operands = Operands<S>(rows: rows, batch: batch, hidden: hidden)
    func run(inPlace: Bool) -> [S] {
      var out: [S] = []
      for lean in [false, true] {
        let t = Tape<S>()
        let r = graph(t, operands, inPlace)
        t.backward(from: r.loss, keeping: lean ? r.kept : nil)
        out.append(t.scalar(r.loss))
        out += r.parameters.flatMap { t.gradient($0).storage }
        out += r.kept.flatMap { t.value($0).storage + t.gradient($0).storage }
        if !lean, let p = r.projection { out += t.gradient(p).storage }
      }
      return out
    }
    let (ordinary, inPlace) = (run(inPlace: false), run(inPlace: true))
    // Sign, exponent and significand: every bit of the IEEE encoding.
    return ordinary.count == inPlace.count
      && zip(ordinary, inPlace).allSatisfy {
        $0.sign == $1.sign && $0.exponentBitPattern == $1.exponentBitPattern && $0.significandBitPattern == $1.significandBitPattern
      }
  }

  static func both(rows: Int, batch: Int, hidden: Int, _ graph: (Tape<Float>, Operands<Float>, Bool) -> Recorded, _ graph64: (Tape<Double>, Operands<Double>, Bool) -> Recorded) -> Bool {
    same(Float.self, rows: rows, batch: batch, hidden: hidden, graph) && same(Double.self, rows: rows, batch: batch, hidden: hidden, graph64)
  }

  /// Shaped like an explicit two-stage cell of order 2 over 9 steps: `P = X W + 1bᵀ`; per step
  /// a first stage `z₁ = P_k + h M` (an ordinary reader of `P_k`), `y = h + 0.3 tanh(z₁)`, then
  /// the last `z = P_k + y M` (over `P_k`), `+ h M₂` (over `z`), its tanh (over it), and
  /// `h ← (h + 0.5 tanh(…)) + 0.25 y` (the second term over the first); `L = mean(h_T W₃)`.
  static func recurrence<S: BLASScalar>(_ t: Tape<S>, _ o: Operands<S>, _ inPlace: Bool) -> Recorded {
    let (steps, batch) = (9, 6)
    let (pw, pb, pm, pm2, pw3) = (t.parameter(o.w), t.parameter(o.b), t.parameter(o.m), t.parameter(o.m2), t.parameter(o.w3))
    let p = t.addRowBroadcast(t.matmul(t.constant(o.x), pw), pb, overwriting: true)
    var h = t.constant(o.h0)
    for k in 0..<steps {
      let y = t.addScaled(h, t.tanh(t.matmulAdd(p, rowOffset: k * batch, h, pm)), scale: 0.3)
      let z = t.matmulAdd(p, rowOffset: k * batch, y, pm, overwriting: inPlace)
      let z2 = t.matmulAdd(z, rowOffset: 0, h, pm2, overwriting: inPlace)
      let sum = t.addScaled(h, t.tanh(z2, overwriting: inPlace), scale: 0.5)
      h = t.addScaled(sum, y, scale: 0.25, overwriting: inPlace)
    }
    return Recorded(loss: t.mean(t.matmul(h, pw3)), parameters: [pw, pb, pm, pm2, pw3], projection: p)
  }

  @Test func aCellShapedRecurrence() {
    #expect(Self.both(rows: 54, batch: 6, hidden: 11, Self.recurrence, Self.recurrence))
    // Per step `z`, `z + h M₂`, its tanh and the second sum take no buffer of their own, and
    // the projection's gradient (54·11 elements) takes none either.
    func elements(_ inPlace: Bool) -> Int {
      let t = Tape<Float>()
      let r = Self.recurrence(t, Operands(rows: 54, batch: 6, hidden: 11), inPlace)
      t.backward(from: r.loss, keeping: [])
      return t.arenaUsed + t.gradientCapacity
    }
    #expect(elements(true) <= elements(false) - 4 * 54 * 11, "\(elements(false)) → \(elements(true))")
  }

  /// A pass-through rule writes `Ā` onto a gradient that lives in the base's buffer: that
  /// slot must not be given back when `A`'s rule has run, or a later gradient takes part of `P̄`.
  static func passThroughIntoTheBase<S: BLASScalar>(_ t: Tape<S>, _ o: Operands<S>, _ inPlace: Bool) -> Recorded {
    let (pw, pb, pm, pm2) = (t.parameter(o.w), t.parameter(o.b), t.parameter(o.m), t.parameter(o.m2))
    let h = t.parameter(o.h0)
    let p = t.addRowBroadcast(t.matmul(t.constant(o.x), pw), pb, overwriting: true)
    let a = t.tanh(t.matmul(h, pm))
    let r = t.matmulAdd(p, rowOffset: 0, a, pm)
    let z = t.matmulAdd(p, rowOffset: 0, h, pm, overwriting: inPlace)
    let u = t.addScaled(z, r, scale: 1, overwriting: inPlace)
    let v = t.matmulAdd(u, rowOffset: 0, h, pm2, overwriting: inPlace)
    return Recorded(loss: t.mean(t.tanh(v, overwriting: inPlace)), parameters: [pw, pb, pm, pm2, h], projection: p)
  }

  /// A kept activation lives in the base's buffer: its value must survive the lean pass.
  static func keptActivation<S: BLASScalar>(_ t: Tape<S>, _ o: Operands<S>, _ inPlace: Bool) -> Recorded {
    let (pw, pb, pm) = (t.parameter(o.w), t.parameter(o.b), t.parameter(o.m))
    let p = t.addRowBroadcast(t.matmul(t.constant(o.x), pw), pb, overwriting: true)
    let y = t.tanh(t.matmulAdd(p, rowOffset: 0, t.constant(o.h0), pm, overwriting: inPlace), overwriting: inPlace)
    return Recorded(loss: t.mean(y), parameters: [pw, pb, pm], kept: [y], projection: p)
  }

  /// The first block's writer is forgotten by `rewind(to:)`: its rows are written but no rule
  /// assigns their gradient, which is then zero as in the ordinary graph.
  static func rewoundWriter<S: BLASScalar>(_ t: Tape<S>, _ o: Operands<S>, _ inPlace: Bool) -> Recorded {
    let (pw, pb, pm) = (t.parameter(o.w), t.parameter(o.b), t.parameter(o.m))
    let p = t.addRowBroadcast(t.matmul(t.constant(o.x), pw), pb, overwriting: true)
    let h = t.constant(o.h0)
    let mark = t.mark()
    _ = t.tanh(t.matmulAdd(p, rowOffset: 0, h, pm, overwriting: inPlace), overwriting: inPlace)
    t.rewind(to: mark)
    let y = t.tanh(t.matmulAdd(p, rowOffset: 6, h, pm, overwriting: inPlace), overwriting: inPlace)
    return Recorded(loss: t.mean(y), parameters: [pw, pb, pm], projection: p)
  }

  /// A zero-row reader after every block is written is the base's last consumer: its rule
  /// zeroes the base's gradient, so the blocks' writers may not assign it in place of that.
  static func emptyLastReader<S: BLASScalar>(_ t: Tape<S>, _ o: Operands<S>, _ inPlace: Bool) -> Recorded {
    let (pw, pb, pm) = (t.parameter(o.w), t.parameter(o.b), t.parameter(o.m))
    let p = t.addRowBroadcast(t.matmul(t.constant(o.x), pw), pb, overwriting: true)
    let h = t.constant(o.h0)
    let y = t.tanh(t.matmulAdd(p, rowOffset: 0, h, pm, overwriting: inPlace), overwriting: inPlace)
    let y2 = t.tanh(t.matmulAdd(p, rowOffset: 6, y, pm, overwriting: inPlace), overwriting: inPlace)
    let empty = t.matmulAdd(p, rowOffset: 12, t.constant(Matrix(rows: 0, cols: 11)), pm)
    return Recorded(loss: t.add(t.mean(y2), t.sum(empty)), parameters: [pw, pb, pm], projection: p)
  }

  @Test func graphsThatBrokeTheLeanPlacement() {
    #expect(Self.both(rows: 6, batch: 6, hidden: 11, Self.passThroughIntoTheBase, Self.passThroughIntoTheBase), "pass-through")
    #expect(Self.both(rows: 6, batch: 6, hidden: 11, Self.keptActivation, Self.keptActivation), "kept activation")
    #expect(Self.both(rows: 12, batch: 6, hidden: 11, Self.rewoundWriter, Self.rewoundWriter), "rewound writer")
    #expect(Self.both(rows: 12, batch: 6, hidden: 11, Self.emptyLastReader, Self.emptyLastReader), "empty last reader")
  }
}
