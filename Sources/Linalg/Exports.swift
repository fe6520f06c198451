// Linalg's public API speaks in swift-numerics' types (`Real`, `Complex<Double>`).
@_exported import ComplexModule
@_exported import RealModule
