import Foundation
import Synchronization
import Testing
import Training

/// The workbench's trainer computes eigen diagnostics beside training: while a diagnostic is
/// held on its thread the run keeps stepping; the diagnostics that arrive — after their
/// step's metrics, in step order, the held one and the last step's among them, before
/// `finished` — equal, bit for bit, what the synchronous driver (`odernn train`) records at
/// those steps; those it could not keep up with are skipped; a stop does not wait for one.
@Suite("Eigen diagnostics beside training")
struct DiagnosticsBesideTrainingTests {
  /// A gate the diagnostics thread waits at until the test opens it (hang guard 300 s).
  final class Hold: Sendable {
    private let open = Mutex(false)
    private let arrived = Mutex<[Int]>([])
    private let condition = NSCondition()
    /// Waits at the gate with the step of the diagnostic about to be computed.
    func pass(_ step: Int) {
      condition.lock()
      arrived.withLock { $0.append(step) }
      condition.broadcast()
      let guardTime = Date(timeIntervalSinceNow: 300)
      while !open.withLock({ $0 }) && Date() < guardTime { _ = condition.wait(until: guardTime) }
      condition.unlock()
    }
    func release() {
      condition.lock()
      open.withLock { $0 = true }
      condition.broadcast()
      condition.unlock()
    }
    /// The steps of the diagnostics that reached the gate, in order.
    var arrivals: [Int] { arrived.withLock { $0 } }
  }

  /// The eigen events the synchronous driver records for `config`.
  static func synchronousEigen(_ config: TrainingConfig) throws -> [Int: EigenDiagnostics] {
    let driver = TrainingDriver(run: try makeTrainingRun(config))
    var out: [Int: EigenDiagnostics] = [:]
    while !driver.isDone {
      for e in driver.advance() { if case .eigen(let d) = e { out[d.step] = d } }
    }
    return out
  }

  /// The eigen events of `events`, each expected after its step's metrics, in step order,
  /// and before `finished`, which is expected too.
  static func eigenInOrder(_ events: [RunEvent]) -> [EigenDiagnostics] {
    var lastStep = 0
    var eigen: [EigenDiagnostics] = []
    var ended = false
    for e in events {
      switch e {
      case .metrics(let rows): lastStep = rows.last?.step ?? lastStep
      case .eigen(let d):
        #expect(!ended && d.step <= lastStep && d.step > (eigen.last?.step ?? 0), "eigen \(d.step) after metrics \(lastStep)")
        eigen.append(d)
      case .finished: ended = true
      default: break
      }
    }
    #expect(ended, "the run finished")
    return eigen
  }

  @Test(arguments: ["float32", "float64"])
  func trainingGoesOnWhileADiagnosticIsHeldAndEveryEventArrivesInOrder(precision: String) throws {
    // Long enough that the worker, however late it first wakes, takes a job well before the end.
    let config = try TrainerTests.config(steps: 400, diagnosticsEvery: 4, checkpointEvery: 200, precision: precision)
    let hold = Hold()
    let trainer = Trainer(run: try makeTrainingRun(config), beforeDiagnostic: { hold.pass($0) })
    let log = EventLog(trainer)
    trainer.send(.start)
    // The first diagnostic the worker takes is held (step 4, or a later one that replaced it
    // before the worker woke), yet the run steps 8 past it.
    #expect(log.waitUntil { _ in !hold.arrivals.isEmpty })
    let held = try #require(hold.arrivals.first)
    #expect(log.waitUntil { _ in log.metrics.last.map { $0.step >= held + 8 } ?? false })
    #expect(!log.runEvents.contains { $0.kind == "eigen" }, "the held diagnostic has not been posted")
    #expect(hold.arrivals == [held])
    hold.release()
    #expect(log.waitUntil { events in events.contains { if case .run(.finished) = $0 { true } else { false } } })
    trainer.send(.stop)
    #expect(log.waitUntil { $0.contains(where: TrainerTests.isStopped) })
    let eigen = Self.eigenInOrder(log.runEvents)
    // The held one and the last step's (400); of those between, the ones it kept up with.
    #expect(held < 392, "the worker took its first job at step \(held) of 400")
    #expect(eigen.first?.step == held && eigen.last?.step == 400, "held \(held): \(eigen.map(\.step))")
    #expect(Set(eigen.map(\.step)).isSubset(of: Set(stride(from: 4, through: 400, by: 4))))
    let expected = try Self.synchronousEigen(config)
    for d in eigen { #expect(d == expected[d.step], "step \(d.step): the same diagnostics as odernn train records") }
  }

  @Test func aStopDoesNotWaitForADiagnostic() throws {
    let config = try TrainerTests.config(steps: 100_000, diagnosticsEvery: 3, checkpointEvery: 100_000)
    let hold = Hold()
    let trainer = Trainer(run: try makeTrainingRun(config), beforeDiagnostic: { hold.pass($0) })
    let log = EventLog(trainer)
    trainer.send(.start)
    #expect(log.waitUntil { _ in !hold.arrivals.isEmpty })
    // A diagnostic is held: the stop is answered all the same.
    trainer.send(.stop)
    #expect(log.waitUntil { $0.contains(where: TrainerTests.isStopped) })
    #expect(hold.arrivals.count == 1)
    trainer.join()
    hold.release()
    #expect(!log.runEvents.contains { $0.kind == "eigen" }, "the held diagnostic's result is dropped")
    #expect(log.runEvents.last?.kind == "stopped")
  }
}
