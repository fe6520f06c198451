import Tableaux

extension ButcherTableau {
  /// Forward Euler, the default integrator of a cell (the catalog's first entry).
  public static var euler: ButcherTableau { catalog[0] }
}
