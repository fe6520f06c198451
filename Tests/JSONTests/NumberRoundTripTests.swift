import JSON
import Testing

@Suite("Numbers are written in shortest form and read back to the same bits")
struct NumberRoundTripTests {
  /// Serializes `value`, parses it back and returns the parsed bits (nil when it failed).
  func roundTrip(_ value: Double) -> UInt64? {
    let text = JSON.number(value).serialized()
    guard let parsed = try? JSON.parse(text), let number = parsed.doubleValue else { return nil }
    return number.bitPattern
  }

  static let edgeValues: [Double] = [
    0, -0.0, 1, -1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 500, 1e-5, 1e-7, 1e21, 1e22, 1e23,
    Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, 2.2250738585072014e-308,
    Double(bitPattern: 0x000F_FFFF_FFFF_FFFF), Double(bitPattern: 0x8000_0000_0000_0003),
    1.7976931348623157e308, -1.7976931348623157e308, Double.ulpOfOne, 1 + Double.ulpOfOne,
    9_007_199_254_740_991, 9_007_199_254_740_992, 9_007_199_254_740_994, -9_007_199_254_740_992,
    123_456_789_012_345_680, 0.1 + 0.2, Double.pi, -Double.pi, Double(Float.pi),
    Double(Float.leastNonzeroMagnitude), Double(Float.greatestFiniteMagnitude), Double(Float(0.1)),
    Double.leastNormalMagnitude, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude,
    1e-300, 1e300, 8.41e21, 5.0e-10, 299_792_458, 6.02214076e23, 1.602176634e-19,
  ]

  @Test("edge values round-trip bit for bit", arguments: edgeValues)
  func edgeValue(value: Double) {
    #expect(roundTrip(value) == value.bitPattern)
  }

  @Test("20,000 random bit patterns round-trip bit for bit")
  func randomBits() {
    var random = SplitMix64(seed: 0x5EED_0001)
    var checked = 0
    while checked < 20_000 {
      let value = Double(bitPattern: random.next())
      guard value.isFinite else { continue }
      checked += 1
      let bits = roundTrip(value)
      if bits != value.bitPattern {
        Issue.record("\(value) (bits \(value.bitPattern)) read back as \(String(describing: bits))")
        return
      }
    }
    #expect(checked == 20_000)
  }

  @Test("10,000 random Float-derived values and small decimals round-trip")
  func floatDerived() {
    var random = SplitMix64(seed: 0x5EED_0002)
    var failures = 0
    for index in 0..<10_000 {
      let float = Float(bitPattern: UInt32(truncatingIfNeeded: random.next()))
      let value: Double
      if index % 2 == 0 {
        value = float.isFinite ? Double(float) : 1
      } else {
        // Values like a training loss: a few significant digits at a random scale.
        let digits = Double(random.next() % 1_000_000)
        value = digits / [1, 10, 1000, 1e6, 1e9][Int(random.next() % 5)]
      }
      if roundTrip(value) != value.bitPattern { failures += 1 }
    }
    #expect(failures == 0)
  }

  @Test("parsing agrees with strtod on 20,000 random decimal strings")
  func agreesWithStrtod() throws {
    var random = SplitMix64(seed: 0x5EED_0003)
    for _ in 0..<20_000 {
      var text = random.next() % 2 == 0 ? "-" : ""
      let integerDigits = Int(random.next() % 20) + 1
      for position in 0..<integerDigits {
        let digit = random.next() % 10
        text += position == 0 && integerDigits > 1 ? "\(digit % 9 + 1)" : "\(digit)"
      }
      if random.next() % 2 == 0 {
        text += "."
        for _ in 0..<(Int(random.next() % 20) + 1) { text += "\(random.next() % 10)" }
      }
      if random.next() % 2 == 0 {
        text += "e\(Int(random.next() % 80) - 40)"
      }
      let expected = try #require(Double(text))
      let parsed = try JSON.parse(text).doubleValue
      if parsed?.bitPattern != expected.bitPattern {
        Issue.record("\(text): parsed \(String(describing: parsed)), strtod \(expected)")
        return
      }
    }
  }

  @Test(
    "shortest forms",
    arguments: [
      (500.0, "500"), (-0.0, "-0"), (0.0, "0"), (0.1, "0.1"), (1e-5, "1e-05"), (Double.leastNonzeroMagnitude, "5e-324"),
      (1.7976931348623157e308, "1.7976931348623157e+308"), (9_007_199_254_740_992.0, "9007199254740992"),
      (9_007_199_254_740_994.0, "9.007199254740994e+15"), (1e16, "1e+16"), (-2.5, "-2.5"),
      (Double(Float(0.1)), "0.10000000149011612"), (123.0, "123"), (-42.0, "-42"),
    ])
  func shortestForm(value: Double, text: String) {
    #expect(JSON.number(value).serialized() == text)
    #expect(JSON.format(value) == text)
  }

  @Test("non-finite numbers are written as strings and read back with doubleAllowingNonFinite")
  func nonFinite() throws {
    let document: JSON = ["loss": .number(.nan), "up": .number(.infinity), "down": .number(-.infinity), "x": 1.5]
    let text = document.serialized()
    #expect(text == "{\"loss\":\"nan\",\"up\":\"inf\",\"down\":\"-inf\",\"x\":1.5}")
    let parsed = try JSON.parse(text)
    #expect(parsed["loss"]?.doubleAllowingNonFinite?.isNaN == true)
    #expect(parsed["up"]?.doubleAllowingNonFinite == .infinity)
    #expect(parsed["down"]?.doubleAllowingNonFinite == -.infinity)
    #expect(parsed["x"]?.doubleAllowingNonFinite == 1.5)
    #expect(parsed["loss"]?.doubleValue == nil)
    #expect(JSON.string("NaN").doubleAllowingNonFinite == nil)
    #expect(JSON.bool(true).doubleAllowingNonFinite == nil)
  }
}
