import ODECells

/// When a config field applies, as a function of the settings that choose the model: the cell
/// kind, its structure, explicit or implicit tableau, the task and the optimizer.
///
/// `reason(config)` is nil when the field applies, else why not, worded to follow the key in
/// an error: `"cell.gamma": not used by a dense cell (structure is dense)`. A condition only
/// reads fields that come before the fields it guards in `ConfigSchema.fields`, so decoding in
/// table order always knows whether the next field applies.
public struct ConfigCondition: Sendable {
  /// Nil when the field applies; otherwise the reason it does not.
  public let reason: @Sendable (TrainingConfig) -> String?

  /// A condition from its reason function.
  public init(_ reason: @escaping @Sendable (TrainingConfig) -> String?) {
    self.reason = reason
  }

  /// Applies to every config.
  public static let always = ConfigCondition { _ in nil }

  /// ODE cells only (not the LSTM and GRU baselines).
  public static let odeCell = ConfigCondition { c in
    c.cell.kind == .ode ? nil : "not used by \(cellName(c.cell.kind)) cell (kind is \(c.cell.kind.rawValue))"
  }

  /// ODE cells with antisymmetric structure (`γ` in `M_0 = W_0 − W_0ᵀ − γI`).
  public static let antisymmetric = odeCell.then { c in
    c.cell.structure == .antisymmetric ? nil : "not used by a \(c.cell.structure.rawValue) cell (structure is \(c.cell.structure.rawValue))"
  }

  /// ODE cells with an implicit tableau (the stage solver, its iterations).
  public static let implicitTableau = odeCell.then { c in
    c.cell.tableau.isExplicit ? "not used by an explicit tableau (\(c.cell.tableau.name) is explicit)" : nil
  }

  /// Implicit ODE cells solved by Newton's method (its tolerance).
  public static let newtonSolver = implicitTableau.then { c in
    c.cell.solver == .newton ? nil : "not used by the \(c.cell.solver.rawValue) solver (cell.solver is \(c.cell.solver.rawValue))"
  }

  /// The task `kind` only.
  public static func task(_ kind: TaskKind) -> ConfigCondition {
    ConfigCondition { c in
      c.task.kind == kind ? nil : "not used by the \(c.task.name) task (task.name is \(c.task.name))"
    }
  }

  /// The file tasks (idx, csv): their split and held-out test set.
  public static let fileTask = ConfigCondition { c in
    c.task.isFileTask ? nil : "not used by the \(c.task.name) task (task.name is \(c.task.name))"
  }

  /// The optimizer `name` only.
  public static func optimizer(_ name: OptimizerSpec.Name) -> ConfigCondition {
    ConfigCondition { c in
      let used = c.optimizer.name.rawValue
      return c.optimizer.name == name ? nil : "not used by \(used) (optimizer.name is \(used))"
    }
  }

  /// This condition, and when it holds, `next` too (its reason comes second).
  public func then(_ next: @escaping @Sendable (TrainingConfig) -> String?) -> ConfigCondition {
    let first = reason
    return ConfigCondition { c in first(c) ?? next(c) }
  }

  /// "an lstm", "a gru", "an ode": the kind with its article, for messages.
  static func cellName(_ kind: CellKind) -> String {
    kind == .gru ? "a gru" : "an \(kind.rawValue)"
  }
}
