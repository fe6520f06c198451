// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "odernn",
  products: [
    .executable(name: "odernn", targets: ["odernn"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
  ],
  targets: [
    // MARK: System libraries
    // Headers only: BLASRuntime dlopen()s OpenBLAS after choosing its kernels (DESIGN §1.1),
    // so pkgConfig (which would link libopenblas at load time) is deliberately not used here.
    .systemLibrary(
      name: "CBLAS",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
    ),
    .systemLibrary(
      name: "CNCurses",
      pkgConfig: "ncursesw",
      providers: [.apt(["libncurses-dev"])]
    ),
    .target(name: "BLASRuntime", dependencies: ["CBLAS"], linkerSettings: [.linkedLibrary("dl")]),

    // MARK: Numerics
    .target(
      name: "Linalg",
      dependencies: [
        "BLASRuntime",
        .product(name: "ComplexModule", package: "swift-numerics"),
        .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),
    .target(name: "CKernels"),
    .target(
      name: "Autodiff",
      dependencies: ["Linalg", "CKernels", .product(name: "RealModule", package: "swift-numerics")]
    ),
    .target(
      name: "Optim",
      dependencies: ["Linalg", .product(name: "RealModule", package: "swift-numerics")]
    ),

    .target(
      name: "Tableaux",
      dependencies: [
        .product(name: "RealModule", package: "swift-numerics"),
        .product(name: "ComplexModule", package: "swift-numerics"),
      ]
    ),
    .target(name: "JSON", dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]),
    .target(
      name: "FileFormats",
      dependencies: ["JSON", .product(name: "OrderedCollections", package: "swift-collections")]
    ),
    .target(name: "ODECells", dependencies: ["Tableaux", "Autodiff", "Linalg", "CKernels"]),
    .target(
      name: "Training",
      dependencies: [
        "ODECells", "Tableaux", "Autodiff", "Optim", "Linalg", "FileFormats", "JSON",
        .product(name: "DequeModule", package: "swift-collections"),
        .product(name: "OrderedCollections", package: "swift-collections"),
      ]
    ),

    .target(name: "Sessions", dependencies: ["Training", "ODECells", "JSON", "Linalg", "Optim"]),

    .target(
      name: "TerminalGrid",
      dependencies: [
        .product(name: "ComplexModule", package: "swift-numerics"),
        .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),
    .target(name: "WorkbenchUI", dependencies: ["TerminalGrid", "Training", "ODECells", "Tableaux", "Linalg", "Experiments"]),
    .target(name: "TerminalNCurses", dependencies: ["TerminalGrid", "CNCurses"]),
    .target(
      name: "WorkbenchRuntime",
      dependencies: ["WorkbenchUI", "TerminalGrid", "Training", "Sessions", "Linalg", "JSON", "FileFormats", "Experiments"]
    ),
    .target(
      name: "Experiments",
      dependencies: [
        "Training", "ODECells", "Tableaux", "Autodiff", "Linalg", "JSON",
        .product(name: "OrderedCollections", package: "swift-collections"),
      ]
    ),
    .target(
      name: "Bench",
      dependencies: [
        "Training", "ODECells", "Tableaux", "Linalg", "WorkbenchUI", "WorkbenchRuntime", "TerminalGrid",
        .product(name: "ComplexModule", package: "swift-numerics"),
      ]
    ),

    // MARK: Executable
    .executableTarget(
      name: "odernn",
      dependencies: [
        "Linalg", "Autodiff", "Optim", "Tableaux", "ODECells", "Training", "Sessions", "JSON",
        "FileFormats", "Bench", "Experiments", "WorkbenchRuntime", "WorkbenchUI", "TerminalNCurses", "TerminalGrid",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: Tests
    .testTarget(name: "LinalgTests", dependencies: ["Linalg"]),
    .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "Linalg"]),
    .testTarget(name: "OptimTests", dependencies: ["Optim", "Linalg"]),
    .testTarget(
      name: "TableauxTests",
      dependencies: [
        "Tableaux", .product(name: "RealModule", package: "swift-numerics"),
        .product(name: "ComplexModule", package: "swift-numerics"),
      ]
    ),
    .testTarget(
      name: "JSONTests",
      dependencies: ["JSON", .product(name: "OrderedCollections", package: "swift-collections")]
    ),
    .testTarget(
      name: "FileFormatsTests",
      dependencies: ["FileFormats", "JSON", .product(name: "OrderedCollections", package: "swift-collections")]
    ),
    .testTarget(
      name: "TerminalGridTests",
      dependencies: ["TerminalGrid", .product(name: "ComplexModule", package: "swift-numerics")]
    ),
    .testTarget(
      name: "WorkbenchUITests",
      dependencies: ["WorkbenchUI", "WorkbenchRuntime", "TerminalGrid", "Training", "ODECells", "Linalg", "JSON", "Experiments"],
      exclude: ["__Snapshots__"]
    ),
    .testTarget(name: "TerminalNCursesTests", dependencies: ["TerminalNCurses", "TerminalGrid", "CNCurses"]),
    .testTarget(name: "EndToEndTests"),
    .testTarget(name: "ExampleSessionsTests", dependencies: ["Sessions", "Training"]),
    .testTarget(name: "ODECellsTests", dependencies: ["ODECells", "Tableaux", "Autodiff", "Linalg"]),
    .testTarget(
      name: "TrainingTests",
      dependencies: ["Training", "ODECells", "Tableaux", "Autodiff", "Linalg", "Optim", "FileFormats", "JSON"]
    ),
    .testTarget(name: "SessionsTests", dependencies: ["Sessions", "Training", "Tableaux", "ODECells", "Linalg", "Optim", "JSON"]),
    .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "ODECells", "Tableaux", "Linalg", "JSON"]),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "Sessions", "Training", "ODECells", "Autodiff", "FileFormats", "Linalg", "JSON",
        .product(name: "OrderedCollections", package: "swift-collections"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
