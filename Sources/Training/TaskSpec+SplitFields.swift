/// The file tasks' split settings as named properties (DESIGN §1.10), for the config schema's
/// key paths. As in `TaskSpec+Fields`: meaningful only on the kinds that have them; elsewhere
/// the getter is neutral and the setter does nothing.
extension TaskSpec {
  /// idx and csv: the validation set, a fraction in (0, 0.5] or a count ≥ 1.
  public var validation: Double {
    get { idxSpec?.validation ?? csvSpec?.validation ?? 0 }
    set {
      updateIDX { $0.validation = newValue }
      updateCSV { $0.validation = newValue }
    }
  }

  /// idx and csv: the seed of the split; nil is the run's seed (`TrainingConfig.dataSeed`).
  public var dataSeed: UInt64? {
    get { idxSpec?.dataSeed ?? csvSpec?.dataSeed }
    set {
      updateIDX { $0.dataSeed = newValue }
      updateCSV { $0.dataSeed = newValue }
    }
  }

  /// idx: the held-out test images.
  public var testImages: String? {
    get { idxSpec?.testImages }
    set { updateIDX { $0.testImages = newValue } }
  }

  /// idx: the held-out test labels.
  public var testLabels: String? {
    get { idxSpec?.testLabels }
    set { updateIDX { $0.testLabels = newValue } }
  }

  /// csv: the held-out test file.
  public var testPath: String? {
    get { csvSpec?.testPath }
    set { updateCSV { $0.testPath = newValue } }
  }

  /// Whether the task reads files (idx, csv): those take a split and a test set.
  public var isFileTask: Bool { kind == .idx || kind == .csv }
}
