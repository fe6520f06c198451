import ArgumentParser
import Linalg

/// The `odernn` command: recurrent cells from Butcher tableaux, trained and inspected.
struct Odernn: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "odernn",
    abstract: "A terminal workbench for recurrent networks seen as ODE integrators.",
    version: versionText,
    subcommands: [
      TUICommand.self, TrainCommand.self, SweepCommand.self, EvalCommand.self, ReplayCommand.self, SessionsCommand.self,
      ExportCommand.self, TableauCommand.self, BenchCommand.self, ExperimentCommand.self, DiagnoseCommand.self,
    ],
    defaultSubcommand: TUICommand.self
  )

  /// `odernn 0.1.0` and the BLAS kernels in use (DESIGN §1.1).
  static var versionText: String {
    let core = (try? BLAS.load()).map { BLAS.coreName } ?? "unavailable"
    return "odernn \(version)\nblas: OpenBLAS, core \(core), \(core == "unavailable" ? 0 : BLAS.threads) thread(s)"
  }
}
