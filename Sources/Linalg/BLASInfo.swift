import BLASRuntime
import RealModule

/// The BLAS/LAPACK runtime: which OpenBLAS kernels are in use and how many threads.
///
/// OpenBLAS is loaded on first use, after `OPENBLAS_CORETYPE` is chosen from the CPU's
/// features (AVX-512F → SkylakeX, AVX2+FMA → Haswell) unless the user set it.
public enum BLAS {
  /// Why the libraries could not be loaded.
  public struct LoadError: Error, CustomStringConvertible {
    /// One line naming the missing library or symbol.
    public let description: String
  }

  /// Loads OpenBLAS and LAPACKE (once); throws a one-line error when they are missing.
  public static func load() throws(LoadError) {
    if odernn_blas_load() != 0 {
      throw LoadError(description: String(cString: odernn_blas_error()))
    }
  }

  /// `openblas_get_corename()`: the kernels OpenBLAS uses, e.g. `SkylakeX`.
  public static var coreName: String { String(cString: odernn_blas_core_name()) }

  /// What odernn set `OPENBLAS_CORETYPE` to before loading: a core name, `"user"` when the
  /// variable was already set, or `""` when it left the choice to OpenBLAS.
  public static var chosenCore: String {
    _ = odernn_blas_load()
    return String(cString: odernn_blas_chosen_core())
  }

  /// The number of BLAS threads (1 unless changed: odernn's matrices are small).
  public static var threads: Int {
    get { Int(odernn_blas_threads()) }
    set { odernn_blas_set_threads(Int32(max(1, newValue))) }
  }
}
