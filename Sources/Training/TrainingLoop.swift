/// The one "advance, buffer metrics, flush" loop: it steps a `TrainingDriver` and decides when
/// metrics leave, for the trainer thread and for `odernn train` alike.
///
/// Invariants, with `now` the injected clock (seconds, non-decreasing):
/// - events leave in the order the driver made them; metrics rows are held back and leave
///   merged into one `metrics` event, before any other event;
/// - a step that ends `flushInterval` or more after the last flush flushes, so no row waits
///   longer than `flushInterval` plus one step (DESIGN §1.5 asks for at most a second);
/// - `apply`, `checkpointNow` and `stop` flush first, so a control event or checkpoint
///   follows the metrics of the steps before it.
///
/// Owned by one thread; no clock of its own, so the policy is tested with a simulated one.
public final class TrainingLoop {
  /// How long metrics may wait before they leave, in seconds: one cadence for the workbench
  /// (which then draws them, at most 30 frames a second) and the session file.
  public static let flushInterval = 0.1

  /// The driver (when to validate, checkpoint, diverge, finish).
  public let driver: TrainingDriver
  private let interval: Double
  private let now: () -> Double
  private var pending: [StepMetrics] = []
  private var lastFlush: Double

  /// A loop over `driver`; `now` reads the clock in seconds.
  public init(driver: TrainingDriver, flushInterval: Double = TrainingLoop.flushInterval, now: @escaping () -> Double) {
    self.driver = driver
    interval = flushInterval
    self.now = now
    lastFlush = now()
  }

  /// Whether the run has ended (finished or diverged).
  public var isDone: Bool { driver.isDone }

  /// Metrics rows not yet handed out.
  public var pendingRows: Int { pending.count }

  /// One training step. Returns the events due now, in order, and the step's own metrics
  /// rows (for per-step output such as `train --json`).
  public func step() -> (due: [RunEvent], metrics: [StepMetrics]) {
    var due: [RunEvent] = []
    var rows: [StepMetrics] = []
    for event in driver.advance() {
      if case .metrics(let m) = event {
        pending += m
        rows += m
      } else {
        due += flush()
        due.append(event)
      }
    }
    if now() - lastFlush >= interval { due += flush() }
    return (due, rows)
  }

  /// The held-back metrics as one event (nothing when there are none).
  public func flush() -> [RunEvent] {
    lastFlush = now()
    guard !pending.isEmpty else { return [] }
    defer { pending.removeAll(keepingCapacity: true) }
    return [.metrics(pending)]
  }

  /// A user action before the next step: the pending metrics, then its control event.
  public func apply(_ action: ControlEvent.Action, value: Double? = nil) -> [RunEvent] {
    flush() + [driver.apply(action, value: value)]
  }

  /// The pending metrics, then a checkpoint of the current step unless there is one.
  public func checkpointNow() -> [RunEvent] {
    flush() + (driver.checkpointNow().map { [$0] } ?? [])
  }

  /// Ends the run here: the pending metrics, then a final checkpoint unless one was just taken.
  public func stop() -> [RunEvent] {
    flush() + driver.stop()
  }
}
