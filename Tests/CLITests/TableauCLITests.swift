import Foundation
import JSON
import Testing

/// `odernn tableau` and the exit-code contract (DESIGN §1.2).
@Suite("CLI: tableau and usage errors", .serialized)
struct TableauCLITests {
  @Test func binaryIsBuilt() {
    #expect(CLI.binary != nil, "odernn not found next to the test bundle or in .build-tests5/debug")
  }

  @Test func showRK4AsJSON() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let r = try CLI.run(["tableau", "show", "rk4", "--json"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    #expect(r.stdoutLines.count == 1)
    let o = try json(r.stdout)
    #expect(o.objectValue.map { Set($0.keys) } == ["name", "stages", "explicit", "order", "a", "b", "c", "stability", "solverCost"])
    #expect(o["solverCost"] == .null, "an explicit tableau has no stage solver")
    #expect(o["name"] == "rk4")
    #expect(o["stages"] == 4)
    #expect(o["explicit"] == true)
    #expect(o["order"] == 4)
    #expect(o["a"] == [[0, 0, 0, 0], [0.5, 0, 0, 0], [0, 0.5, 0, 0], [0, 0, 1, 0]])
    let b = doubles(o["b"])
    let expectedB: [Double] = [1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6]
    #expect(b.count == 4 && close(b, expectedB, 1e-15), "\(b)")
    #expect(o["c"] == [0, 0.5, 0.5, 1])
    let s = try #require(o["stability"])
    #expect(s.objectValue.map { Set($0.keys) } == ["polynomial", "realInterval", "imagRadius"])
    let poly = doubles(s["polynomial"])
    let expectedPolynomial: [Double] = [1, 1, 0.5, 1.0 / 6, 1.0 / 24]
    #expect(poly.count == 5 && close(poly, expectedPolynomial, 1e-15), "\(poly)")
    let interval = try #require(s["realInterval"]?.arrayValue)
    #expect(interval.count == 2 && interval[1] == 0)
    #expect(abs((interval[0].doubleValue ?? 0) + 2.7852935634) < 1e-6, "\(interval)")
    #expect(abs((s["imagRadius"]?.doubleValue ?? 0) - 8.0.squareRoot()) < 1e-6)
  }

  @Test func showImplicitAndBoundedRegions() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    for name in ["backward-euler", "gauss-legendre-2", "radau-iia-2", "implicit-midpoint"] {
      let o = try json(try CLI.run(["tableau", "show", name, "--json"], in: dir.url).stdout)
      // DESIGN §1.2: the same top-level keys as an explicit tableau (the polynomial lives
      // under "stability", as null).
      #expect(
        o.objectValue.map { Set($0.keys) }
          == ["name", "stages", "explicit", "order", "a", "b", "c", "stability", "solverCost"], "\(name)")
      #expect(o["explicit"] == false, "\(name)")
      // Each solver's cost per step on the reference cell (t = 1, H = 64, m = 8).
      let stages = try #require(o["stages"]?.doubleValue)
      let cost = try #require(o["solverCost"])
      #expect(cost["jacobi"] == .object(["sweeps": 8, "fieldEvaluations": .number(1 + 8 * stages), "linearSolves": 0]), "\(name)")
      let newton = try #require(cost["newton"])
      let n = try #require(newton["meanIterations"]?.doubleValue, "\(name): \(newton)")
      #expect(n >= 1 && n <= 8 && newton["systemSize"] == .number(64 * stages), "\(name): \(newton)")
      #expect(newton["fieldEvaluations"] == .number(stages * (n + 1)) && newton["linearSolves"] == .number(n), "\(name): \(newton)")
      let s = try #require(o["stability"])
      #expect(s["polynomial"] == .null, "\(name)")
      #expect(s["realInterval"] == [nil, 0], "\(name): unbounded to the left")
      if name != "backward-euler" { #expect(s["imagRadius"] == .null, "\(name): A-stable") }
    }
    let euler = try json(try CLI.run(["tableau", "show", "euler", "--json"], in: dir.url).stdout)
    #expect(euler["stability"]?["imagRadius"] == 0, "only the origin, reported as 0")
    #expect(abs((euler["stability"]?["realInterval"]?[0]?.doubleValue ?? 0) + 2) < 1e-6)
    #expect(euler["stability"]?["polynomial"] == [1, 1])
  }

  @Test func listIsTheCatalog() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let r = try CLI.run(["tableau", "list", "--json"], in: dir.url)
    #expect(r.status == 0)
    let list = try #require(try json(r.stdout).arrayValue)
    #expect(list.count == 12)
    #expect(list.compactMap { $0["name"]?.stringValue } == [
      "euler", "midpoint", "heun", "ralston", "kutta3", "ssprk3", "rk4", "rk38", "backward-euler",
      "implicit-midpoint", "gauss-legendre-2", "radau-iia-2",
    ])
    #expect(list.compactMap { $0["order"]?.intValue } == [1, 2, 2, 2, 3, 3, 4, 4, 1, 2, 4, 3])
    // Each entry is what `tableau show --json` prints.
    let rk38 = try json(try CLI.run(["tableau", "show", "rk38", "--json"], in: dir.url).stdout)
    #expect(list[7] == rk38)
    // The human-readable list and show also work.
    #expect(try CLI.run(["tableau", "list"], in: dir.url).status == 0)
    #expect(try CLI.run(["tableau", "show", "gauss-legendre-2"], in: dir.url).status == 0)
  }

  @Test func tableauFilesAreValidated() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("good.json", #"{"name": "my-heun3", "a": [[0,0,0],["1/3",0,0],[0,"2/3",0]], "b": ["1/4",0,"3/4"], "c": [0,"1/3","2/3"]}"#)
    let good = try CLI.run(["tableau", "show", "good.json", "--json"], in: dir.url)
    #expect(good.status == 0, "\(good)")
    #expect(try json(good.stdout)["order"] == 3)
    // A row-sum mismatch is a warning on stderr, not an error.
    try dir.write("warn.json", #"{"name": "w", "a": [[0,0],[0.5,0]], "b": [0,1], "c": [0,0.7]}"#)
    let warn = try CLI.run(["tableau", "show", "warn.json", "--json"], in: dir.url)
    #expect(warn.status == 0 && warn.stderr.contains("warn.json") && warn.stderr.contains("c[1]"), "\(warn)")

    let bad: [(String, String, String)] = [
      ("sum.json", #"{"name": "x", "a": [[0]], "b": [0.9], "c": [0]}"#, "sum(b)"),
      ("square.json", #"{"name": "x", "a": [[0, 0], [1]], "b": [0.5, 0.5], "c": [0, 1]}"#, "a[1]"),
      ("entry.json", #"{"name": "x", "a": [["1/0"]], "b": [1], "c": [0]}"#, "a[0][0]"),
      ("syntax.json", #"{"name": "x", "a": [[0]], "b": [1], "c": [0]"#, "line 1"),
      ("lengths.json", #"{"name": "x", "a": [[0]], "b": [1, 0], "c": [0]}"#, "b has 2"),
      ("extra.json", #"{"name": "x", "a": [[0]], "b": [1], "c": [0], "d": 1}"#, "d"),
    ]
    for (file, text, what) in bad {
      try dir.write(file, text)
      let r = try CLI.run(["tableau", "show", file, "--json"], in: dir.url)
      #expect(r.status == 2, "\(file): \(r)")
      #expect(r.stdout.isEmpty, "\(file): no partial output")
      #expect(r.stderrLines.count == 1 && r.stderr.contains(file) && r.stderr.contains(what), "\(file): \(r.stderr)")
    }
    let missing = try CLI.run(["tableau", "show", "missing.json"], in: dir.url)
    #expect(missing.status == 2 && missing.stderrLines.count == 1 && missing.stderr.contains("missing.json"), "\(missing)")
    let unknown = try CLI.run(["tableau", "show", "rk5"], in: dir.url)
    #expect(unknown.status == 2 && unknown.stderrLines.count == 1 && unknown.stderr.contains("rk5"), "\(unknown)")
  }

  /// Ruuth–Spiteri SSP(5,3) as published (sum(b) = 1 + 3.2e-10), with an optional tolerance.
  private func ssp53(tolerance: String?) -> String {
    let a = #"[[0,0,0,0,0],["0.37726891511710",0,0,0,0],["0.37726891511710","0.37726891511710",0,0,0],"#
      + #"["0.16352294089771","0.16352294089771","0.16352294089771",0,0],"#
      + #"["0.14904059394856","0.14831273384724","0.14831273384724","0.34217696850008",0]]"#
    let b = #"["0.19707596384481","0.11780316509765","0.11709725193772","0.27015874934251","0.29786487010104"]"#
    let c = #"[0,"0.37726891511710","0.75453783023420","0.49056882269313","0.78784303014312"]"#
    let key = tolerance.map { #", "tolerance": \#($0)"# } ?? ""
    return #"{"name": "ssp53", "a": \#(a), "b": \#(b), "c": \#(c)\#(key)}"#
  }

  @Test func theToleranceKeyAcceptsATableauPublishedToFewerDigits() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("ssp53.json", ssp53(tolerance: "1e-9"))
    let good = try CLI.run(["tableau", "show", "ssp53.json", "--json"], in: dir.url)
    #expect(good.status == 0 && good.stderr.isEmpty, "\(good)")
    let report = try json(good.stdout)
    #expect(report["order"] == 3)
    // The leading n_1 = +3.8e-10 of |R(iy)|² − 1 is within the tolerance: the radius is that
    // of the published method (exact arithmetic offline: 2.695172826353632).
    let radius = report["stability"]?["imagRadius"]?.doubleValue ?? 0
    #expect(abs(radius - 2.695172826353632) < 1e-9, "\(radius)")

    try dir.write("strict.json", ssp53(tolerance: nil))
    let strict = try CLI.run(["tableau", "show", "strict.json"], in: dir.url)
    #expect(strict.status == 2 && strict.stdout.isEmpty && strict.stderrLines.count == 1, "\(strict)")
    #expect(strict.stderr.contains("strict.json") && strict.stderr.contains("sum(b)"), "\(strict)")
    #expect(strict.stderr.contains(#"set "tolerance" (at most 1e-6)"#), "\(strict)")

    for (file, value) in [("big.json", "1e-3"), ("zero.json", "0"), ("text.json", #""1e-9""#)] {
      try dir.write(file, ssp53(tolerance: value))
      let r = try CLI.run(["tableau", "show", file, "--json"], in: dir.url)
      #expect(r.status == 2 && r.stdout.isEmpty && r.stderrLines.count == 1, "\(file): \(r)")
      #expect(r.stderr.contains(file) && r.stderr.contains(#""tolerance""#), "\(file): \(r.stderr)")
    }
  }

  /// Butcher's six-stage fifth-order method: |R(iy)|² − 1 = +1.2e-15 at y = 0.01, so the
  /// exact radius is 0 (a scan with |R| ≤ 1 + 1e-12 reported 0.034).
  @Test func showReportsTheExactImaginaryRadius() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write(
      "burk65.json",
      #"{"name": "burk65", "a": [[0,0,0,0,0,0],["1/4",0,0,0,0,0],["1/8","1/8",0,0,0,0],"#
        + #"[0,0,"1/2",0,0,0],["3/16","-3/8","3/8","9/16",0,0],["-3/7","8/7","6/7","-12/7","8/7",0]],"#
        + #""b": ["7/90",0,"16/45","2/15","16/45","7/90"], "c": [0,"1/4","1/4","1/2","3/4",1]}"#)
    let r = try CLI.run(["tableau", "show", "burk65.json", "--json"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let report = try json(r.stdout)
    #expect(report["order"] == 5)
    #expect(report["stability"]?["imagRadius"] == 0)
  }

  @Test func usageErrorsExitTwoWithOneLine() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    for args in [["--bogus"], ["tableau", "show", "rk4", "--bogus"], ["train"], ["train", "--config", "a.json", "--resume", "b.session"], ["frobnicate"], ["replay", "x.session", "--tolerance", "0.1"], ["export", "x.session"], ["train", "--steps", "many", "--config", "c.json"]] {
      let r = try CLI.run(args, in: dir.url)
      #expect(r.status == 2, "\(args): \(r)")
      #expect(r.stderrLines.count == 1, "\(args): one line on stderr, got \(r.stderr)")
      #expect(r.stdout.isEmpty, "\(args)")
    }
    // --help and --version succeed.
    #expect(try CLI.run(["--help"], in: dir.url).status == 0)
    let version = try CLI.run(["--version"], in: dir.url)
    #expect(version.status == 0 && version.stdout.contains("odernn"))
  }
}

/// The numbers of a JSON array (empty when it is not one).
func doubles(_ value: JSON?) -> [Double] {
  (value?.arrayValue ?? []).compactMap { $0.doubleValue }
}

/// Element-wise |a − b| ≤ tolerance.
func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
}

/// `tableau show` under a C locale (or with `--ascii`) prints ASCII only, the diagram's
/// junction as `+`; under UTF-8 it keeps its box drawing.
@Suite("CLI: tableau show in ASCII")
struct TableauASCIITests {
  @Test func cLocalePrintsASCII() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let c = try CLI.shell("LC_ALL=C \"$ODERNN\" tableau show rk4", in: dir.url)
    #expect(c.status == 0 && c.stdout.unicodeScalars.allSatisfy(\.isASCII), "\(c.stdout)")
    #expect(c.stdout.contains("-----+") && c.stdout.contains("Runge-Kutta"))
    let flag = try CLI.shell("LC_ALL=C.UTF-8 \"$ODERNN\" tableau show rk4 --ascii", in: dir.url)
    #expect(flag.stdout == c.stdout)
    let utf8 = try CLI.shell("LC_ALL=C.UTF-8 \"$ODERNN\" tableau show rk4", in: dir.url)
    #expect(utf8.stdout.contains("┼"))
  }
}
