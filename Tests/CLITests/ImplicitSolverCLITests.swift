import FileFormats
import Foundation
import JSON
import Linalg
import Sessions
import Tableaux
import Testing

/// Newton cells through the command line (issue 12, DESIGN §1.3 "Implicit solver").
@Suite("CLI: implicit solvers", .serialized)
struct ImplicitSolverCLITests {
  /// The 2-D rotation cell `h′ = W₀h` with `W₀ = [[0, −1], [1, 0]]` (ω = 1, identity activation,
  /// float64), kicked by the first input (`V = [1, 0]ᵀ`, then `x = 0`, so no input acts after
  /// step 1), read out by `U = I`: `eval`'s mse loss is `‖h_T‖²/2`, and one step's growth is
  /// `√(L(T)/L(T−1))`.
  static func writeWeights(_ dir: WorkDir) throws {
    var st = SafeTensors()
    st.tensors["cell.W0"] = try Tensor([0, -1, 1, 0] as [Double], shape: [2, 2])
    st.tensors["cell.V"] = try Tensor([1, 0] as [Double], shape: [2, 1])
    st.tensors["cell.b"] = try Tensor([0, 0] as [Double], shape: [2])
    st.tensors["readout.weight"] = try Tensor([1, 0, 0, 1] as [Double], shape: [2, 2])
    st.tensors["readout.bias"] = try Tensor([0, 0] as [Double], shape: [2])
    try st.write(to: URL(fileURLWithPath: dir.path("w.safetensors")))
  }

  static func writeData(_ dir: WorkDir, steps: Int) throws -> String {
    let name = "x\(steps).safetensors"
    var st = SafeTensors()
    st.tensors["x"] = try Tensor([1.0] + [Double](repeating: 0, count: steps - 1), shape: [1, steps, 1])
    st.tensors["y"] = try Tensor([0, 0] as [Double], shape: [1, 2])
    try st.write(to: URL(fileURLWithPath: dir.path(name)))
    return name
  }

  static func loss(_ dir: WorkDir, tableau: String, epsilon: Double, steps: Int) throws -> Double {
    try dir.write(
      "c.json",
      #"{"cell":{"hiddenSize":2,"tableau":"\#(tableau)","stepSize":\#(epsilon),"activation":"identity"},"task":{"name":"adding","length":\#(max(steps, 2))},"precision":"float64"}"#)
    let data = try writeData(dir, steps: steps)
    let r = try CLI.run(["eval", "--config", "c.json", "--weights", "w.safetensors", "--data", data, "--json"], in: dir.url)
    guard r.status == 0 else { throw CLIError("eval failed: \(r)") }
    return try #require(try json(r.stdout)["loss"]?.doubleValue)
  }

  @Test func rotationGrowthIsTheTableausOwnR() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try Self.writeWeights(dir)
    for name in ["implicit-midpoint", "gauss-legendre-2", "backward-euler"] {
      let r = try #require(ButcherTableau.named(name)).stabilityFunction
      for y in [0.5, 1, 1.5, 2.5, 3] {
        let growth = (try Self.loss(dir, tableau: name, epsilon: y, steps: 3) / Self.loss(dir, tableau: name, epsilon: y, steps: 2)).squareRoot()
        let expected = r.modulus(Complex(0, y))
        #expect(abs(growth - expected) <= 1e-10, "\(name) εω=\(y): growth \(growth), |R| \(expected)")
      }
    }
    for name in ["implicit-midpoint", "gauss-legendre-2"] {
      for y in [1.0, 3] {
        let ratio = (try Self.loss(dir, tableau: name, epsilon: y, steps: 1001) / Self.loss(dir, tableau: name, epsilon: y, steps: 1)).squareRoot()
        #expect(abs(ratio - 1) <= 1e-9, "\(name) εω=\(y): ‖h‖ after 1000 steps / initial = \(ratio)")
      }
    }
  }

  /// A solve that cannot converge (one Newton iteration, τ far below rounding) stops the run
  /// as diverged with the solver's reason, on stderr and in the session.
  @Test func aSolveThatDoesNotConvergeDiverges() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write(
      "n.json",
      #"{"cell":{"hiddenSize":4,"tableau":"gauss-legendre-2","stepSize":2,"implicitIterations":1,"solverTolerance":1e-300},"task":{"name":"adding","length":5},"batchSize":4,"steps":10,"precision":"float64"}"#)
    let r = try CLI.run(["train", "--config", "n.json", "--out", "n.session"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let session = try Session.read(path: dir.path("n.session"))
    let reason = try #require(session.events.compactMap { e -> String? in
      if case .diverged(_, let reason) = e.event { return reason }
      return nil
    }.first)
    #expect(reason.hasPrefix("implicit solve did not converge") && reason.hasSuffix("at step 1"), "\(reason)")
    #expect(r.stderrLines.first == "odernn: training diverged: \(reason)", "\(r)")
    #expect(session.header.config["cell"]?["solver"] == "newton", "\(session.header.config)")
  }
}
