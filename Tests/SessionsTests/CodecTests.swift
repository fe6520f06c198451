import JSON
import Linalg
import Optim
import Sessions
import Testing
import Training

/// DESIGN §1.5: every event kind survives `line` → JSON → `decode`, bit for bit.
@Suite("Session codec round trips")
struct CodecTests {
  static func roundTrip(_ e: TimedEvent) throws -> TimedEvent? {
    let line = SessionCodec.line(e)
    #expect(!line.contains("\n"))
    return try SessionCodec.decode(try JSON.parse(line))
  }

  static let awkward: [Double] = [
    0, -0.0, 1, -1, 0.1, 0.30000000000000004, 1e-300, 5e-324, -2.2250738585072014e-308, 1.7976931348623157e308,
    123456789.123456789, 2.0 / 3, .pi, 1e21, 1e-7,
  ]

  @Test func metricsWithNonFiniteValues() throws {
    var rows: [StepMetrics] = []
    for (i, x) in Self.awkward.enumerated() {
      rows.append(StepMetrics(step: i + 1, loss: x, gradNorm: -x, lr: 0.001, valLoss: i % 3 == 0 ? x * 3 : nil, accuracy: i % 2 == 0 ? 0.5 : nil))
    }
    rows.append(StepMetrics(step: 100, loss: .nan, gradNorm: .infinity, lr: 1e-3, valLoss: -.infinity, accuracy: .nan))
    rows.append(StepMetrics(step: 101, loss: .infinity, gradNorm: .nan, lr: 0))
    let e = TimedEvent(time: 12.345, event: .metrics(rows))
    let back = try #require(try Self.roundTrip(e))
    #expect(same(back, e), "\(back)")
    // Non-finite numbers are written as the strings of §1.5.
    let line = SessionCodec.line(e)
    #expect(line.contains("\"nan\"") && line.contains("\"inf\"") && line.contains("\"-inf\""))
    // Absent optionals stay absent (not null).
    guard case .metrics(let decoded) = back.event else { return }
    #expect(decoded[1].valLoss == nil && decoded[1].accuracy == nil)
  }

  @Test func gradsEigenControlDivergedFinished() throws {
    let events: [RunEvent] = [
      .grads(GradientDiagnostics(step: 25, byParameter: [("cell.W0", 0.5), ("cell.V", .infinity), ("cell.b", 0), ("readout.weight", .nan), ("readout.bias", 1e-310)], throughTime: Self.awkward + [.nan, .infinity])),
      .grads(GradientDiagnostics(step: 0, byParameter: [], throughTime: [])),
      .eigen(EigenDiagnostics(
        step: 50, field: [Complex(-0.1, 0.7), Complex(-0.1, -0.7), Complex(.nan, 0), Complex(0, -.infinity)],
        map: [Complex(0.99, 1e-17), Complex(-0.0, 5e-324)], spectralNorm: 1.25, mapNorm: .nan, headroom: .infinity)),
      .eigen(EigenDiagnostics(step: 75, field: [], map: [Complex(1, 0)], spectralNorm: 0, mapNorm: 1, headroom: 0.3333333333333333)),
      .control(ControlEvent(step: 7, action: .setLearningRate, value: 0.00031622776601683794)),
      .control(ControlEvent(step: 8, action: .pause)),
      .control(ControlEvent(step: 8, action: .resume, value: nil)),
      .control(ControlEvent(step: 9, action: .setDiagnosticsEvery, value: 5)),
      .diverged(step: 12, reason: "loss is nan at step 12 — \"quoted\"\n\\ and ünïcödé"),
      .finished(step: 2000),
    ]
    for (i, event) in events.enumerated() {
      let e = TimedEvent(time: Double(i) * 0.1 + 1e-9, event: event)
      let back = try #require(try Self.roundTrip(e))
      #expect(same(back, e), "\(event.kind): \(SessionCodec.line(e))")
      #expect(back.event.kind == event.kind)
    }
  }

  static func checkpoint(_ dtype: DType, seed: UInt64) -> Checkpoint {
    var rng = Xoshiro256(seed: seed)
    func value() -> Double {
      switch dtype {
      case .float32:
        var f: Float
        repeat { f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())) } while f.isNaN
        return Double(f)
      case .float64:
        var d: Double
        repeat { d = Double(bitPattern: rng.next()) } while d.isNaN
        return d
      }
    }
    let extremes: [Double] =
      dtype == .float32
      ? [0, -0.0, Double(Float.leastNonzeroMagnitude), Double(Float.greatestFiniteMagnitude), -Double(Float.leastNormalMagnitude), Double(Float(0.1)), .infinity]
      : [0, -0.0, 5e-324, .greatestFiniteMagnitude, -2.2250738585072014e-308, 0.1, -.infinity]
    let params: [Checkpoint.Parameter] = [
      .init(name: "cell.W0", shape: [3, 3], values: (0..<9).map { _ in value() }),
      .init(name: "cell.V", shape: [3, 7], values: extremes + extremes + extremes),
      .init(name: "cell.b", shape: [3], values: [1, 2, 3]),
      .init(name: "readout.weight", shape: [0, 3], values: []),
      .init(name: "readout.bias", shape: [1], values: [value()]),
    ]
    let buffers: [String: [Double]] = [
      "exp_avg.0": (0..<9).map { _ in Double(bitPattern: rng.next()) },  // any bits, NaN payloads too
      "exp_avg_sq.0": [0, 5e-324, .nan, -.infinity],
      "exp_avg.1": [],
    ]
    return Checkpoint(
      step: 500, dtype: dtype, parameters: params,
      optimizer: OptimizerState(name: "adam", step: 500, buffers: buffers), learningRate: 0.0007,
      rng: [UInt64.max, (1 << 63) | 1, 0x0123_4567_89AB_CDEF, (1 << 53) + 1])
  }

  @Test(arguments: [DType.float32, .float64])
  func checkpointsAreBitExact(dtype: DType) throws {
    for seed in 1...5 {
      let c = Self.checkpoint(dtype, seed: UInt64(seed))
      let e = TimedEvent(time: 3, event: .checkpoint(c))
      let back = try #require(try Self.roundTrip(e))
      guard case .checkpoint(let d) = back.event else {
        Issue.record("not a checkpoint")
        return
      }
      #expect(same(back, e))
      #expect(d.rng == c.rng, "generator words beyond 2^53 are exact")
      #expect(d.optimizer.buffers["exp_avg.0"]?.map(\.bitPattern) == c.optimizer.buffers["exp_avg.0"]?.map(\.bitPattern))
    }
    // Parameters are stored in the run's precision: float32 takes 4 bytes per value.
    let c = Self.checkpoint(dtype, seed: 9)
    let payload = SessionCodec.payload(.checkpoint(c))
    let data = try #require(payload["params"]?["cell.W0"]?["data"]?.stringValue)
    #expect(data.count == ((9 * dtype.byteCount + 2) / 3) * 4)
    #expect(payload["dtype"]?.stringValue == dtype.rawValue)
  }

  /// A real engine's checkpoint survives the codec and restores to the same continuation.
  @Test(arguments: ["float32", "float64"])
  func engineCheckpointThroughTheCodecRestoresExactly(precision: String) throws {
    let config = try parseConfig(
      #"{"cell":{"hiddenSize":5,"tableau":"ssprk3","stepSize":0.4},"task":{"name":"copy","delay":4,"symbols":3,"length":2},"batchSize":6,"steps":40,"precision":"\#(precision)","diagnosticsEvery":4}"#)
    let a = try makeTrainingRun(config)
    for _ in 0..<9 { a.trainStep() }
    let line = SessionCodec.line(TimedEvent(time: 0, event: .checkpoint(a.checkpoint())))
    guard case .checkpoint(let decoded)? = try SessionCodec.decode(try JSON.parse(line))?.event else {
      Issue.record("no checkpoint decoded")
      return
    }
    let b = try makeTrainingRun(config)
    try b.restore(decoded)
    for _ in 0..<8 {
      let x = a.trainStep().metrics
      let y = b.trainStep().metrics
      #expect(same(x, y), "\(x) vs \(y)")
    }
  }

  @Test func unknownKindsDecodeToNilAndMalformedPayloadsThrow() throws {
    #expect(try SessionCodec.decode(try JSON.parse(#"[1, "telemetry", {"x": 1}]"#)) == nil)
    let malformed = [
      #"{"time": 1}"#, #"[1, "metrics"]"#, #"["one", "metrics", []]"#, #"[1, 2, []]"#,
      #"[1, "metrics", {}]"#, #"[1, "metrics", [{"step": 1, "loss": "x", "gradNorm": 1, "lr": 1}]]"#,
      #"[1, "metrics", [{"step": -1, "loss": 1, "gradNorm": 1, "lr": 1}]]"#,
      #"[1, "metrics", [{"step": 1.5, "loss": 1, "gradNorm": 1, "lr": 1}]]"#,
      #"[1, "control", {"step": 1, "action": "explode"}]"#,
      #"[1, "eigen", {"step": 1, "field": [[1]], "map": [], "spectralNorm": 1, "mapNorm": 1, "headroom": 1}]"#,
      #"[1, "checkpoint", {"step": 1, "dtype": "float16", "params": {}}]"#,
      #"[1, "checkpoint", {"step": 1, "dtype": "float32", "params": {"w": {"shape": [2], "data": "AAAAAA=="}}, "optimizer": {"name": "sgd", "step": 0, "learningRate": 1, "buffers": {}}, "rng": {"xoshiro256": ["1", "2", "3", "4"]}}]"#,
      #"[1, "checkpoint", {"step": 1, "dtype": "float32", "params": {}, "optimizer": {"name": "sgd", "step": 0, "learningRate": 1, "buffers": {}}, "rng": {"xoshiro256": ["1", "2", "3"]}}]"#,
      #"[1, "checkpoint", {"step": 1, "dtype": "float32", "params": {}, "optimizer": {"name": "sgd", "step": 0, "learningRate": 1, "buffers": {}}, "rng": {"xoshiro256": ["1", "2", "3", "xyz"]}}]"#,
      // Shapes whose element count overflows must be rejected, not trap.
      #"[1, "checkpoint", {"step": 1, "dtype": "float32", "params": {"w": {"shape": [4294967296, 4294967296, 4], "data": "AAAAAA=="}}, "optimizer": {"name": "sgd", "step": 0, "learningRate": 1, "buffers": {}}, "rng": {"xoshiro256": ["1", "2", "3", "4"]}}]"#,
      #"[1, "checkpoint", {"step": 1, "dtype": "float32", "params": {"w": {"shape": [-1, -1], "data": "AAAAAA=="}}, "optimizer": {"name": "sgd", "step": 0, "learningRate": 1, "buffers": {}}, "rng": {"xoshiro256": ["1", "2", "3", "4"]}}]"#,
    ]
    for text in malformed {
      let json = try JSON.parse(text)
      #expect(throws: SessionCodec.DecodeError.self, "\(text)") { try SessionCodec.decode(json) }
    }
  }

  @Test func headerRoundTrips() throws {
    let config = try parseConfig(#"{"cell":{"hiddenSize":4},"task":{"name":"adding","length":5}}"#)
    for parent in [nil, ("parent run.session", 500)] as [(String, Int)?] {
      let h = header(config, parent: parent)
      let back = try SessionHeader(json: try JSON.parse(h.json.serialized()))
      #expect(back == h)
      #expect(back.parent?.file == parent?.0 && back.parent?.step == parent?.1)
      #expect(try back.trainingConfig() == config)
      let o = try #require(h.json.objectValue)
      #expect(Array(o.keys) == ["format", "version", "created", "odernn", "blas", "parent", "config"])
    }
  }

  /// Headers written when the effective config held every key: keys that did not apply to the
  /// run are skipped (they had no effect on it), while a wrong value of one that did is still
  /// an error naming it.
  @Test func headerConfigsSkipKeysThatDidNotApply() throws {
    func header(_ cell: String) throws -> SessionHeader {
      try SessionHeader(json: try JSON.parse(
        #"{"format":"odernn-session","version":1,"created":"","odernn":"0.1.0","blas":{"core":"X","threads":1},"parent":null,"config":{"cell":{\#(cell)},"task":{"name":"adding","length":5},"steps":null}}"#))
    }
    let old = try header(#""kind":"ode","tableau":"euler","hiddenSize":4,"structure":"dense","gamma":0.5,"implicitIterations":8"#)
    let c = try old.trainingConfig()
    #expect(c.cell.hiddenSize == 4 && c.cell.gamma == 0 && c.cell.implicitIterations == 8 && c.steps == nil)
    let bad = try header(#""kind":"ode","hiddenSize":4,"stepSize":0,"gamma":0.5"#)
    #expect(throws: SessionError(line: 1, #"the header's config is invalid: "cell.stepSize": expected a number > 0, got 0"#)) {
      try bad.trainingConfig()
    }
  }
}
