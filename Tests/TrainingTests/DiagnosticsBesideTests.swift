import Foundation
import Synchronization
import Testing
import Training

/// `odernn train`'s diagnostics beside training (`DiagnosticsBeside`, driven as `HeadlessLoop`
/// drives it): while a diagnostic is held on its thread the run keeps stepping, up to the next
/// diagnostic but one; every diagnostic step's eigen event is written — none skipped — after
/// its step's metrics, in step order, before `finished`, equal bit for bit to the in-step
/// ones; a stop while the run waits for the diagnostics is answered without them.
@Suite("odernn train's diagnostics beside training")
struct DiagnosticsBesideTests {
  /// The events written, observable from the test's thread (hang guard 300 s).
  final class Log: Sendable {
    private let events = Mutex<[RunEvent]>([])
    private let ended = Mutex(false)
    private let arrived = Mutex<[Int]>([])
    private let condition = NSCondition()
    func append(_ e: [RunEvent]) { change { events.withLock { $0 += e } } }
    func end() { change { ended.withLock { $0 = true } } }
    /// A diagnostic reached the hold (recorded here too, so that waiting on the log sees it).
    func arrive(_ step: Int) { change { arrived.withLock { $0.append(step) } } }
    var arrivals: [Int] { arrived.withLock { $0 } }
    var all: [RunEvent] { events.withLock { $0 } }
    var hasEnded: Bool { ended.withLock { $0 } }
    var lastMetricsStep: Int {
      all.reduce(0) { last, e in if case .metrics(let rows) = e { rows.last?.step ?? last } else { last } }
    }
    /// Waits until `condition` holds; false after the guard time.
    func waitUntil(_ holds: () -> Bool) -> Bool {
      let guardTime = Date(timeIntervalSinceNow: 300)
      condition.lock()
      defer { condition.unlock() }
      while !holds() {
        if !condition.wait(until: guardTime) { return holds() }
      }
      return true
    }
    private func change(_ body: () -> Void) {
      condition.lock()
      body()
      condition.broadcast()
      condition.unlock()
    }
  }

  /// Runs `config` as `HeadlessLoop` does, on a thread of its own, until done or `stop` is
  /// raised; its diagnostics wait at `hold`, and its events go to `log`.
  static func start(_ config: TrainingConfig) throws -> (hold: DiagnosticsBesideTrainingTests.Hold, stop: StopFlag, log: Log) {
    let (hold, stop, log) = (DiagnosticsBesideTrainingTests.Hold(), StopFlag(), Log())
    let run = UncheckedRun(try makeTrainingRun(config))
    let thread = Thread {
      let loop = TrainingLoop(driver: TrainingDriver(run: run.value)) { 0 }
      let beside = DiagnosticsBeside(
        loop: loop, before: { log.arrive($0); hold.pass($0) }, giveUp: { stop.value }, write: { log.append($0) })
      do {
        while !loop.isDone {
          if stop.value {
            try beside.emit(loop.stop())
            break
          }
          try beside.emit(loop.step().due)
          try beside.afterStep()
        }
        log.append(loop.flush())
      } catch {
        Issue.record("write failed: \(error)")
      }
      log.end()
    }
    thread.stackSize = 16 << 20
    thread.start()
    return (hold, stop, log)
  }

  @Test(arguments: ["float32", "float64"])
  func theRunGoesOnWhileADiagnosticIsHeldAndEveryOneIsWritten(precision: String) throws {
    let config = try TrainerTests.config(steps: 60, diagnosticsEvery: 4, checkpointEvery: 30, precision: precision)
    let (hold, _, log) = try Self.start(config)
    // Step 4's diagnostic is held; the run steps on to 12, where step 8's waits and 12's would be a third.
    #expect(log.waitUntil { log.arrivals == [4] })
    #expect(log.waitUntil { log.lastMetricsStep >= 12 })
    #expect(!log.all.contains { $0.kind == "eigen" }, "the held diagnostic has not been written")
    #expect(log.arrivals == [4] && log.lastMetricsStep == 12 && !log.hasEnded)
    hold.release()
    #expect(log.waitUntil { log.hasEnded })
    let eigen = DiagnosticsBesideTrainingTests.eigenInOrder(log.all)
    #expect(eigen.map(\.step) == Array(stride(from: 4, through: 60, by: 4)), "every diagnostic, in order")
    let expected = try DiagnosticsBesideTrainingTests.synchronousEigen(config)
    for d in eigen { #expect(d == expected[d.step], "step \(d.step): the bits of the in-step diagnostic") }
  }

  @Test func aStopWhileTheRunWaitsForDiagnosticsIsAnsweredWithoutThem() throws {
    let config = try TrainerTests.config(steps: 100_000, diagnosticsEvery: 3, checkpointEvery: 100_000)
    let (hold, stop, log) = try Self.start(config)
    // Held at 3, 6 waiting: the run waits at step 9 until the stop.
    #expect(log.waitUntil { log.arrivals == [3] && log.lastMetricsStep >= 9 })
    stop.value = true
    #expect(log.waitUntil { log.hasEnded })
    #expect(log.arrivals == [3])
    hold.release()
    #expect(!log.all.contains { $0.kind == "eigen" }, "the diagnostics not done are dropped")
    #expect(log.all.last?.kind == "stopped")
    #expect(log.lastMetricsStep == 9)
  }
}

/// A flag shared between threads.
final class StopFlag: Sendable {
  private let flag = Mutex(false)
  var value: Bool {
    get { flag.withLock { $0 } }
    set { flag.withLock { $0 = newValue } }
  }
}

/// Moves a run into the loop's thread, its only user from then on.
private final class UncheckedRun: @unchecked Sendable {
  let value: any TrainingRun
  init(_ value: any TrainingRun) { self.value = value }
}

extension DiagnosticsBesideTests {
  /// A stop while the finished run waits for its last diagnostics: `finished` is the last
  /// event, with none of them after it, and the loop ends without them.
  @Test func aStopWhileTheEndWaitsForDiagnosticsEndsTheRunWithNothingAfterIt() throws {
    let config = try TrainerTests.config(steps: 8, diagnosticsEvery: 4, checkpointEvery: 100)
    let (hold, stop, log) = try Self.start(config)
    // Step 4's is held, step 8's waits, and the run waits for them before `finished`.
    #expect(log.waitUntil { log.arrivals == [4] && log.lastMetricsStep == 8 })
    #expect(!log.all.contains { $0.kind == "finished" })
    stop.value = true
    #expect(log.waitUntil { log.hasEnded })
    hold.release()
    #expect(log.all.last?.kind == "finished")
    #expect(!log.all.contains { $0.kind == "eigen" })
  }
}
