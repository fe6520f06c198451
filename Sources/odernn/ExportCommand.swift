import ArgumentParser
import FileFormats
import Foundation
import Sessions
import Training

/// `odernn export`: a session's metrics as CSV, or a checkpoint's weights as safetensors.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Export a session's metrics (CSV) or a checkpoint's weights (safetensors).")

  @Argument(help: "The session file.")
  var file: String

  @Option(help: "Write the metrics, one row per step: step,loss,gradNorm,lr,valLoss,accuracy.")
  var csv: String?

  @Option(help: "Write a checkpoint's parameters (the last, or --step's).")
  var safetensors: String?

  @Option(parsing: .unconditional, help: "With --safetensors: the checkpoint step.")
  var step: Int?

  @Flag(help: "Replace an existing output file.")
  var force = false

  func validate() throws {
    if (csv == nil) == (safetensors == nil) { throw ValidationError("give exactly one of --csv and --safetensors") }
    if step != nil && safetensors == nil { throw ValidationError("--step goes with --safetensors") }
    if let step, step < 0 { throw ValidationError("--step must be a checkpoint step >= 0, got \(step)") }
  }

  func run() throws {
    let session = try CommandSupport.readSession(file)
    if let csv {
      try write(Array(MetricsCSV.text(session.metrics).utf8), to: csv)
      return
    }
    let c = try CommandSupport.checkpoint(of: session, step: step, file)
    var tensors = SafeTensors()
    do {
      for p in c.parameters {
        tensors.tensors[p.name] =
          c.dtype == .float32 ? try Tensor(p.values.map { Float($0) }, shape: p.shape) : try Tensor(p.values, shape: p.shape)
      }
    } catch {
      throw CommandSupport.bad("\(file): \(error)")
    }
    try write(tensors.encode(), to: safetensors ?? "")
  }

  private func write(_ bytes: [UInt8], to path: String) throws {
    do {
      try FileIO.writeAtomically(bytes, to: URL(fileURLWithPath: path), replacing: force)
    } catch {
      throw CommandSupport.bad("\(error)")
    }
  }
}
