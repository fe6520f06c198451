import Foundation
import JSON
import Linalg
import Sessions
import Testing
import Training

/// DESIGN §1.5 readers: skip unknown kinds, tolerate a truncated last line, report any other
/// malformed line with its number — and never crash.
@Suite("Session reader")
struct ReaderTests {
  static let config = try! parseConfig(#"{"cell":{"hiddenSize":3},"task":{"name":"adding","length":4},"batchSize":4,"steps":6,"diagnosticsEvery":2,"checkpointEvery":3,"precision":"float64"}"#)

  /// A complete small session's text: header, then every event of a real run, one per line.
  static let sampleLines: [String] = {
    let events = try! recordRun(config, steps: 6)
    return [header(config).json.serialized()] + events.enumerated().map { SessionCodec.line(TimedEvent(time: Double($0.offset) * 0.25, event: $0.element)) }
  }()

  static func bytes(_ lines: [String], trailingNewline: Bool = true) -> [UInt8] {
    Array((lines.joined(separator: "\n") + (trailingNewline ? "\n" : "")).utf8)
  }

  static func error(_ bytes: [UInt8]) -> SessionError? {
    do {
      _ = try Session.parse(bytes)
      return nil
    } catch {
      return error
    }
  }

  @Test func aCompleteSessionReadsBack() throws {
    let s = try Session.parse(Self.bytes(Self.sampleLines))
    #expect(s.warnings.isEmpty)
    #expect(s.events.count == Self.sampleLines.count - 1)
    #expect(s.metrics.map(\.step) == Array(1...6))
    #expect(s.checkpoints.map(\.step) == [0, 3, 6], "step 0 (the initial weights), every 3rd, the end")
    #expect(s.status == "finished")
    #expect(try s.header.trainingConfig() == Self.config)
    // Without the final newline, a complete last line is still read.
    let noNewline = try Session.parse(Self.bytes(Self.sampleLines, trailingNewline: false))
    #expect(noNewline.events.count == s.events.count && noNewline.warnings.isEmpty)
  }

  @Test func truncatedLastLineIsToleratedWithAWarning() throws {
    var lines = Self.sampleLines
    let last = lines.removeLast()
    for cut in [1, last.count / 2, last.count - 1] {
      let text = lines + [String(last.prefix(cut))]
      let s = try Session.parse(Self.bytes(text, trailingNewline: false))
      #expect(s.events.count == lines.count - 1)
      #expect(s.warnings.count == 1 && s.warnings[0].contains("truncated") && s.warnings[0].contains("line \(text.count)"), "\(s.warnings)")
      #expect(s.status == "interrupted")
    }
    // A truncated line followed by a newline is not "the last line being written": an error.
    let bad = lines + [String(last.prefix(10))]
    let e = try #require(Self.error(Self.bytes(bad, trailingNewline: true)))
    #expect(e.line == bad.count)
  }

  @Test func unknownKindsAreSkippedWithAWarning() throws {
    var lines = Self.sampleLines
    lines.insert(#"[0.5, "telemetry", {"gpu": 1}]"#, at: 2)
    lines.insert(#"[0.6, "annotation", "hello"]"#, at: 4)
    let s = try Session.parse(Self.bytes(lines))
    #expect(s.events.count == Self.sampleLines.count - 1)
    #expect(s.warnings.count == 1, "\(s.warnings)")
    #expect(s.warnings.first?.contains("telemetry") == true && s.warnings.first?.contains("annotation") == true)
  }

  @Test func malformedMiddleLinesNameTheirLineNumber() throws {
    let replacements = [
      "not json", "[1, \"metrics\"", "{}", "[1, \"metrics\", [{\"step\": \"x\"}]]", "", "[1, \"finished\", {}]",
      "[1, \"control\", {\"step\": 3, \"action\": \"dance\"}]", "[\"a\", \"metrics\", []]",
    ]
    for (i, bad) in replacements.enumerated() {
      var lines = Self.sampleLines
      let index = 2 + i % (lines.count - 3)
      lines[index] = bad
      let e = try #require(Self.error(Self.bytes(lines)), "accepted \(bad)")
      #expect(e.line == index + 1, "\(bad): \(e)")
      #expect(e.description.hasPrefix("line \(index + 1): "))
    }
  }

  @Test func emptyAndForeignFiles() throws {
    #expect(Self.error([])?.line == 0)
    #expect(Self.error(Array("\n".utf8)) != nil)
    let notJSON = try #require(Self.error(Array("hello\n".utf8)))
    #expect(notJSON.line == 1)
    var h = try #require(JSON.parse(Self.sampleLines[0]).objectValue)
    h["format"] = "something-else"
    #expect(Self.error(Self.bytes([JSON.object(h).serialized()]))?.line == 1)
    h["format"] = "odernn-session"
    h["version"] = 2
    let v2 = try #require(Self.error(Self.bytes([JSON.object(h).serialized()] + Self.sampleLines.dropFirst())))
    #expect(v2.line == 1 && v2.reason.contains("version 2"), "\(v2)")
    h["version"] = 1
    h["config"] = nil
    #expect(Self.error(Self.bytes([JSON.object(h).serialized()]))?.line == 1)
    // A header alone is a session with no events.
    let bare = try Session.parse(Self.bytes([Self.sampleLines[0]]))
    #expect(bare.events.isEmpty && bare.status == "interrupted")
    // Files: a missing one is an error naming it.
    var missing: SessionError?
    do { _ = try Session.read(path: "/nonexistent/x.session") } catch { missing = error }
    #expect(missing?.description.contains("/nonexistent/x.session") == true)
  }

  /// Thousands of seeded mutations of a valid session: the reader never crashes, and either
  /// reads the file or reports a line number within the file.
  @Test func fuzzedSessionsNeverCrash() throws {
    var rng = Xoshiro256(seed: 2026)
    let base = Self.bytes(Self.sampleLines)
    let lineCount = Self.sampleLines.count
    let kinds = ["metrics", "grads", "eigen", "checkpoint", "control", "diverged", "finished", "bogus", ""]
    let numbers = ["1e999", "-1e999", "1e308", "123456789012345678901234567890", "-0", "0.0000000000000000000001", "9223372036854775808", "NaN", "Infinity", "1.5", "-3", "\"nan\"", "null", "[]", "{}"]
    var readCount = 0
    var errorCount = 0
    for round in 0..<3000 {
      var bytes = base
      let mutations = 1 + rng.int(below: 3)
      for _ in 0..<mutations {
        switch rng.int(below: 8) {
        case 0:  // truncate anywhere
          bytes = Array(bytes.prefix(rng.int(below: bytes.count + 1)))
        case 1:  // flip bits of a byte
          if !bytes.isEmpty { bytes[rng.int(below: bytes.count)] ^= UInt8(1 << rng.int(below: 8)) }
        case 2:  // insert random bytes (invalid UTF-8 included)
          let insert = (0..<(1 + rng.int(below: 4))).map { _ in [0xFF, 0xC0, 0x80, 0x0A, 0x22, 0x5B, 0x7D, 0xE2, UInt8(truncatingIfNeeded: rng.next())][rng.int(below: 9)] }
          bytes.insert(contentsOf: insert, at: rng.int(below: bytes.count + 1))
        case 3:  // change a kind
          var text = String(decoding: bytes, as: UTF8.self)
          let from = kinds[rng.int(below: kinds.count - 2)]
          if let r = text.range(of: "\"\(from)\"") { text.replaceSubrange(r, with: "\"\(kinds[rng.int(below: kinds.count)])\"") }
          bytes = Array(text.utf8)
        case 4:  // replace a number with something huge or odd
          let digits = bytes.indices.filter { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
          if !digits.isEmpty {
            let at = digits[rng.int(below: digits.count)]
            var end = at
            while end < bytes.count, (bytes[end] >= 0x30 && bytes[end] <= 0x39) || bytes[end] == 0x2E || bytes[end] == 0x65 || bytes[end] == 0x2D { end += 1 }
            bytes.replaceSubrange(at..<end, with: Array(numbers[rng.int(below: numbers.count)].utf8))
          }
        case 5:  // duplicate, drop or swap lines
          var ls = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
          if ls.count > 2 {
            let i = 1 + rng.int(below: ls.count - 1)
            let j = 1 + rng.int(below: ls.count - 1)
            switch rng.int(below: 3) {
            case 0: ls.insert(ls[i], at: j)
            case 1: ls.remove(at: i)
            default: ls.swapAt(i, j)
            }
          }
          bytes = Array(ls.joined(separator: [0x0A]))
        case 6:  // remove a newline (two lines run together)
          if let i = bytes.indices.filter({ bytes[$0] == 0x0A }).randomElement(using: &rng) { bytes.remove(at: i) }
        default:  // deep nesting or a giant string in the middle
          let junk = rng.int(below: 2) == 0 ? String(repeating: "[", count: 600) : "[1, \"diverged\", {\"step\": 1, \"reason\": \"" + String(repeating: "é", count: 5000) + "\"}]"
          var ls = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
          ls.insert(Array(junk.utf8), at: min(ls.count, 1 + rng.int(below: max(1, ls.count))))
          bytes = Array(ls.joined(separator: [0x0A]))
        }
      }
      do {
        let s = try Session.parse(bytes)
        readCount += 1
        #expect(s.events.count <= lineCount * 3)
        _ = s.metrics
        _ = s.status
      } catch {
        errorCount += 1
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
        #expect(error.line >= 0 && error.line <= lines, "round \(round): \(error)")
        #expect(!error.description.isEmpty)
      }
    }
    #expect(readCount > 100 && errorCount > 100, "read \(readCount), rejected \(errorCount)")
  }
}
