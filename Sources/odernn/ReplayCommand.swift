import ArgumentParser
import Foundation
import Linalg
import Sessions
import Training
import WorkbenchUI

/// `odernn replay`: replay a session in the workbench, print its summary, or verify it.
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Replay a session, print its summary (--headless) or re-run and verify it (--verify).")

  @Argument(help: "The session file.")
  var file: String

  @Flag(help: "Re-run training from the header and compare every recorded metric; exit 1 on the first mismatch.")
  var verify = false

  @Option(parsing: .unconditional, help: "With --verify: accept |a − b| ≤ R·max(|a|, |b|) (another CPU or BLAS core).")
  var tolerance: Double?

  @Flag(help: "No workbench: print the session's summary (or only verify).")
  var headless = false

  func validate() throws {
    if let tolerance, !(tolerance >= 0 && tolerance.isFinite) {
      throw ValidationError("--tolerance must be a finite number >= 0, got \(tolerance)")
    }
    if tolerance != nil && !verify { throw ValidationError("--tolerance needs --verify") }
  }

  func run() throws {
    let session = try CommandSupport.readSession(file)
    if verify {
      let config = try CommandSupport.trainingConfig(of: session, file)
      try CommandSupport.setUpBLAS(threads: config.threads)
      if session.header.blasCore != BLAS.coreName && tolerance == nil {
        printError("odernn: warning: \(file) was recorded with BLAS core \(session.header.blasCore), this machine uses \(BLAS.coreName); bits may differ (see --tolerance)")
      }
      do {
        let n = try SessionVerifier.verify(session, path: file, tolerance: tolerance)
        StandardOutput.line("verified \(n) steps of \(file)" + (tolerance.map { " (tolerance \($0))" } ?? " bit for bit"))
      } catch let mismatch as SessionVerifier.Mismatch {
        throw CommandFailure(description: "\(file): verification failed at \(mismatch.description)", exitCode: 1)
      } catch {
        throw CommandSupport.bad("\(file): \(error)")
      }
      return
    }
    if headless || !CommandSupport.isTerminal(1) {
      let s = SessionSummary(file: URL(fileURLWithPath: file).lastPathComponent, session: session)
      CommandSupport.printJSON(s.json)
      return
    }
    try Workbench.open(replaying: (file, session), ascii: false)
  }
}
