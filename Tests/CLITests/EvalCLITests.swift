import Autodiff
import FileFormats
import Foundation
import JSON
import Linalg
import ODECells
import Sessions
import Testing
import Training

/// `odernn export --safetensors` and `odernn eval` (DESIGN §1.2, §1.7).
@Suite("CLI: export and eval", .serialized)
struct EvalCLITests {
  static let config = #"{"cell": {"hiddenSize": 4, "tableau": "heun", "stepSize": 0.5, "gated": true}, "task": {"name": "adding", "length": 10}, "batchSize": 8, "steps": 12, "diagnosticsEvery": 6, "checkpointEvery": 6, "precision": "float64"}"#
  static let (b, t, i) = (3, 6, 2)

  /// x [B, T, I] and y [B, 1] with deterministic values.
  static func writeData(_ path: String, inputs: Int = i, y yShape: [Int]? = nil) throws -> (x: [Double], y: [Double]) {
    var rng = Xoshiro256(seed: 77)
    let x = (0..<(b * t * inputs)).map { _ in rng.uniform(-1, 1) }
    let shape = yShape ?? [b, 1]
    let y = (0..<shape.reduce(1, *)).map { _ in rng.uniform(0, 2) }
    var st = SafeTensors()
    st.tensors["x"] = try Tensor(x, shape: [b, t, inputs])
    st.tensors["y"] = try Tensor(y, shape: shape)
    try st.write(to: URL(fileURLWithPath: path))
    return (x, y)
  }

  static func evalJSON(_ dir: WorkDir, weights: String, extra: [String] = []) throws -> (loss: Double, gradNorm: Double) {
    let r = try CLI.run(["eval", "--config", "c.json", "--weights", weights, "--data", "d.safetensors", "--json"] + extra, in: dir.url)
    guard r.status == 0 else { throw CLIError("eval failed: \(r)") }
    let o = try json(r.stdout)
    #expect(o.objectValue.map { Set($0.keys) } == ["loss", "gradNorm"], "\(r.stdout)")
    return (try #require(o["loss"]?.doubleValue), try #require(o["gradNorm"]?.doubleValue))
  }

  @Test func exportedWeightsEvaluateWithFiniteDifferenceGradients() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("c.json", Self.config)
    #expect(try CLI.run(["train", "--config", "c.json", "--out", "run.session"], in: dir.url).status == 0)
    let export = try CLI.run(["export", "run.session", "--safetensors", "w.safetensors", "--step", "6"], in: dir.url)
    #expect(export.status == 0, "\(export)")
    let weights = try SafeTensors.read(contentsOf: URL(fileURLWithPath: dir.path("w.safetensors")))
    let session = try Session.read(path: dir.path("run.session"))
    let checkpoint = try #require(session.checkpoints.first { $0.step == 6 })
    #expect(Set(weights.tensors.keys) == Set(checkpoint.parameters.map(\.name)))
    for p in checkpoint.parameters {
      let tensor = try #require(weights.tensors[p.name])
      #expect(tensor.shape == p.shape && tensor.dtype == .f64, "\(p.name)")
      #expect(tensor.asDoubles().map(\.bitPattern) == p.values.map(\.bitPattern), "\(p.name)")
    }
    let (x, y) = try Self.writeData(dir.path("d.safetensors"))

    let r = try CLI.run(["eval", "--config", "c.json", "--weights", "w.safetensors", "--data", "d.safetensors", "--grads-out", "g.safetensors", "--json"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let o = try json(r.stdout)
    let loss = try #require(o["loss"]?.doubleValue)
    let gradNorm = try #require(o["gradNorm"]?.doubleValue)

    // The loss against an in-process forward pass on the same weights and batch (time-major).
    let spec = try TrainingConfig.parse(try JSON.parse(Self.config)).cell
    var seedless = Xoshiro256(seed: 1)
    var params = ParameterSet<Double>(spec: spec, inputSize: Self.i, outputSize: 1, using: &seedless)
    #expect(params.names == checkpoint.parameters.map(\.name))
    for (k, p) in checkpoint.parameters.enumerated() { params.parameters[k].value.storage = p.values }
    var inputs = Matrix<Double>(rows: Self.t * Self.b, cols: Self.i)
    for n in 0..<Self.b { for k in 0..<Self.t { for f in 0..<Self.i { inputs[k * Self.b + n, f] = x[(n * Self.t + k) * Self.i + f] } } }
    let batch = SequenceBatch(
      inputs: inputs, steps: Self.t, batch: Self.b, targets: .values(Matrix(rows: Self.b, cols: 1, storage: y)),
      readoutSteps: (Self.t - 1)..<Self.t)
    let tape = Tape<Double>()
    let forward = SequenceModel<Double>(spec: spec).record(on: tape, parameters: params, batch: batch, loss: .mse)
    let expectedLoss = tape.scalar(forward.loss)
    #expect(abs(loss - expectedLoss) <= 1e-12 * expectedLoss, "eval \(loss) vs in-process \(expectedLoss)")

    // Gradients: every parameter under its own name and shape, float64 like the config.
    let grads = try SafeTensors.read(contentsOf: URL(fileURLWithPath: dir.path("g.safetensors")))
    #expect(Set(grads.tensors.keys) == Set(weights.tensors.keys))
    var sum = 0.0
    for (name, w) in weights.tensors {
      let g = try #require(grads.tensors[name])
      #expect(g.shape == w.shape && g.dtype == .f64, "\(name): \(g.shapeDescription)")
      sum += g.asDoubles().reduce(0) { $0 + $1 * $1 }
    }
    #expect(abs(sum.squareRoot() - gradNorm) <= 1e-12 * gradNorm)

    // Central differences of eval's own loss, perturbing one weight entry in the file.
    let delta = 1e-5
    for (name, index) in [("cell.W0", 6), ("cell.V", 3), ("cell.b", 1), ("cell.Vg", 5), ("readout.weight", 2), ("readout.bias", 0)] {
      var values: [Double] = []
      for sign in [1.0, -1.0] {
        var perturbed = weights
        var data = try #require(weights.tensors[name]).asDoubles()
        data[index] += sign * delta
        perturbed.tensors[name] = try Tensor(data, shape: try #require(weights.tensors[name]).shape)
        try perturbed.write(to: URL(fileURLWithPath: dir.path("p.safetensors")))
        values.append(try Self.evalJSON(dir, weights: "p.safetensors").loss)
      }
      let fd = (values[0] - values[1]) / (2 * delta)
      let g = try #require(grads.tensors[name]).asDoubles()[index]
      #expect(abs(fd - g) <= 1e-6 * max(abs(g), 1e-3), "\(name)[\(index)]: finite differences \(fd), eval \(g)")
    }
  }

  @Test func evalRejectsMismatchedShapes() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("c.json", Self.config)
    #expect(try CLI.run(["train", "--config", "c.json", "--out", "run.session", "--steps", "6"], in: dir.url).status == 0)
    #expect(try CLI.run(["export", "run.session", "--safetensors", "w.safetensors"], in: dir.url).status == 0)
    func eval(_ extra: [String] = []) throws -> CLI.Result {
      try CLI.run(["eval", "--config", "c.json", "--weights", "w.safetensors", "--data", "d.safetensors", "--json"] + extra, in: dir.url)
    }
    _ = try Self.writeData(dir.path("d.safetensors"))
    #expect(try eval().status == 0)
    // Three input features where the weights have two.
    _ = try Self.writeData(dir.path("d.safetensors"), inputs: 3)
    let wide = try eval()
    #expect(wide.status == 2 && wide.stderrLines.count == 1 && wide.stderr.contains("cell.V") && wide.stdout.isEmpty, "\(wide)")
    // y of the wrong shape.
    _ = try Self.writeData(dir.path("d.safetensors"), y: [Self.b, 2])
    let y = try eval()
    #expect(y.status == 2 && y.stderrLines.count == 1 && y.stderr.contains("d.safetensors") && y.stderr.contains("y"), "\(y)")
    // y over every step is accepted for mse.
    _ = try Self.writeData(dir.path("d.safetensors"), y: [Self.b, Self.t, 1])
    #expect(try eval().status == 0)
    // crossEntropy needs class indices in 0..<O (O = 1 here: only 0).
    _ = try Self.writeData(dir.path("d.safetensors"), y: [Self.b])
    let classes = try eval(["--loss", "crossEntropy"])
    #expect(classes.status == 2 && classes.stderr.contains("class"), "\(classes)")
    // A config whose cell differs from the weights (H = 5).
    try dir.write("c5.json", Self.config.replacingOccurrences(of: #""hiddenSize": 4"#, with: #""hiddenSize": 5"#))
    _ = try Self.writeData(dir.path("d.safetensors"))
    let h5 = try CLI.run(["eval", "--config", "c5.json", "--weights", "w.safetensors", "--data", "d.safetensors", "--json"], in: dir.url)
    #expect(h5.status == 2 && h5.stderrLines.count == 1 && h5.stderr.contains("w.safetensors"), "\(h5)")
    // A missing gradient file folder or weights file is bad input, and no partial output.
    let missing = try CLI.run(["eval", "--config", "c.json", "--weights", "none.safetensors", "--data", "d.safetensors", "--json"], in: dir.url)
    #expect(missing.status == 2 && missing.stderr.contains("none.safetensors") && missing.stdout.isEmpty)
  }
}
