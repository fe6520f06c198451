import Foundation
import JSON
import Sessions
import TerminalNCurses
import Training

/// The synchronous training loop of `odernn train`: steps the driver, writes events to the
/// session (through `TrainingLoop`, at its one flush cadence), shows progress, stops cleanly on
/// SIGINT/SIGTERM.
struct HeadlessLoop {
  let run: any TrainingRun
  let writer: SessionWriter
  let json: Bool
  let progress: Bool

  struct Summary {
    /// The last step reached (a resumed run counts its parent's steps too).
    var steps: Int
    /// The step this process started from (0, or the checkpoint's step when resuming).
    var firstStep: Int
    var finalLoss: Double?
    var finalValLoss: Double?
    var status: String
    var seconds: Double
    /// The run's estimated memory in bytes (`MemoryEstimate`).
    var memory = 0

    func line(path: String) -> String {
      let loss = finalLoss.map { $0.isFinite ? String(format: "%.6g", $0) : $0.plainText } ?? "-"
      let rate = seconds > 0 ? String(format: "%.1f", stepsPerSecond) : "-"
      return "odernn: \(status) after \(steps) step\(steps == 1 ? "" : "s"), loss \(loss), \(rate) steps/s, session \(path)"
    }

    func json(path: String) -> JSON {
      .object([
        "session": .string(path), "steps": .number(Double(steps)),
        "finalLoss": finalLoss.map(JSON.number) ?? .null, "finalValLoss": finalValLoss.map(JSON.number) ?? .null,
        "status": .string(status), "seconds": .number(seconds),
        "stepsPerSecond": .number(stepsPerSecond), "memoryEstimate": .number(Double(memory)),
      ])
    }

    /// Steps this process ran per second of its wall time.
    var stepsPerSecond: Double { seconds > 0 ? Double(steps - firstStep) / seconds : 0 }
  }

  func execute() throws -> Summary {
    InterruptFlag.install(signals: [SIGINT, SIGTERM])
    let writer = self.writer
    func write(_ events: [RunEvent]) throws {
      do { try writer.append(events) } catch { throw CommandFailure(description: error.description, exitCode: 2) }
    }
    let clock = ContinuousClock()
    let started = clock.now
    func seconds(since t: ContinuousClock.Instant) -> Double { (clock.now - t).inSeconds }
    let loop = TrainingLoop(driver: TrainingDriver(run: run)) { seconds(since: started) }
    // Eigen diagnostics run beside training (none skipped; a stop does not wait for one).
    let beside = DiagnosticsBeside(loop: loop, giveUp: { InterruptFlag.isRaised }, write: write)
    let firstStep = run.step
    var lastProgress = clock.now
    var summary = Summary(steps: firstStep, firstStep: firstStep, status: "interrupted", seconds: 0)
    let memory = MemoryEstimate(config: run.config, task: run.task)
    summary.memory = memory.total
    if progress { printError("odernn: memory ≈ \(MemoryEstimate.format(memory.total)) (\(memory.description))") }


    while !loop.isDone {
      if InterruptFlag.isRaised {
        try beside.emit(loop.stop())
        summary.status = "stopped"
        break
      }
      let (due, rows) = loop.step()
      for m in rows {
        summary.steps = m.step  // the last step reported, the diverged one included
        summary.finalLoss = m.loss
        if let v = m.valLoss { summary.finalValLoss = v }
        if json { CommandSupport.printJSON(SessionCodec.payload(.metrics([m]))[0] ?? .null) }
      }
      try beside.emit(due)
      try beside.afterStep()
      for event in due {
        if case .finished = event { summary.status = "finished" }
        if case .stopped = event { summary.status = "stopped" }
        if case .diverged(_, let reason) = event {
          summary.status = "diverged"
          printError((progress ? "\n" : "") + "odernn: training diverged: \(reason)")
        }
      }
      if progress && seconds(since: lastProgress) >= 0.1 {
        lastProgress = clock.now
        showProgress(elapsed: seconds(since: started), done: run.step - firstStep, loss: summary.finalLoss)
      }
    }
    try write(loop.flush())
    if progress { printError("") }
    summary.seconds = seconds(since: started)
    return summary
  }

  private func showProgress(elapsed: Double, done: Int, loss: Double?) {
    let rate = elapsed > 0 ? Double(done) / elapsed : 0
    let target = run.config.steps
    let eta = target.map { rate > 0 ? CommandSupport.duration(Double($0 - run.step) / rate) : "?" } ?? "-"
    let total = target.map { "/\($0)" } ?? ""
    let l = loss.map { String(format: "%.5g", $0) } ?? "-"
    let line = String(format: "step %d%@  loss %@  %.1f steps/s  ETA %@", run.step, total, l, rate, eta)
    writeError("\r\u{1B}[K" + line)
  }
}
