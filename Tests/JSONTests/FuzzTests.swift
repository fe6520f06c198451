import JSON
import Testing

@Suite("Deterministic fuzzing: the parser never traps or hangs")
struct FuzzTests {
  static let seeds: [String] = [
    "{\"format\": \"odernn-session\", \"version\": 1, \"created\": \"2026-01-01T00:00:00Z\", \"parent\": null}",
    "[0.5, \"metrics\", [{\"step\": 1, \"loss\": 0.6931471805599453, \"gradNorm\": 1e-05, \"lr\": 0.001}]]",
    "{\"a\": [[[[[]]]]], \"b\": {\"c\": {\"d\": [true, false, null]}}, \"e\": -0.0, \"f\": 1.7976931348623157e+308}",
    "[\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD834\\uDD1E\", \"raw é 😀 \u{2028}\", \"\"]",
    "{\"eigen\": {\"field\": [[-0.1, 0.2], [-0.1, -0.2]], \"spectralNorm\": \"nan\", \"headroom\": \"-inf\"}}",
    "[123456789012345678901234567890, 5e-324, 2.2250738585072014e-308, -12.5e+3, 0, -0, 1E2]",
    "\"just a string\"",
    "12345",
  ]

  enum Outcome { case parsed, rejected }

  /// Parses `bytes`; a successful parse must survive serialize → parse unchanged.
  func check(_ bytes: [UInt8]) -> Outcome {
    do {
      let value = try JSON.parse(bytes)
      let again = try? JSON.parse(value.serialized())
      if again != value {
        Issue.record("re-parse mismatch for \(String(decoding: bytes, as: UTF8.self))")
      }
      return .parsed
    } catch {
      if error.line == nil || error.column == nil || (error.offset ?? -1) > bytes.count {
        Issue.record("bad error location \(error) for \(bytes)")
      }
      return .rejected
    }
  }

  static let interesting: [UInt8] =
    Array("{}[]\",:\\-+.eE0123456789tfnu \t\r\n".utf8) + [
      0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF,
    ]

  func mutate(_ input: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
    var bytes = input
    for _ in 0..<(Int(random.next() % 4) + 1) {
      let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1))
      switch random.next() % 7 {
      case 0:  // truncate
        bytes.removeSubrange(position...)
      case 1:  // flip a bit
        if position < bytes.count { bytes[position] ^= UInt8(1) << (random.next() % 8) }
      case 2:  // replace with a random byte
        if position < bytes.count { bytes[position] = UInt8(truncatingIfNeeded: random.next()) }
      case 3:  // insert random bytes
        for _ in 0..<(Int(random.next() % 4) + 1) {
          bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: min(position, bytes.count))
        }
      case 4:  // insert an interesting byte
        let byte = Self.interesting[Int(random.next() % UInt64(Self.interesting.count))]
        bytes.insert(byte, at: min(position, bytes.count))
      case 5:  // delete a range
        let end = min(bytes.count, position + Int(random.next() % 8))
        if position < end { bytes.removeSubrange(position..<end) }
      default:  // duplicate a range (can create deep nesting and long numbers)
        let end = min(bytes.count, position + Int(random.next() % 16))
        if position < end {
          let chunk = Array(bytes[position..<end])
          for _ in 0..<(Int(random.next() % 40) + 1) { bytes.insert(contentsOf: chunk, at: position) }
        }
      }
    }
    return bytes
  }

  @Test("20,000 mutated documents either parse or throw a located error")
  func mutations() {
    var random = SplitMix64(seed: 0xF022)
    var parsed = 0
    var rejected = 0
    for iteration in 0..<20_000 {
      let seed = Array(Self.seeds[iteration % Self.seeds.count].utf8)
      switch check(mutate(seed, &random)) {
      case .parsed: parsed += 1
      case .rejected: rejected += 1
      }
    }
    // The mutations must exercise both outcomes, or the test proves nothing.
    #expect(parsed > 500)
    #expect(rejected > 5_000)
  }

  @Test("every truncation of every seed either parses or throws")
  func truncations() {
    for seed in Self.seeds {
      let bytes = Array(seed.utf8)
      for end in 0..<bytes.count {
        _ = check(Array(bytes[..<end]))
      }
      #expect(check(bytes) == .parsed)
    }
  }

  @Test("huge numbers and long runs do not trap")
  func extremes() {
    let digits = String(repeating: "9", count: 100_000)
    #expect(check(Array(digits.utf8)) == .rejected)  // overflows to infinity
    #expect(check(Array(("0." + digits).utf8)) == .parsed)
    #expect(check(Array(("1e" + digits).utf8)) == .rejected)
    #expect(check(Array(("1e-" + digits).utf8)) == .parsed)
    #expect(check(Array(("-" + digits + "e-99990").utf8)) == .parsed)
    #expect(check(Array(String(repeating: "{\"a\":[", count: 300).utf8)) == .rejected)
    #expect(check([UInt8](repeating: 0xFF, count: 1000)) == .rejected)
  }
}
