import Linalg

extension TaskSpec {
  /// The task this spec describes; file tasks read and validate their files here (errors
  /// name the file and what is wrong). File tasks draw their split and permutation from `rng`.
  public func makeTask(using rng: inout Xoshiro256) throws(ConfigError) -> any SequenceTask {
    switch self {
    case .adding(let length): AddingTask(length: length)
    case .copy(let delay, let symbols, let length): CopyTask(delay: delay, symbols: symbols, length: length)
    case .sine(let length, let components, let noise): SineTask(length: length, components: components, noise: noise)
    case .idx(let images, let labels, let permute, let limit):
      try IDXTask(images: images, labels: labels, permute: permute, limit: limit, using: &rng)
    case .csv(let path, let columns, let window): try CSVTask(path: path, columns: columns, window: window)
    }
  }
}
