import JSON
import Training

/// One line of `odernn sessions list` (DESIGN §1.2).
public struct SessionSummary: Sendable {
  /// The file name.
  public var file: String
  /// ISO-8601 creation time.
  public var created: String
  /// The tableau's name (ode cells) or the baseline's kind.
  public var tableau: String
  /// `t` (ode cells), else nil.
  public var derivativeOrder: Int?
  /// The task's name.
  public var task: String
  /// The last recorded step.
  public var steps: Int
  /// The last recorded loss.
  public var finalLoss: Double?
  /// finished, diverged, stopped (cleanly, by the user) or interrupted (killed).
  public var status: String

  /// The summary of a session read in full.
  public init(file: String, session: Session) {
    self.init(file: file, header: session.header, lastMetrics: session.metrics.last, status: session.status)
  }

  /// A summary from the header, the last metrics row and the status (`SessionTail`).
  public init(file: String, header: SessionHeader, lastMetrics: StepMetrics?, status: String) {
    self.file = file
    created = header.created
    let cell = header.config["cell"]
    let kind = cell?["kind"]?.stringValue ?? "ode"
    if kind == "ode" {
      let t = cell?["tableau"]
      tableau = t?.stringValue ?? t?["name"]?.stringValue ?? "custom"
      derivativeOrder = cell?["derivativeOrder"]?.intValue ?? 1
    } else {
      tableau = kind
      derivativeOrder = nil
    }
    task = header.config["task"]?["name"]?.stringValue ?? "?"
    steps = lastMetrics?.step ?? header.parent?.step ?? 0
    finalLoss = lastMetrics?.loss
    self.status = status
  }

  /// The DESIGN §1.2 object.
  public var json: JSON {
    .object([
      "file": .string(file), "created": .string(created), "tableau": .string(tableau),
      "derivativeOrder": derivativeOrder.map { .number(Double($0)) } ?? .null,
      "task": .string(task), "steps": .number(Double(steps)),
      "finalLoss": finalLoss.map(JSON.number) ?? .null, "status": .string(status),
    ])
  }
}
