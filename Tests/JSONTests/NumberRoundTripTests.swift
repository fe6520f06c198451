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

  /// Whether the parser's exact fast path (JSONParser+Numbers.swift) handles `text`: at most
  /// 19 significant digits forming an integer significand ≤ 2^53, and a decimal exponent
  /// (written exponent minus fraction digits) in -22...22. Text with more than 19
  /// significant digits counts as slow: the parser drops digits past 19, and every such
  /// case below drops a non-zero one. Written independently of the parser, from the rule.
  static func takesFastPath(_ text: String) -> Bool {
    var body = Substring(text)
    if body.hasPrefix("-") { body = body.dropFirst() }
    var exponent = 0
    if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      guard let written = Int(body[body.index(after: e)...]) else { return false }
      exponent = written
      body = body[..<e]
    }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    let fraction = parts.count > 1 ? parts[1] : ""
    let significant = (parts[0] + fraction).drop { $0 == "0" }
    guard significant.count <= 19, let significand = UInt64(significant.isEmpty ? "0" : significant)
    else { return false }
    return significand <= 1 << 53 && (-22...22).contains(exponent - fraction.count)
  }

  /// Random decimals that all take the fast path, so `Double(text)` (strtod, what the slow
  /// path itself calls) is an independent oracle for every case: up to 16 significant
  /// digits below 9·10^15 < 2^53 and a decimal exponent in -22...22.
  @Test("fast-path parsing agrees with strtod on 20,000 random decimal strings")
  func agreesWithStrtod() throws {
    var random = SplitMix64(seed: 0x5EED_0003)
    for _ in 0..<20_000 {
      var text = random.next() % 2 == 0 ? "-" : ""
      let integerDigits = Int(random.next() % 8) + 1
      let fractionDigits = Int(random.next() % UInt64(17 - integerDigits))  // total ≤ 16
      let total = integerDigits + fractionDigits
      for position in 0..<integerDigits {
        var digit = random.next() % 10
        if position == 0 && integerDigits > 1 { digit = digit % 9 + 1 }
        if position == 0 && total == 16 { digit = digit % 8 + 1 }  // stays below 9·10^15
        text += "\(digit)"
      }
      if fractionDigits > 0 {
        text += "."
        for _ in 0..<fractionDigits { text += "\(random.next() % 10)" }
      }
      if random.next() % 2 == 0 {
        // Written exponent such that exponent − fractionDigits lands in -22...22.
        let decimalExponent = Int(random.next() % 45) - 22
        let written = decimalExponent + fractionDigits
        text += random.next() % 2 == 0 ? "e\(written)" : (written >= 0 ? "E+\(written)" : "E\(written)")
      }
      guard Self.takesFastPath(text) else {
        Issue.record("generator produced a slow-path case: \(text)")
        return
      }
      let expected = try #require(Double(text))
      let parsed = try JSON.parse(text).doubleValue
      if parsed?.bitPattern != expected.bitPattern {
        Issue.record("\(text): parsed \(String(describing: parsed)), strtod \(expected)")
        return
      }
    }
  }

  /// Slow-path inputs with known hard roundings; expected bits computed independently
  /// (Python's correctly rounded `float()`), so these check more than "strtod equals strtod".
  static let slowPathCases: [(String, UInt64)] = [
    ("2.2250738585072011e-308", 0x000F_FFFF_FFFF_FFFF),  // largest subnormal
    ("2.2250738585072012e-308", 0x0010_0000_0000_0000),  // rounds up to the least normal
    ("9007199254740993", 0x4340_0000_0000_0000),  // 2^53 + 1: halfway, ties to even (down)
    ("-9007199254740993", 0xC340_0000_0000_0000),
    ("9007199254740995", 0x4340_0000_0000_0002),  // 2^53 + 3: halfway, ties to even (up)
    ("9007199254740993.00000000000000000001", 0x4340_0000_0000_0001),  // just above halfway
    ("1e23", 0x44B5_2D02_C7E1_4AF6),
    ("9.999999999999999e22", 0x44B5_2D02_C7E1_4AF6),
    ("1.2345678901234567e22", 0x4484_EA15_B273_B38A),
    ("8.98846567431158e307", 0x7FE0_0000_0000_0000),  // 2^1023
    ("1.7976931348623158e308", 0x7FEF_FFFF_FFFF_FFFF),  // rounds down to the largest finite
    ("1.00000000000000011102230246251565404236316680908203125", 0x3FF0_0000_0000_0000),  // 1 + 2^-53 exactly: ties to even
    ("1.00000000000000011102230246251565404236316680908203126", 0x3FF0_0000_0000_0001),  // a hair above
    ("4.9406564584124654e-324", 0x0000_0000_0000_0001),
    ("2.4703282292062327e-324", 0x0000_0000_0000_0000),  // below half the least subnormal
    ("2.4703282292062328e-324", 0x0000_0000_0000_0001),  // above it
    ("123456789012345678901234567890", 0x45F8_EE90_FF6C_373E),
    ("0.000000000000000000000000000001", 0x39B4_484B_FEEB_C2A0),  // 1e-30: exponent < -22
  ]

  @Test("hard slow-path decimals parse to the correctly rounded bits", arguments: slowPathCases)
  func slowPathCase(text: String, bits: UInt64) throws {
    #expect(!Self.takesFastPath(text), "\(text) is meant to exercise the slow path")
    let parsed = try JSON.parse(text).doubleValue
    #expect(parsed?.bitPattern == bits, "\(text): parsed \(String(describing: parsed))")
  }

  /// Fast-path boundary cases (largest significand, largest and smallest exponents).
  static let fastPathCases: [(String, UInt64)] = [
    ("9007199254740992e22", 0x47D0_F0CF_064D_D592),
    ("9007199254740992e-22", 0x3EAE_3920_1017_5EE6),
    ("1e22", 0x4480_F0CF_064D_D592),
    ("1e-22", 0x3B5E_3920_1017_5EE6),
    ("0.0000001e-15", 0x3B5E_3920_1017_5EE6),
    ("8999999999999999e-7", 0x41CA_D274_7FFF_FFFF),
    ("123.456e20", 0x4484_EA0C_EFF1_A9B4),
  ]

  @Test("fast-path boundary decimals parse to the correctly rounded bits", arguments: fastPathCases)
  func fastPathCase(text: String, bits: UInt64) throws {
    #expect(Self.takesFastPath(text), "\(text) is meant to exercise the fast path")
    let parsed = try JSON.parse(text).doubleValue
    #expect(parsed?.bitPattern == bits, "\(text): parsed \(String(describing: parsed))")
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
