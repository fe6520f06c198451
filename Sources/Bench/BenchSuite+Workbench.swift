import Foundation
import TerminalGrid
import Training
import WorkbenchRuntime
import WorkbenchUI

extension BenchSuite {
  /// The workbench's event loop at 200×60 with a run in progress: the trainer thread steps
  /// while the main thread drains its events, appends them to a session file and renders
  /// about 30 frames per second into a headless terminal that waits for keys like ncurses does.
  /// Timed from the `space` that starts the run until it shows FINISHED.
  static func workbenchSeconds(_ config: TrainingConfig) throws -> Double {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("odernn-bench-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let terminal = HeadlessTerminal(size: Size(width: 200, height: 60))
    terminal.whenNoKey = { Thread.sleep(forTimeInterval: Double($0) / 1000) }  // as wget_wch blocks
    let loop = AppLoop(backend: terminal, folder: folder, version: "bench", draft: config)
    loop.iterate(timeoutMilliseconds: 0)
    terminal.enqueue(.character(" "))
    let clock = ContinuousClock()
    let start = clock.now
    while loop.state.live?.view.status != .finished {
      loop.iterate(timeoutMilliseconds: 33)
      if let status = loop.state.live?.view.status, [.diverged, .failed, .stopped].contains(status) {
        throw BenchError("the workbench run ended \(status.rawValue)")
      }
    }
    let elapsed = clock.now - start
    terminal.enqueue(.character("q"))
    while !loop.hasQuit { loop.iterate(timeoutMilliseconds: 0) }
    return elapsed.inSeconds
  }
}

/// A failed benchmark run.
struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
