import FileFormats
import Foundation
import Testing

/// An optional cross-check: an independent reader written with Python's `struct`, `json` and
/// numpy decodes what `SafeTensors.encode()` wrote. Skipped where python3 or numpy is missing;
/// every other test passes with Swift alone.
@Suite("safetensors cross-check with numpy (optional)")
struct NumpyCrossCheckTests {
  /// The path of a python3 that can import numpy, or nil.
  static let python: String? = {
    let candidates =
      ["/usr/bin/python3", "/usr/local/bin/python3"]
      + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
    for path in candidates where FileManager.default.isExecutableFile(atPath: path) {
      if (try? run(path, ["-c", "import numpy"]))?.status == 0 { return path }
    }
    return nil
  }()

  static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static let reader = """
    import json, struct, sys
    import numpy as np
    raw = open(sys.argv[1], "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        kind = {"F32": "<f4", "F64": "<f8"}[info["dtype"]]
        values = np.frombuffer(data[begin:end], dtype=kind).reshape(info["shape"])
        flat = ",".join(repr(float(v)) for v in values.reshape(-1))
        print(name, info["dtype"], ",".join(str(d) for d in info["shape"]), flat, sep="|")
    """

  @Test("numpy reads back what encode wrote", .enabled(if: python != nil))
  func numpyReadsEncodedFile() throws {
    let directory = try ScratchDirectory()
    defer { directory.cleanUp() }
    let file = SafeTensors(
      tensors: [
        "cell.W0": try Tensor([0.5, -0.25, 1e-3, 7] as [Float], shape: [2, 2]),
        "readout.bias": try Tensor([0.1, -1e-300, 12345.678] as [Double], shape: [3]),
        "scalar": try Tensor([42] as [Float], shape: []),
      ], metadata: ["format": "odernn"])
    let url = directory.file("x.safetensors")
    try file.write(to: url)
    let script = directory.file("read.py")
    try Data(Self.reader.utf8).write(to: script)
    let python = try #require(Self.python)
    let result = try Self.run(python, [script.path, url.path])
    #expect(result.status == 0)
    let lines = result.output.split(separator: "\n").map(String.init).sorted()
    #expect(lines.count == 3)
    for line in lines {
      let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 4, let tensor = file.tensors[parts[0]] else {
        Issue.record("unexpected line \(line)")
        continue
      }
      #expect(parts[1] == tensor.dtype.rawValue)
      #expect(parts[2] == tensor.shape.map(String.init).joined(separator: ","))
      #expect(parts[3].split(separator: ",").compactMap { Double($0) } == tensor.asDoubles())
    }
  }
}
