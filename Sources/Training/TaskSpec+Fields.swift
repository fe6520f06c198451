/// The tasks of DESIGN §1.4, as configs name them (`"task": {"name": "copy"}`).
public enum TaskKind: String, Sendable, CaseIterable {
  case adding, copy, sine, idx, csv
}

/// The task's settings as named properties, so that the config schema can address each one by
/// a key path (`\.task.delay`) although a task is an enum with associated values.
///
/// Invariant: a property is meaningful only for the kinds that have it (`delay`: copy). On
/// other kinds the getter returns a neutral value (0, "", false, nil) and the setter does
/// nothing; the schema never touches a property where its condition says it does not apply.
extension TaskSpec {
  /// A task of `kind` with DESIGN §1.4's defaults; idx and csv paths are empty (they are
  /// required keys, so a config always gives them).
  public static func standard(_ kind: TaskKind) -> TaskSpec {
    switch kind {
    case .adding: .adding(length: 100)
    case .copy: .copy(delay: 100, symbols: 8, length: 10)
    case .sine: .sine(length: 100, components: 3, noise: 0.05)
    case .idx: .idx(IDXTaskSpec(images: "", labels: ""))
    case .csv: .csv(CSVTaskSpec(path: ""))
    }
  }

  /// The kind. Setting another kind replaces the task by that kind's `standard` settings;
  /// setting the same kind keeps them.
  public var kind: TaskKind {
    get {
      switch self {
      case .adding: .adding
      case .copy: .copy
      case .sine: .sine
      case .idx: .idx
      case .csv: .csv
      }
    }
    set { if newValue != kind { self = .standard(newValue) } }
  }

  /// adding and sine: the sequence length T; copy: how many symbols are copied.
  public var length: Int {
    get {
      switch self {
      case .adding(let n), .copy(_, _, let n), .sine(let n, _, _): n
      default: 0
      }
    }
    set {
      switch self {
      case .adding: self = .adding(length: newValue)
      case .copy(let d, let s, _): self = .copy(delay: d, symbols: s, length: newValue)
      case .sine(_, let k, let noise): self = .sine(length: newValue, components: k, noise: noise)
      default: break
      }
    }
  }

  /// copy: the steps between the symbols and the delimiter.
  public var delay: Int {
    get { if case .copy(let d, _, _) = self { d } else { 0 } }
    set { if case .copy(_, let s, let l) = self { self = .copy(delay: newValue, symbols: s, length: l) } }
  }

  /// copy: the alphabet's size.
  public var symbols: Int {
    get { if case .copy(_, let s, _) = self { s } else { 0 } }
    set { if case .copy(let d, _, let l) = self { self = .copy(delay: d, symbols: newValue, length: l) } }
  }

  /// sine: the sinusoids summed per sequence.
  public var components: Int {
    get { if case .sine(_, let k, _) = self { k } else { 0 } }
    set { if case .sine(let n, _, let noise) = self { self = .sine(length: n, components: newValue, noise: noise) } }
  }

  /// sine: the noise's standard deviation.
  public var noise: Double {
    get { if case .sine(_, _, let noise) = self { noise } else { 0 } }
    set { if case .sine(let n, let k, _) = self { self = .sine(length: n, components: k, noise: newValue) } }
  }

  /// idx: the images file.
  public var images: String {
    get { idxSpec?.images ?? "" }
    set { updateIDX { $0.images = newValue } }
  }

  /// idx: the labels file.
  public var labels: String {
    get { idxSpec?.labels ?? "" }
    set { updateIDX { $0.labels = newValue } }
  }

  /// idx: a fixed permutation of the pixels.
  public var permute: Bool {
    get { idxSpec?.permute ?? false }
    set { updateIDX { $0.permute = newValue } }
  }

  /// idx: the first `limit` examples only; nil is all.
  public var limit: Int? {
    get { idxSpec?.limit }
    set { updateIDX { $0.limit = newValue } }
  }

  /// csv: the file.
  public var path: String {
    get { csvSpec?.path ?? "" }
    set { updateCSV { $0.path = newValue } }
  }

  /// csv: the columns forecast; nil is every numeric column.
  public var columns: [String]? {
    get { csvSpec?.columns }
    set { updateCSV { $0.columns = newValue } }
  }

  /// csv: the input window.
  public var window: Int {
    get { csvSpec?.window ?? 0 }
    set { updateCSV { $0.window = newValue } }
  }

  /// idx's settings, when it is the idx task.
  public var idxSpec: IDXTaskSpec? {
    if case .idx(let s) = self { s } else { nil }
  }

  /// csv's settings, when it is the csv task.
  public var csvSpec: CSVTaskSpec? {
    if case .csv(let s) = self { s } else { nil }
  }

  /// Changes idx's settings; nothing on other tasks.
  mutating func updateIDX(_ change: (inout IDXTaskSpec) -> Void) {
    if case .idx(var s) = self {
      change(&s)
      self = .idx(s)
    }
  }

  /// Changes csv's settings; nothing on other tasks.
  mutating func updateCSV(_ change: (inout CSVTaskSpec) -> Void) {
    if case .csv(var s) = self {
      change(&s)
      self = .csv(s)
    }
  }
}
