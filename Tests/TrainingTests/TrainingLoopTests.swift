import Testing
import Training

/// The flush policy of `TrainingLoop` on a simulated clock: no test here reads real time.
@Suite("TrainingLoop flush policy")
struct TrainingLoopTests {
  static func run(steps: Int = 200) throws -> any TrainingRun {
    try makeTrainingRun(
      parseConfig(
        #"{"cell":{"hiddenSize":4},"task":{"name":"adding","length":5},"batchSize":4,"steps":\#(steps),"diagnosticsEvery":17,"checkpointEvery":50,"precision":"float64"}"#))
  }

  /// Every row leaves within one flush interval plus one step of simulated time; after one
  /// simulated second without steps, a flush leaves nothing behind; rows leave in order,
  /// each exactly once, and every other event after the rows of the steps before it.
  @Test(arguments: [0.001, 0.03, 0.25])
  func rowsNeverWaitLongerThanTheInterval(secondsPerStep dt: Double) throws {
    var now = 0.0
    let loop = TrainingLoop(driver: TrainingDriver(run: try Self.run()), now: { now })
    var producedAt: [Int: Double] = [:]
    var emitted: [RunEvent] = []
    var lastRow = 0
    for _ in 0..<120 {
      now += dt
      let (due, rows) = loop.step()
      for r in rows { producedAt[r.step] = now }
      emitted += due
      for case .metrics(let m) in due { lastRow = m.last?.step ?? lastRow }
      let oldestPending = producedAt.filter { $0.key > lastRow }.values.min()
      if let oldestPending {
        #expect(now - oldestPending < TrainingLoop.flushInterval + dt, "a row waited \(now - oldestPending) s")
      }
      #expect(loop.pendingRows == producedAt.count - lastRow)
    }
    // One simulated second later, the next flush takes everything that is left.
    now += 1
    emitted += loop.flush()
    #expect(loop.pendingRows == 0)
    let rows = emitted.flatMap { e -> [Int] in
      if case .metrics(let m) = e { return m.map(\.step) }
      return []
    }
    #expect(rows == Array(1...120), "each row once, in order")
    // A checkpoint at step 50 comes after the rows of steps 1…50 and before step 51's.
    var seen = 0
    for e in emitted {
      switch e {
      case .metrics(let m): seen = m.last?.step ?? seen
      case .checkpoint(let c): #expect(c.step == seen, "checkpoint \(c.step) after rows up to \(seen)")
      case .grads(let g): #expect(g.step == seen)
      default: break
      }
    }
  }

  @Test func controlEventsAndStopFlushFirst() throws {
    var now = 0.0
    let loop = TrainingLoop(driver: TrainingDriver(run: try Self.run()), now: { now })
    for _ in 0..<3 { _ = loop.step() }  // no time passes: the rows wait
    #expect(loop.pendingRows == 3)
    let control = loop.apply(.setLearningRate, value: 0.5)
    #expect(control.count == 2)
    if case .metrics(let m) = control.first { #expect(m.map(\.step) == [1, 2, 3]) } else { Issue.record("no rows first") }
    if case .control(let c) = control.last { #expect(c.step == 4 && c.value == 0.5) } else { Issue.record("no control event") }
    _ = loop.step()
    now += 0.01
    let stop = loop.stop()
    #expect(stop.map(\.kind) == ["metrics", "checkpoint", "stopped"])
    #expect(loop.isDone && loop.step().due.isEmpty)
  }
}
