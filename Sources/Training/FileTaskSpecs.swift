/// The settings of the `idx` task (DESIGN §1.4, §1.10).
///
/// `validation` is a fraction in (0, 0.5] of the examples or a count ≥ 1; the split and the
/// validation set depend on `dataSeed` only (nil: the run's seed), never on the run's seed
/// when `dataSeed` is given. The test files, when given, are never used in training or
/// validation.
public struct IDXTaskSpec: Sendable, Equatable {
  /// The images file.
  public var images: String
  /// The labels file.
  public var labels: String
  /// A fixed permutation of the pixels (drawn from `dataSeed`).
  public var permute = false
  /// The first `limit` examples of the training files only; nil is all.
  public var limit: Int? = nil
  /// The validation set: a fraction in (0, 0.5] or a count ≥ 1.
  public var validation = 0.1
  /// The seed of the split and the permutation; nil is the run's seed.
  public var dataSeed: UInt64? = nil
  /// The held-out test images, if any.
  public var testImages: String? = nil
  /// The held-out test labels (given exactly when `testImages` is).
  public var testLabels: String? = nil

  /// An idx task reading `images` and `labels`.
  public init(
    images: String, labels: String, permute: Bool = false, limit: Int? = nil, validation: Double = 0.1,
    dataSeed: UInt64? = nil, testImages: String? = nil, testLabels: String? = nil
  ) {
    self.images = images
    self.labels = labels
    self.permute = permute
    self.limit = limit
    self.validation = validation
    self.dataSeed = dataSeed
    self.testImages = testImages
    self.testLabels = testLabels
  }
}

/// The settings of the `csv` task (DESIGN §1.4, §1.10).
///
/// The split is by time: training rows first, then the last `validation` rows (a fraction in
/// (0, 0.5] or a count ≥ 1), so no validation target is ever a training input. `dataSeed` is
/// recorded for uniformity with `idx`; a time split draws nothing. `testPath`, when given, is
/// a second file with the same columns, standardised with the training rows' statistics.
public struct CSVTaskSpec: Sendable, Equatable {
  /// The file.
  public var path: String
  /// The columns forecast; nil is every numeric column.
  public var columns: [String]? = nil
  /// The input window.
  public var window = 50
  /// The validation rows at the end: a fraction in (0, 0.5] or a count ≥ 1.
  public var validation = 0.1
  /// The seed of the split; nil is the run's seed.
  public var dataSeed: UInt64? = nil
  /// The held-out test file, if any.
  public var testPath: String? = nil

  /// A csv task reading `path`.
  public init(
    path: String, columns: [String]? = nil, window: Int = 50, validation: Double = 0.1, dataSeed: UInt64? = nil,
    testPath: String? = nil
  ) {
    self.path = path
    self.columns = columns
    self.window = window
    self.validation = validation
    self.dataSeed = dataSeed
    self.testPath = testPath
  }
}
