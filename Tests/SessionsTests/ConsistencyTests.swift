import Foundation
import JSON
import Testing
import Tableaux
import Training

@testable import Sessions

/// What no run writes is refused when a session is read, naming the line: metrics that repeat,
/// skip or reorder steps, diagnostics or checkpoints about another step, control events with
/// values no user could set, events after the end, a header's `parent` of the wrong shape.
@Suite("Session consistency")
struct ConsistencyTests {
  static let config = try! parseConfig(
    #"{"cell":{"hiddenSize":3},"task":{"name":"adding","length":6},"batchSize":4,"steps":12,"diagnosticsEvery":4,"checkpointEvery":5,"precision":"float64"}"#)

  /// A recorded run, one event a line, as a session's lines (header first).
  static func lines(controls: [Int: (ControlEvent.Action, Double?)] = [:]) throws -> [String] {
    let events = try recordRun(config, steps: 12, controls: controls)
    // One metrics event a step, so that rows can be duplicated and dropped line by line.
    let split = events.flatMap { e -> [RunEvent] in
      if case .metrics(let rows) = e { return rows.map { .metrics([$0]) } }
      return [e]
    }
    return [header(config).json.serialized()] + split.map { SessionCodec.line(TimedEvent(time: 0, event: $0)) }
  }

  static func parse(_ lines: [String]) throws(SessionError) -> Session {
    try Session.parse(Array((lines.joined(separator: "\n") + "\n").utf8))
  }

  static func isMetrics(_ line: String) -> Bool { line.contains(#""metrics""#) }

  @Test func theRecordedRunReads() throws {
    let s = try Self.parse(try Self.lines())
    #expect(s.metrics.map(\.step) == Array(1...12) && s.status == "finished")
  }

  /// Every duplicated, dropped or swapped metrics line, at every position, is refused with
  /// the number of the offending line.
  @Test func everyRepeatedSkippedOrSwappedStepIsRefused() throws {
    let base = try Self.lines()
    let metricLines = base.indices.filter { Self.isMetrics(base[$0]) }
    var refused = 0
    for i in metricLines {
      var duplicated = base
      duplicated.insert(base[i], at: i + 1)
      var dropped = base
      dropped.remove(at: i)
      var cases = [(duplicated, i + 2), (dropped, i + 1)]
      if let j = metricLines.first(where: { $0 > i }) {
        var swapped = base
        swapped.swapAt(i, j)
        cases.append((swapped, i + 1))
      }
      for (lines, expectedLine) in cases {
        if i == metricLines.last && lines.count < base.count { continue }  // dropping the last row leaves a valid shorter prefix only if nothing follows
        do {
          _ = try Self.parse(lines)
          Issue.record("accepted a session with line \(i + 1) changed")
        } catch {
          refused += 1
          #expect(error.line <= expectedLine + 1 && error.line >= expectedLine - 1, "\(error)")
        }
      }
    }
    #expect(refused >= 3 * metricLines.count - 2)
  }

  @Test(arguments: [
    (#"{"step": 4, "action": "setLearningRate", "value": -1}"#, #"setLearningRate: "optimizer.learningRate": expected a number > 0, got -1"#),
    (#"{"step": 4, "action": "setLearningRate", "value": "nan"}"#, #"setLearningRate: "optimizer.learningRate": expected a number > 0, got nan"#),
    (#"{"step": 4, "action": "setLearningRate", "value": null}"#, "setLearningRate needs a value"),
    (#"{"step": 4, "action": "setDiagnosticsEvery", "value": 0}"#, #"setDiagnosticsEvery: "diagnosticsEvery": expected an integer in 1...1000000, got 0"#),
    (#"{"step": 4, "action": "setDiagnosticsEvery", "value": 2.5}"#, #"setDiagnosticsEvery: "diagnosticsEvery": expected an integer in 1...1000000, got 2.5"#),
    (#"{"step": 4, "action": "pause", "value": 3}"#, "pause takes no value"),
    (#"{"step": 9, "action": "pause", "value": null}"#, "control at step 9 where the next step is 4"),
  ])
  func controlEventsWithImpossibleValuesAreRefused(payload: String, message: String) throws {
    var lines = try Self.lines()
    // After the metrics of step 3.
    let at = try #require(lines.firstIndex { $0.contains(#""step":3,"#) && Self.isMetrics($0) }) + 1
    lines.insert(#"[0.5, "control", \#(payload)]"#, at: at)
    #expect(throws: SessionError(line: at + 1, message)) { try Self.parse(lines) }
  }

  @Test func eventsAboutAnotherStepOrAfterTheEndAreRefused() throws {
    let base = try Self.lines()
    let three = try #require(base.firstIndex { $0.contains(#""step":3,"#) && Self.isMetrics($0) }) + 1
    var early = base
    early.insert(#"[0.5, "finished", {"step": 2}]"#, at: three)
    #expect(throws: SessionError(line: three + 1, "finished for step 2 after the metrics of step 3")) { try Self.parse(early) }
    var after = base
    after.append(base[three - 1])
    #expect(throws: SessionError(line: after.count, "a metrics event after the run finished")) { try Self.parse(after) }
  }

  /// The workbench records an eigen event when its computation is done, beside training: it
  /// may follow later steps' metrics, but not precede its own step's, nor an earlier eigen's.
  @Test func anEigenEventMayComeLateButNotEarlyOrOutOfOrder() throws {
    let base = try Self.lines()
    let eigenLines = base.indices.filter { base[$0].contains(#""eigen""#) }
    #expect(eigenLines.count == 3, "steps 4, 8 and 12")
    // The step-4 eigen moved after the metrics of step 6: read, and the same diagnostics.
    var late = base
    let moved = late.remove(at: eigenLines[0])
    let six = try #require(late.firstIndex { $0.contains(#""step":6,"#) && Self.isMetrics($0) })
    late.insert(moved, at: six + 1)
    let s = try Self.parse(late)
    #expect(s.events.compactMap { if case .eigen(let e) = $0.event { e.step } else { nil } } == [4, 8, 12])
    // Before its step's metrics: refused.
    var early = base
    let three = try #require(early.firstIndex { $0.contains(#""step":3,"#) && Self.isMetrics($0) })
    early.remove(at: eigenLines[0])
    early.insert(moved, at: three + 1)
    #expect(throws: SessionError(line: three + 2, "eigen for step 4 after the metrics of step 3")) { try Self.parse(early) }
    // The step-4 eigen after the step-8 one: refused.
    var swapped = base
    swapped.remove(at: eigenLines[0])
    let eight = try #require(swapped.firstIndex { $0.contains(#""eigen""#) })
    swapped.insert(moved, at: eight + 1)
    #expect(throws: SessionError(line: eight + 2, "eigen for step 4 after the metrics of step 8 and the eigen of step 8")) { try Self.parse(swapped) }
  }

  @Test(arguments: [("5", "a number"), (#""x""#, "a string"), ("[]", "an array")])
  func aParentOfTheWrongShapeIsRefused(value: String, kind: String) throws {
    var lines = try Self.lines()
    lines[0] = lines[0].replacingOccurrences(of: #""parent":null"#, with: #""parent":\#(value)"#)
    #expect(lines[0].contains(#""parent":\#(value)"#))
    #expect(throws: SessionError(line: 1, "\"parent\" must be null or {\"file\", \"step\"}, got \(kind)")) { try Self.parse(lines) }
  }

  @Test func trailingBlankLinesAreNotEvents() throws {
    let bytes = Array((try Self.lines().joined(separator: "\n") + "\n\n  \n").utf8)
    #expect(try Session.parse(bytes).metrics.count == 12)
  }

  /// The file, then the line, once each: not `line 4: FILE: line 4: line 1, column 7: …`.
  @Test func readErrorsNameTheFileAndTheLineOnce() throws {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    var lines = try Self.lines()
    lines[3] = "[0.1, \"metrics\", [{\"step\": 3,"
    lines.append(lines[4])
    let path = dir.path("broken.session")
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try Session.read(path: path)
      Issue.record("read a broken file")
    } catch {
      #expect(error.description.hasPrefix("\(path): line 4: column "), "\(error)")
      #expect(error.description.components(separatedBy: "line ").count == 2, "\(error)")
    }
  }
}

/// `sessions list` reads the header and the end of each file; it must say what reading the
/// whole file says.
@Suite("Session tail summaries")
struct TailSummaryTests {
  static func summaries(_ lines: [String], trailing: String = "\n") throws -> (tail: JSON, full: JSON) {
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let path = dir.path("s.session")
    try (lines.joined(separator: "\n") + trailing).write(toFile: path, atomically: true, encoding: .utf8)
    let full = SessionSummary(file: "s.session", session: try Session.read(path: path))
    let tail = try SessionTail.summary(path: path, file: "s.session")
    return (tail.json, full.json)
  }

  @Test func theTailSaysWhatTheWholeFileSays() throws {
    let base = try ConsistencyTests.lines()
    let lastMetrics = try #require(base.lastIndex { ConsistencyTests.isMetrics($0) })
    let variants: [(String, [String], String)] = [
      ("finished", base, "\n"),
      ("killed after a checkpoint", Array(base[...lastMetrics]) + [base[lastMetrics + 1]], "\n"),
      ("truncated last line", Array(base[...lastMetrics]) + [String(base[lastMetrics + 1].prefix(30))], ""),
      ("stopped", Array(base[...lastMetrics]) + [#"[1, "stopped", {"step": 12}]"#], "\n"),
      ("header only", [base[0]], "\n"),
    ]
    for (name, lines, trailing) in variants {
      let (tail, full) = try Self.summaries(lines, trailing: trailing)
      #expect(tail == full, "\(name)")
    }
    #expect(try Self.summaries(Array(base[...lastMetrics]) + [#"[1, "stopped", {"step": 12}]"#]).tail["status"] == "stopped")
  }

  /// Checkpoints far larger than the first window: the window doubles until it reaches the
  /// last metrics line.
  @Test func windowsGrowPastLargeCheckpoints() throws {
    var config = ConsistencyTests.config
    config.cell.hiddenSize = 120  // 120×120 doubles: a checkpoint line of ~200 KiB
    let events = try recordRun(config, steps: 10)
    let lines = [header(config).json.serialized()] + events.map { SessionCodec.line(TimedEvent(time: 0, event: $0)) }
    #expect(lines.contains { $0.utf8.count > 128 << 10 })
    let (tail, full) = try Self.summaries(lines)
    #expect(tail == full && tail["steps"] == 10)
  }
}

/// Default session names stay short whatever the tableau is called.
@Suite("Session file names")
struct SessionNameTests {
  @Test(arguments: [1, 60, 64, 65, 300, 5000])
  func longTableauNamesAreCut(length: Int) throws {
    var config = ConsistencyTests.config
    let tableau = config.cell.tableau
    config.cell.tableau = try ButcherTableau(name: String(repeating: "é", count: length), a: tableau.a, b: tableau.b, c: tableau.c)
    let dir = try ScratchDirectory()
    defer { dir.cleanUp() }
    let path = SessionFiles.newPath(for: config, folder: dir.url.path)
    let name = URL(fileURLWithPath: path).lastPathComponent
    #expect(name.utf8.count <= 120, "\(name)")
    #expect(name.range(of: #"^[0-9]{8}-[0-9]{6}-[A-Za-z0-9._-]+-adding\.session$"#, options: .regularExpression) != nil, "\(name)")
    // The file can be created (the name is within the file system's limit).
    let writer = try SessionWriter(path: path, header: header(config))
    writer.close()
    #expect(FileManager.default.fileExists(atPath: path))
  }
}

/// Checkpoints are held against the header's config: a parameter missing, extra, out of
/// order, of another shape, or another precision is refused, naming the parameter.
@Suite("Checkpoints against the config")
struct CheckpointShapeTests {
  /// The session's lines with its first checkpoint changed by `change`.
  static func withCheckpoint(_ change: (inout Checkpoint) -> Void) throws -> (lines: [String], line: Int) {
    var lines = try ConsistencyTests.lines()
    let i = try #require(lines.firstIndex { $0.contains(#""checkpoint""#) })
    let decoded = try #require(try SessionCodec.decode(try JSON.parse(lines[i])))
    guard case .checkpoint(var c) = decoded.event else { throw CLIFailure("not a checkpoint") }
    change(&c)
    lines[i] = SessionCodec.line(TimedEvent(time: decoded.time, event: .checkpoint(c)))
    return (lines, i + 1)
  }

  struct CLIFailure: Error { let text: String; init(_ t: String) { text = t } }

  @Test func theRecordedCheckpointsMatch() throws {
    let (lines, _) = try Self.withCheckpoint { _ in }
    #expect(try ConsistencyTests.parse(lines).checkpoints.count >= 2)
  }

  @Test(arguments: [
    ("wrong shape", "checkpoint parameter cell.V has shape [2, 3], the config's cell needs [3, 3]"),
    ("missing", "checkpoint lacks parameter cell.b, which the config's cell has"),
    ("extra", "checkpoint has parameter cell.Vg, which the config's cell does not have"),
    ("order", "checkpoint parameters are out of order"),
    ("dtype", "checkpoint dtype float32, but the config's precision is float64"),
  ])
  func mismatchesAreRefused(_ kind: String, _ message: String) throws {
    let (lines, line) = try Self.withCheckpoint { c in
      switch kind {
      case "wrong shape":
        if let i = c.parameters.firstIndex(where: { $0.name == "cell.V" }) { c.parameters[i].shape = [2, 3] }
      case "missing": c.parameters.removeAll { $0.name == "cell.b" }
      case "extra": c.parameters.append(.init(name: "cell.Vg", shape: [3, 2], values: Array(repeating: 0, count: 6)))
      case "order": c.parameters.swapAt(0, 1)
      default: c.dtype = .float32
      }
    }
    do {
      _ = try ConsistencyTests.parse(lines)
      Issue.record("accepted a checkpoint with \(kind)")
    } catch {
      #expect(error.line == line && error.reason.hasPrefix(message), "\(error)")
    }
  }
}
