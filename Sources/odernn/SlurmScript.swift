import FileFormats
import Foundation
import JSON
import Sessions

/// `sweep --slurm`: `DIR/sweep.sbatch`, a Slurm job array with one task per point, each running
/// `odernn sweep SPEC --out DIR --index $SLURM_ARRAY_TASK_ID`; with `--submit`, `sbatch` it and
/// follow the points from their session files until every one has ended. The scheduler is
/// Slurm's; odernn only writes the script and reads the sessions.
struct SlurmScript {
  let folder: SweepFolder
  let specPath: String
  let partition: String?
  let time: String?
  let cpusPerTask: Int?

  init(folder: SweepFolder, specPath: String, partition: String?, time: String?, cpusPerTask: Int?) throws {
    if let time, time.range(of: #"^([0-9]+-)?[0-9]{1,2}:[0-9]{2}:[0-9]{2}$"#, options: .regularExpression) == nil {
      throw CommandSupport.bad("--time \(time): expected HH:MM:SS (or D-HH:MM:SS)")
    }
    self.folder = folder
    self.specPath = specPath
    self.partition = partition
    self.time = time
    self.cpusPerTask = cpusPerTask
  }

  var path: String { folder.full("sweep.sbatch") }

  /// `'text'` for sh, with embedded quotes escaped.
  static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }

  var text: String {
    let absolute = { (p: String) in URL(fileURLWithPath: p).standardizedFileURL.path }
    var lines = [
      "#!/bin/sh",
      "#SBATCH --job-name=odernn-sweep",
      "#SBATCH --array=0-\(folder.spec.points.count - 1)",
      "#SBATCH --output=\(absolute(folder.path))/slurm-%A_%a.out",
    ]
    if let partition { lines.append("#SBATCH --partition=\(partition)") }
    if let time { lines.append("#SBATCH --time=\(time)") }
    lines.append("#SBATCH --cpus-per-task=\(cpusPerTask ?? 1)")
    lines += [
      "exec \(Self.quoted(SweepRunner.executable)) sweep \(Self.quoted(absolute(specPath))) --out \(Self.quoted(absolute(folder.path))) --index \"$SLURM_ARRAY_TASK_ID\"",
      "",
    ]
    return lines.joined(separator: "\n")
  }

  func write() throws {
    do {
      try FileIO.writeAtomically(Array(text.utf8), to: URL(fileURLWithPath: path))
    } catch {
      throw CommandSupport.bad("\(error)")
    }
  }

  /// Runs `sbatch --parsable`, prints the job id, then polls the points' sessions every second
  /// until each has finished or diverged (or `squeue` no longer lists the job).
  func submitAndFollow(json: Bool) throws {
    let submitted = try Self.run("sbatch", ["--parsable", path])
    guard submitted.status == 0, let job = submitted.output.split(separator: "\n").first.map({ String($0.split(separator: ";")[0]) }) else {
      throw CommandSupport.bad("sbatch failed: \(submitted.output.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
    StandardOutput.line(json ? JSON.object(["job": .string(job)]).serialized(.spaced) : "submitted job \(job)")
    var reported: [Int: String] = [:]
    while true {
      var ended = 0
      for p in folder.spec.points {
        let status = folder.summary(p)?.status ?? "waiting"
        if status == "finished" || status == "diverged" { ended += 1 }
        if reported[p.index] != status {
          reported[p.index] = status
          let line = json ? JSON.object(["index": .number(Double(p.index)), "status": .string(status)]).serialized(.spaced) : "point \(folder.number(p.index)): \(status)"
          StandardOutput.line(line)
        }
      }
      if ended == folder.spec.points.count { return }
      let queue = try Self.run("squeue", ["--noheader", "--jobs", job])
      if queue.status == 0 && queue.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        // The job left the queue: one last look, then report the points that did not end.
        let left = folder.spec.points.filter { (folder.summary($0)?.status ?? "") != "finished" && folder.summary($0)?.status != "diverged" }
        if left.isEmpty { return }
        throw CommandFailure(description: "job \(job) ended with \(left.count) point(s) unfinished; run the sweep again to resume them", exitCode: 2)
      }
      Thread.sleep(forTimeInterval: 1)
    }
  }

  /// Runs a Slurm client; its combined output.
  static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { throw CommandSupport.bad("cannot run \(tool): \(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
