import Foundation
import JSON
import Sessions
import Testing
import Training

/// `--set KEY=VALUE` on `train` and `tui` (DESIGN §1.10), and `--steps`/`--seed` as the same
/// path: applied to the config document before validation, errors exit 2 naming the key and
/// the option that caused them.
@Suite("CLI: --set overrides", .serialized)
struct SetCLITests {
  static let tiny = TrainCLITests.tiny

  @Test func overridesShowInTheSessionHeaderAndTheRunVerifies() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    let r = try CLI.run(
      ["train", "--config", "tiny.json", "--set", "cell.hiddenSize=8", "--set", "cell.tableau=backward-euler",
       "--set", "cell.solver=jacobi", "--set", "cell.implicitIterations=2", "--set", "optimizer.clipNorm=0.5", "--steps", "4", "--seed", "7", "--out", "s.session"],
      in: dir.url)
    #expect(r.status == 0, "\(r)")
    let s = try Session.read(path: dir.path("s.session"))
    let cell = try #require(s.header.config["cell"])
    #expect(cell["hiddenSize"] == 8 && cell["tableau"] == "backward-euler" && cell["implicitIterations"] == 2
        && cell["solver"] == "jacobi", "\(cell.serialized())")
    #expect(cell["gamma"] == nil, "a dense cell's header has no gamma: \(cell.serialized())")
    #expect(s.header.config["optimizer"]?["clipNorm"] == 0.5 && s.header.config["steps"] == 4 && s.header.config["seed"] == 7)
    #expect(s.metrics.count == 4)
    // The effective config is itself a valid config file.
    _ = try TrainingConfig.parse(s.header.config)
    let verify = try CLI.run(["replay", "s.session", "--verify", "--headless"], in: dir.url)
    #expect(verify.status == 0, "\(verify)")
  }

  /// Each: the arguments after `train --config tiny.json` and what the one stderr line says.
  static let refusals: [(arguments: [String], says: [String])] = [
    (["--set", "cell.hidenSize=8"], [#"unknown key "cell.hidenSize"; did you mean "hiddenSize"?"#, "(from --set cell.hidenSize=8)"]),
    (["--steps", "-1"], [#""steps": expected an integer in 1...100000000, got -1"#, "(from --steps -1)"]),
    (["--seed", "-1"], [#""seed": expected an integer in 0...9007199254740992, got -1"#, "(from --seed -1)"]),
    (["--steps", "many"], [#""steps": expected an integer in 1...100000000, got a string"#]),
    (["--set", "cell.gamma=0.1"], [#""cell.gamma": not used by a dense cell (structure is dense)"#]),
    (["--set", "cell.implicitIterations=3"], [#""cell.implicitIterations": not used by an explicit tableau (rk4 is explicit)"#]),
    (["--set", "optimizer.beta1=0.5", "--set", "optimizer.name=sgd"], [#""optimizer.beta1": not used by sgd (optimizer.name is sgd)"#]),
    (["--set", "steps=null"], [#""steps": null (train until stopped) is allowed in the workbench only"#]),
    (["--set", "cell.hiddenSize"], ["--set expects KEY=VALUE"]),
  ]

  @Test func badOverridesExitTwoWithOneLineAndNoSession() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    for (arguments, says) in Self.refusals {
      let r = try CLI.run(["train", "--config", "tiny.json"] + arguments, in: dir.url)
      #expect(r.status == 2, "\(arguments): \(r)")
      #expect(r.stderrLines.count == 1, "\(arguments): \(r.stderr)")
      for text in says { #expect(r.stderr.contains(text), "\(arguments): \(r.stderr)") }
      #expect(dir.sessions().isEmpty && r.stdout.isEmpty)
    }
  }

  @Test func resumeTakesStepsAndSeedThroughTheSchemaButNoSet() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    #expect(try CLI.run(["train", "--config", "tiny.json", "--out", "p.session"], in: dir.url).status == 0)
    let set = try CLI.run(["train", "--resume", "p.session", "--set", "cell.hiddenSize=8"], in: dir.url)
    #expect(set.status == 2 && set.stderr.contains("--set needs --config"), "\(set)")
    let negative = try CLI.run(["train", "--resume", "p.session", "--steps", "-1", "--out", "c.session"], in: dir.url)
    #expect(negative.status == 2 && negative.stderr.contains("1...100000000, got -1 (from --steps -1)"), "\(negative)")
    let ok = try CLI.run(["train", "--resume", "p.session", "--steps", "5", "--out", "c.session"], in: dir.url)
    #expect(ok.status == 0, "\(ok)")
    #expect(try Session.read(path: dir.path("c.session")).header.config["steps"] == 35)
  }

  /// `tui` reads its config (and `--set`s) before it needs a terminal, so without one the
  /// message says which came first: a bad override, or the missing terminal.
  @Test func tuiAppliesOverridesToTheConfigOrTheDefaultDraft() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("tiny.json", Self.tiny)
    let typo = try CLI.run(["tui", "--set", "cell.hidenSize=8"], in: dir.url)
    #expect(typo.status == 2 && typo.stderr.contains(#"did you mean "hiddenSize"?"#), "\(typo)")
    let inapplicable = try CLI.run(["tui", "--config", "tiny.json", "--set", "cell.gamma=1"], in: dir.url)
    #expect(inapplicable.status == 2 && inapplicable.stderr.contains("tiny.json: \"cell.gamma\": not used by a dense cell"), "\(inapplicable)")
    // The default draft is antisymmetric; as in Compose, switching to an LSTM needs nothing else.
    let lstm = try CLI.run(["tui", "--set", "cell.kind=lstm", "--set", "steps=null"], in: dir.url)
    #expect(lstm.status == 2 && lstm.stderr.contains("not a terminal"), "\(lstm)")
    let unbounded = try CLI.run(["tui", "--config", "tiny.json", "--set", "steps=null"], in: dir.url)
    #expect(unbounded.status == 2 && unbounded.stderr.contains("not a terminal"), "\(unbounded)")
  }
}
