import Foundation
import Synchronization
import JSON
import Sessions
import Testing
import Training

@Suite("Session writer")
struct WriterTests {
  static let config = try! parseConfig(#"{"cell":{"hiddenSize":3},"task":{"name":"adding","length":4},"batchSize":4,"steps":6}"#)

  @Test func refusesToOverwrite() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let path = dir.path("a.session")
    try "precious\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: SessionError.self) { _ = try SessionWriter(path: path, header: header(Self.config)) }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious\n")
    // A new file is created (with its folder) and holds the header line.
    let nested = dir.path("sub/dir/b.session")
    let w = try SessionWriter(path: nested, header: header(Self.config))
    w.close()
    #expect(try lines(nested).count == 1)
    #expect(throws: SessionError.self) { _ = try SessionWriter(path: nested, header: header(Self.config)) }
  }

  /// Default names: writers racing for the same name (eight threads at once) each get a file
  /// of their own (`-2`, `-3`, …, through O_EXCL and a retry); nothing is overwritten.
  @Test func defaultNamesNeverCollide() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let paths = Mutex<[String]>([])
    let failures = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      do {
        let w = try SessionFiles.createWriter(for: Self.config, folder: dir.url.path, header: header(Self.config))
        w.close()
        paths.withLock { $0.append(w.path) }
      } catch {
        failures.withLock { $0.append("\(error)") }
      }
    }
    #expect(failures.withLock { $0 }.isEmpty)
    let all = paths.withLock { $0 }
    #expect(Set(all).count == 8, "\(all)")
    for p in all { #expect(try lines(p).count == 1, "\(p) was written twice") }
  }

  /// Appended events are in the file at once, without `close()`: another handle reads them.
  @Test func writesSurviveWithoutClose() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let path = dir.path("open.session")
    let writer = try SessionWriter(path: path, header: header(Self.config))
    let events = try recordRun(Self.config, steps: 4)
    try writer.append(Array(events.prefix(2)))
    let early = try Session.read(path: path)
    #expect(early.events.count == 2)
    try writer.append(Array(events.dropFirst(2)))
    let later = try Session.read(path: path)
    #expect(later.events.count == events.count)
    #expect(later.metrics.map(\.step) == [1, 2, 3, 4])
    // Time stamps are seconds since the writer started: non-negative and non-decreasing.
    let times = later.events.map(\.time)
    #expect(times.allSatisfy { $0 >= 0 } && zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
    withExtendedLifetime(writer) {}
  }
}

@Suite("Session verifier")
struct VerifierTests {
  static let config = try! parseConfig(
    #"{"cell":{"hiddenSize":4,"tableau":"rk4","stepSize":0.5},"task":{"name":"copy","delay":3,"symbols":3,"length":2},"batchSize":6,"steps":20,"diagnosticsEvery":4,"checkpointEvery":8,"precision":"float64"}"#)

  static func session(_ events: [RunEvent], parent: (String, Int)? = nil, config: TrainingConfig = config) -> Session {
    try! parsed(events, parent: parent, config: config)
  }

  static func parsed(_ events: [RunEvent], parent: (String, Int)? = nil, config: TrainingConfig = config) throws -> Session {
    let bytes = Array(
      ([header(config, parent: parent).json.serialized()] + events.map { SessionCodec.line(TimedEvent(time: 0, event: $0)) })
        .joined(separator: "\n").utf8)
    return try Session.parse(bytes + [0x0A])
  }

  static func mismatch(_ s: Session, path: String = "/tmp/x.session", tolerance: Double? = nil) -> SessionVerifier.Mismatch? {
    do {
      _ = try SessionVerifier.verify(s, path: path, tolerance: tolerance)
      return nil
    } catch let m as SessionVerifier.Mismatch {
      return m
    } catch {
      Issue.record("not a mismatch: \(error)")
      return nil
    }
  }

  /// Rewrites one metrics row of a session.
  static func altering(_ s: Session, step: Int, _ change: (inout StepMetrics) -> Void) -> Session {
    var s = s
    for i in s.events.indices {
      guard case .metrics(var rows) = s.events[i].event, let j = rows.firstIndex(where: { $0.step == step }) else { continue }
      change(&rows[j])
      s.events[i].event = .metrics(rows)
    }
    return s
  }

  @Test func aFreshSessionVerifiesAndAlterationsFailAtTheirStepAndField() throws {
    let s = Self.session(try recordRun(Self.config, steps: 20))
    #expect(try SessionVerifier.verify(s, path: "/tmp/x.session", tolerance: nil) == 20)

    let loss = try #require(Self.mismatch(Self.altering(s, step: 13) { $0.loss = $0.loss.nextUp }))
    #expect(loss.step == 13 && loss.field == "loss")
    #expect(loss.description.contains("step 13") && loss.description.contains("loss"))
    let valLoss = try #require(Self.mismatch(Self.altering(s, step: 8) { $0.valLoss = nil }))
    #expect(valLoss.step == 8 && valLoss.field == "valLoss" && valLoss.recorded == nil && valLoss.recomputed != nil)
    let accuracy = try #require(Self.mismatch(Self.altering(s, step: 12) { $0.accuracy = 0.999 }))
    #expect(accuracy.step == 12 && accuracy.field == "accuracy")
    let lr = try #require(Self.mismatch(Self.altering(s, step: 2) { $0.lr = 0.002 }))
    #expect(lr.step == 2 && lr.field == "lr")
    let grad = try #require(Self.mismatch(Self.altering(s, step: 20) { $0.gradNorm = .nan }))
    #expect(grad.step == 20 && grad.field == "gradNorm")
    let extra = try #require(Self.mismatch(Self.altering(s, step: 3) { $0.valLoss = 1 }))
    #expect(extra.step == 3 && extra.field == "valLoss")

    // A tolerance accepts a relative change below it, and only then.
    let nudged = Self.altering(s, step: 5) { $0.loss *= 1 + 1e-12 }
    #expect(Self.mismatch(nudged, tolerance: 1e-9) == nil)
    #expect(Self.mismatch(nudged)?.field == "loss")
    #expect(Self.mismatch(Self.altering(s, step: 5) { $0.loss *= 1 + 1e-6 }, tolerance: 1e-9)?.step == 5)
  }

  @Test func controlEventsAreReappliedAtTheirSteps() throws {
    let controls: [Int: (ControlEvent.Action, Double?)] = [
      7: (.setLearningRate, 0.02), 9: (.pause, nil), 10: (.resume, nil), 11: (.setDiagnosticsEvery, 3),
    ]
    let events = try recordRun(Self.config, steps: 20, controls: controls)
    let recorded = events.compactMap { e -> ControlEvent? in
      if case .control(let c) = e { return c }
      return nil
    }
    #expect(recorded.map(\.step) == [7, 9, 10, 11])
    let s = Self.session(events)
    #expect(s.metrics.first { $0.step == 7 }?.lr == 0.02 && s.metrics.first { $0.step == 6 }?.lr == 0.001)
    #expect(s.metrics.filter { $0.valLoss != nil }.map(\.step) == [4, 8, 12, 15, 18])
    #expect(try SessionVerifier.verify(s, path: "/tmp/x.session", tolerance: nil) == 20)

    // Without the learning-rate event the re-run differs exactly there.
    let without = Self.session(events.filter { if case .control(let c) = $0 { c.action != .setLearningRate } else { true } })
    let m = try #require(Self.mismatch(without))
    #expect(m.step == 7 && m.field == "lr")
    // Without the diagnostics event the validation steps differ: 15 (every 3) vs 16 (every 4).
    let noDiagnostics = Self.session(events.filter { if case .control(let c) = $0 { c.action != .setDiagnosticsEvery } else { true } })
    let d = try #require(Self.mismatch(noDiagnostics))
    #expect(d.step == 15 && d.field == "valLoss" && d.recomputed == nil)
  }

  @Test func resumedSessionVerifiesAgainstItsParentCheckpoint() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    // The parent changed its learning rate at step 3, so its checkpoint at 8 is not where a
    // fresh run would be.
    let parentEvents = try recordRun(Self.config, steps: 12, controls: [3: (.setLearningRate, 0.05)])
    try writeSession(dir.path("parent.session"), header(Self.config), parentEvents)
    let parent = try Session.read(path: dir.path("parent.session"))
    let checkpoint = try #require(parent.checkpoints.first { $0.step == 8 })
    var childConfig = Self.config
    childConfig.steps = 16
    let childEvents = try recordRun(childConfig, steps: 8, from: checkpoint)
    let child = Self.session(childEvents, parent: ("parent.session", 8), config: childConfig)
    #expect(child.metrics.map(\.step) == Array(9...16))
    #expect(child.metrics.allSatisfy { $0.lr == 0.05 })
    #expect(try SessionVerifier.verify(child, path: dir.path("child.session"), tolerance: nil) == 8)
    // A parent without a checkpoint at the step the child names.
    try writeSession(
      dir.path("uncheckpointed.session"), header(Self.config),
      parentEvents.filter { if case .checkpoint(let c) = $0 { c.step != 8 } else { true } })
    let missingStep = Self.session(childEvents, parent: ("uncheckpointed.session", 8), config: childConfig)
    #expect(throws: SessionError.self) { try SessionVerifier.verify(missingStep, path: dir.path("child.session"), tolerance: nil) }
    let missingFile = Self.session(childEvents, parent: ("nope.session", 8), config: childConfig)
    #expect(throws: SessionError.self) { try SessionVerifier.verify(missingFile, path: dir.path("child.session"), tolerance: nil) }
    // Metrics that do not start right after the parent's step are no session a run writes.
    #expect(throws: SessionError(line: 2, "metrics for step 9 where step 6 is next (exactly one object per step, in order)")) {
      try Self.parsed(childEvents, parent: ("parent.session", 5), config: childConfig)
    }
    #expect(throws: SessionError(line: 2, "metrics for step 9 where step 1 is next (exactly one object per step, in order)")) {
      try Self.parsed(childEvents, config: childConfig)
    }
  }

  @Test func matchesSemantics() {
    let m = SessionVerifier.matches
    #expect(m(nil, nil, nil) && m(nil, nil, 0.1))
    #expect(!m(1, nil, nil) && !m(nil, 1, 0.5))
    #expect(m(.nan, .nan, nil) && m(.nan, -.nan, 1e-3))
    #expect(m(.infinity, .infinity, nil) && m(-.infinity, -.infinity, 0.1))
    #expect(!m(.infinity, -.infinity, 1) && !m(.infinity, 1e308, 1) && !m(.nan, 1, 1) && !m(1, .nan, 1))
    #expect(m(0, -0.0, nil))
    #expect(m(0.1 + 0.2, 0.30000000000000004, nil))
    #expect(!m(1, 1.0.nextUp, nil) && m(1, 1.0.nextUp, 1e-15))
    #expect(!m(1, 1.0.nextUp, 0))
    // |a − b| ≤ R·max(|a|, |b|), symmetric, for either sign.
    #expect(m(100, 101, 0.01) && m(101, 100, 0.01) && !m(100, 101, 0.0099))
    #expect(m(-100, -101, 0.01) && !m(-100, -101, 0.0098))
    #expect(!m(-1, 1, 1.9) && m(-1, 1, 2))
    #expect(m(0, 1e-300, 1) && !m(0, 1e-300, 0.5))
  }
}
