import Foundation
import TerminalGrid
import Training
import WorkbenchRuntime
import WorkbenchUI

extension BenchSuite {
  /// The workbench's event loop at 200×60 with a run in progress: the trainer thread steps
  /// while the main thread drains its events, appends them to a session file and renders
  /// about 30 frames per second into a terminal that waits for keys like ncurses does.
  /// Timed from the `space` that starts the run until it shows FINISHED.
  static func workbenchSeconds(_ config: TrainingConfig) throws -> Double {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("odernn-bench-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let terminal = PacedTerminal(size: Size(width: 200, height: 60))
    let loop = AppLoop(backend: terminal, folder: folder, version: "bench", draft: config)
    loop.iterate(timeoutMilliseconds: 0)
    terminal.keys.append(.character(" "))
    let clock = ContinuousClock()
    let start = clock.now
    while loop.state.run?.status != .finished {
      loop.iterate(timeoutMilliseconds: 33)
      if let status = loop.state.run?.status, [.diverged, .failed, .stopped].contains(status) {
        throw BenchError("the workbench run ended \(status.rawValue)")
      }
    }
    let elapsed = clock.now - start
    terminal.keys.append(.character("q"))
    while !loop.hasQuit { loop.iterate(timeoutMilliseconds: 0) }
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }
}

/// A failed benchmark run.
struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// An in-memory terminal whose `readKey` blocks for its timeout when no key is queued, as
/// `wget_wch` does, so the event loop runs at its real frame rate.
final class PacedTerminal: TerminalBackend {
  let size: Size
  let colorDepth = ColorDepth.ansi256
  let renderMode = RenderMode.unicode
  var keys: [Key] = []
  private var screen: Grid

  init(size: Size) {
    self.size = size
    screen = Grid(width: size.width, height: size.height)
  }

  func readKey(timeoutMilliseconds: Int) -> Key? {
    if !keys.isEmpty { return keys.removeFirst() }
    if timeoutMilliseconds > 0 { Thread.sleep(forTimeInterval: Double(timeoutMilliseconds) / 1000) }
    return nil
  }

  func draw(_ changes: [CellChange]) {
    for change in changes {
      for (offset, cell) in change.cells.enumerated() where change.x + offset < size.width {
        screen[change.x + offset, change.y] = cell
      }
    }
  }

  func present() {}
  func restore() {}
}
