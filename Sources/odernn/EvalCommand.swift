import ArgumentParser
import Autodiff
import FileFormats
import Foundation
import JSON
import Linalg
import ODECells
import Training

/// `odernn eval`: one forward and backward pass on a given batch (DESIGN §1.2, §1.7).
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "One forward and backward pass on a batch; prints the loss and the gradient norm.")

  @Option(help: "The training config (its cell and precision are used).")
  var config: String?

  @Option(help: "Parameters as safetensors, named as in DESIGN §1.3.")
  var weights: String?

  @Option(help: "The batch as safetensors: x [B, T, I] and y.")
  var data: String?

  @OptionGroup var sessionMode: EvalSessionOptions

  @Option(help: "mse or crossEntropy (default: the config's task's loss).")
  var loss: String?

  @Option(help: "Write every parameter's gradient here, under the parameter's name.")
  var gradsOut: String?

  @Flag(help: "Print {\"loss\": L, \"gradNorm\": G}.")
  var json = false

  @Flag(help: "Replace an existing --grads-out file.")
  var force = false

  func validate() throws {
    try sessionMode.validate(config: config, weights: weights, data: data, loss: loss, gradsOut: gradsOut)
    if let loss, LossKind(rawValue: loss) == nil { throw ValidationError("--loss must be mse or crossEntropy") }
  }

  func run() throws {
    if let mode = sessionMode.mode(json: json) { return try mode.run() }
    guard let config, let weights, let data else { return }
    let cfg = try CommandSupport.loadConfig(config)
    try CommandSupport.setUpBLAS(threads: cfg.threads)
    let w = try read(weights)
    let d = try read(data)
    let kind = loss.flatMap(LossKind.init(rawValue:)) ?? Self.defaultLoss(cfg.task)
    let result: (loss: Double, gradNorm: Double, grads: SafeTensors, accuracy: Double?)
    switch cfg.precision {
    case .float32: result = try evaluate(Float.self, cfg, w, d, kind)
    case .float64: result = try evaluate(Double.self, cfg, w, d, kind)
    }
    if let gradsOut {
      do { try result.grads.write(to: URL(fileURLWithPath: gradsOut), replacing: force) } catch { throw CommandSupport.bad("\(error)") }
    }
    if json {
      var object: JSON = .object(["loss": .number(result.loss), "gradNorm": .number(result.gradNorm)])
      if let a = result.accuracy { try? object.setMember(.number(a), at: ["accuracy"]) }
      CommandSupport.printJSON(object)
    } else {
      StandardOutput.line("loss \(result.loss)  gradNorm \(result.gradNorm)")
    }
  }

  static func defaultLoss(_ task: TaskSpec) -> LossKind {
    switch task {
    case .adding, .sine, .csv: .mse
    case .copy, .idx: .crossEntropy
    }
  }

  private var dataPath: String { data ?? "" }
  private var weightsPath: String { weights ?? "" }

  private func read(_ path: String) throws -> SafeTensors {
    do { return try SafeTensors.read(contentsOf: URL(fileURLWithPath: path)) } catch { throw CommandSupport.bad("\(error)") }
  }

  private func evaluate<S: BLASScalar>(
    _: S.Type, _ cfg: TrainingConfig, _ w: SafeTensors, _ d: SafeTensors, _ kind: LossKind
  ) throws -> (loss: Double, gradNorm: Double, grads: SafeTensors, accuracy: Double?) {
    guard let x = d.tensors["x"] else { throw CommandSupport.bad("\(dataPath): no tensor \"x\" [B, T, I]") }
    guard x.shape.count == 3 else { throw CommandSupport.bad("\(dataPath): x has shape \(x.shapeDescription), expected [B, T, I]") }
    let (b, t, i) = (x.shape[0], x.shape[1], x.shape[2])
    guard b > 0, t > 0, i > 0 else { throw CommandSupport.bad("\(dataPath): x has an empty dimension \(x.shapeDescription)") }
    guard let y = d.tensors["y"] else { throw CommandSupport.bad("\(dataPath): no tensor \"y\"") }
    let readoutName = ParameterID.readoutWeight.name
    guard let readout = w.tensors[readoutName], readout.shape.count == 2 else {
      throw CommandSupport.bad("\(weightsPath): no tensor \"\(readoutName)\" [O, H]")
    }
    let o = readout.shape[0]

    // Expected names and shapes from the config, I and O; the weights must match exactly.
    let layout = ParameterLayout(spec: cfg.cell, inputSize: i, outputSize: o)
    let expected = layout.ids.map(\.name)
    for name in w.tensors.keys where !expected.contains(name) {
      throw CommandSupport.bad("\(weightsPath): unexpected tensor \"\(name)\" (expected \(expected.joined(separator: ", ")))")
    }
    let params = try ParameterSet<S>(
      parameters: layout.entries.map { entry in
        guard let tensor = w.tensors[entry.id.name] else {
          throw CommandSupport.bad("\(weightsPath): missing tensor \"\(entry.id.name)\" \(entry.shape)")
        }
        guard tensor.shape == entry.shape else {
          throw CommandSupport.bad(
            "\(weightsPath): \"\(entry.id.name)\" has shape \(tensor.shapeDescription), expected \(entry.shape) for this config and data")
        }
        let value = Matrix<S>(rows: entry.rows, cols: entry.cols, storage: tensor.asDoubles().map { S($0) })
        return NamedParameter(id: entry.id, shape: entry.shape, value: value)
      })

    // Time-major inputs; targets by the loss and y's rank.
    let xs = x.asDoubles()
    var inputs = Matrix<S>(rows: t * b, cols: i)
    for n in 0..<b { for k in 0..<t { for f in 0..<i { inputs[k * b + n, f] = S(xs[(n * t + k) * i + f]) } } }
    let ys = y.asDoubles()
    let everyStep: Bool
    let targets: Targets<S>
    switch kind {
    case .mse:
      if y.shape == [b, o] { everyStep = false } else if y.shape == [b, t, o] { everyStep = true } else {
        throw CommandSupport.bad("\(dataPath): y has shape \(y.shapeDescription); mse needs [\(b), \(o)] or [\(b), \(t), \(o)]")
      }
      let steps = everyStep ? t : 1
      var m = Matrix<S>(rows: steps * b, cols: o)
      for n in 0..<b { for k in 0..<steps { for j in 0..<o { m[k * b + n, j] = S(ys[(n * steps + k) * o + j]) } } }
      targets = .values(m)
    case .crossEntropy:
      if y.shape == [b] { everyStep = false } else if y.shape == [b, t] { everyStep = true } else {
        throw CommandSupport.bad("\(dataPath): y has shape \(y.shapeDescription); crossEntropy needs [\(b)] or [\(b), \(t)] class indices")
      }
      let steps = everyStep ? t : 1
      var c = [Int32](repeating: 0, count: steps * b)
      for n in 0..<b {
        for k in 0..<steps {
          let v = ys[n * steps + k]
          guard v == v.rounded(), v >= 0, v < Double(o) else {
            throw CommandSupport.bad("\(dataPath): y[\(n)]\(everyStep ? "[\(k)]" : "") = \(v) is not a class index in 0..<\(o)")
          }
          c[k * b + n] = Int32(v)
        }
      }
      targets = .classes(c)
    }
    let batch = SequenceBatch(
      inputs: inputs, steps: t, batch: b, targets: targets, readoutSteps: everyStep ? 0..<t : (t - 1)..<t)
    let tape = Tape<S>()
    let forward = SequenceModel<S>(spec: cfg.cell).record(on: tape, parameters: params, batch: batch, loss: kind)
    if let failure = tape.solveLog.failure { printError("odernn: warning: \(failure); the loss is nan") }
    tape.backward(from: forward.loss)
    var grads = SafeTensors()
    var sum = 0.0
    for (p, v) in zip(params.parameters, forward.parameters) {
      let g = tape.gradient(v).storage
      for e in g { sum += Double(e) * Double(e) }
      do {
        grads.tensors[p.name] =
          S.dtype == .float32 ? try Tensor(g.map { Float($0) }, shape: p.shape) : try Tensor(g.map { Double($0) }, shape: p.shape)
      } catch {
        throw CommandSupport.bad("\(error)")
      }
    }
    var accuracy: Double?
    if case .classes(let c) = targets {
      accuracy = Double(tape.withValue(forward.outputs) { Accuracy.countCorrect(logits: $0, classes: o, targets: c) }) / Double(c.count)
    }
    return (Double(tape.scalar(forward.loss)), sum.squareRoot(), grads, accuracy)
  }
}
