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
    case .idx: .idx(images: "", labels: "", permute: false, limit: nil)
    case .csv: .csv(path: "", columns: nil, window: 50)
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
    get { if case .idx(let i, _, _, _) = self { i } else { "" } }
    set { if case .idx(_, let l, let p, let n) = self { self = .idx(images: newValue, labels: l, permute: p, limit: n) } }
  }

  /// idx: the labels file.
  public var labels: String {
    get { if case .idx(_, let l, _, _) = self { l } else { "" } }
    set { if case .idx(let i, _, let p, let n) = self { self = .idx(images: i, labels: newValue, permute: p, limit: n) } }
  }

  /// idx: a fixed permutation of the pixels.
  public var permute: Bool {
    get { if case .idx(_, _, let p, _) = self { p } else { false } }
    set { if case .idx(let i, let l, _, let n) = self { self = .idx(images: i, labels: l, permute: newValue, limit: n) } }
  }

  /// idx: the first `limit` examples only; nil is all.
  public var limit: Int? {
    get { if case .idx(_, _, _, let n) = self { n } else { nil } }
    set { if case .idx(let i, let l, let p, _) = self { self = .idx(images: i, labels: l, permute: p, limit: newValue) } }
  }

  /// csv: the file.
  public var path: String {
    get { if case .csv(let p, _, _) = self { p } else { "" } }
    set { if case .csv(_, let c, let w) = self { self = .csv(path: newValue, columns: c, window: w) } }
  }

  /// csv: the columns forecast; nil is every numeric column.
  public var columns: [String]? {
    get { if case .csv(_, let c, _) = self { c } else { nil } }
    set { if case .csv(let p, _, let w) = self { self = .csv(path: p, columns: newValue, window: w) } }
  }

  /// csv: the input window.
  public var window: Int {
    get { if case .csv(_, _, let w) = self { w } else { 0 } }
    set { if case .csv(let p, let c, _) = self { self = .csv(path: p, columns: c, window: newValue) } }
  }
}
