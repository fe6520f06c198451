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
  /// finished, diverged or interrupted.
  public var status: String

  /// The summary of a session.
  public init(file: String, session: Session) {
    self.file = file
    created = session.header.created
    let cell = session.header.config["cell"]
    let kind = cell?["kind"]?.stringValue ?? "ode"
    if kind == "ode" {
      let t = cell?["tableau"]
      tableau = t?.stringValue ?? t?["name"]?.stringValue ?? "custom"
      derivativeOrder = cell?["derivativeOrder"]?.intValue ?? 1
    } else {
      tableau = kind
      derivativeOrder = nil
    }
    task = session.header.config["task"]?["name"]?.stringValue ?? "?"
    let metrics = session.metrics
    steps = metrics.last?.step ?? 0
    finalLoss = metrics.last?.loss
    status = session.status
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
