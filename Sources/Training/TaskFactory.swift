import Linalg

extension TaskSpec {
  /// The task this spec describes; file tasks read and validate their files here (errors
  /// name the file and what is wrong) and draw their split and permutation from `dataSeed`
  /// (DESIGN §1.10). Nothing here draws from the run's generator, so the run's draws
  /// (parameters, validation set, batches) are those of the seed alone.
  public func makeTask(dataSeed: UInt64) throws(ConfigError) -> any SequenceTask {
    switch self {
    case .adding(let length): AddingTask(length: length)
    case .copy(let delay, let symbols, let length): CopyTask(delay: delay, symbols: symbols, length: length)
    case .sine(let length, let components, let noise): SineTask(length: length, components: components, noise: noise)
    case .idx(let spec): try IDXTask(spec, dataSeed: dataSeed)
    case .csv(let spec): try CSVTask(spec)
    }
  }
}
