import Foundation
import Sessions
import Testing

/// A real one-node Slurm cluster from Debian's packages (munge, slurmctld, slurmd), started in
/// a private state directory on free ports, stopped by PID afterwards.
final class SlurmCluster: @unchecked Sendable {
  let directory: String
  let config: String
  /// Why the cluster is not up (nil when it is).
  private(set) var failure: String?
  private var pids: [Int32] = []

  /// The daemons' programs, from Debian's munge, slurmctld, slurmd and slurm-client.
  static let tools = ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/squeue"]

  /// Why no cluster can be started here (a program missing, not root), or nil.
  static var unavailable: String? {
    if let missing = tools.first(where: { !FileManager.default.isExecutableFile(atPath: $0) }) {
      return "\(missing) is not installed (Debian's munge, slurmctld, slurmd, slurm-client)"
    }
    return getuid() == 0 ? nil : "the Slurm daemons need root"
  }

  /// Starts the daemons; `failure` says why when they cannot start.
  init() {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("odernn-slurm-\(UUID().uuidString.prefix(8))").path
    config = "\(directory)/slurm.conf"
    do {
      try start()
    } catch {
      failure = "\(error)"
      stop()
    }
  }

  /// Runs a daemon's launcher to completion with posix_spawn and waitpid (Foundation's
  /// `Process` waits forever on a child that daemonises).
  private func run(_ tool: String, _ arguments: [String]) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
    var env = ProcessInfo.processInfo.environment
    env["SLURM_CONF"] = config
    let argv = ([tool] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    // The daemons start with no signal blocked and default handlers: a test runs on a worker
    // thread that blocks signals, and they would inherit that mask and ignore SIGTERM.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    var all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid = pid_t()
    let rc = posix_spawn(&pid, tool, &actions, &attributes, argv, envp)
    guard rc == 0 else { throw CLIError("cannot run \(tool): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    guard status == 0 else { throw CLIError("\(tool) exited with status \(status) (see \(directory))") }
  }

  private func pid(_ name: String) throws -> Int32 {
    let deadline = Date(timeIntervalSinceNow: 20)
    while Date() < deadline {
      if let text = try? String(contentsOfFile: "\(directory)/\(name).pid", encoding: .utf8),
        let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return pid
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw CLIError("\(name) wrote no PID file (see \(directory)/\(name).log)")
  }

  private func start() throws {
    let fm = FileManager.default
    for sub in ["state", "spool"] { try fm.createDirectory(atPath: "\(directory)/\(sub)", withIntermediateDirectories: true) }
    var key = [UInt8](repeating: 0, count: 1024)
    for i in key.indices { key[i] = UInt8.random(in: 0...255) }
    fm.createFile(atPath: "\(directory)/munge.key", contents: Data(key), attributes: [.posixPermissions: 0o600])
    let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
    let port = Int.random(in: 20_000...40_000)
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let d = directory
    let conf = """
      ClusterName=odernntest
      SlurmctldHost=\(host)
      AuthType=auth/munge
      AuthInfo=socket=\(d)/munge.sock
      CredType=cred/munge
      SlurmUser=root
      SlurmdUser=root
      SlurmctldPort=\(port)
      SlurmdPort=\(port + 1)
      StateSaveLocation=\(d)/state
      SlurmdSpoolDir=\(d)/spool
      SlurmctldPidFile=\(d)/slurmctld.pid
      SlurmdPidFile=\(d)/slurmd.pid
      SlurmctldLogFile=\(d)/slurmctld.log
      SlurmdLogFile=\(d)/slurmd.log
      ProctrackType=proctrack/linuxproc
      TaskPlugin=task/none
      MpiDefault=none
      ReturnToService=2
      SchedulerType=sched/builtin
      SelectType=select/cons_tres
      SelectTypeParameters=CR_CPU
      JobCompType=jobcomp/none
      AccountingStorageType=accounting_storage/none
      JobAcctGatherType=jobacct_gather/none
      NodeName=\(host) CPUs=\(cores) State=UNKNOWN
      PartitionName=debug Nodes=\(host) Default=YES MaxTime=INFINITE State=UP

      """
    try conf.write(toFile: config, atomically: true, encoding: .utf8)
    try run(
      "/usr/sbin/munged",
      ["-f", "--key-file=\(d)/munge.key", "--socket=\(d)/munge.sock", "--pid-file=\(d)/munged.pid", "--log-file=\(d)/munged.log", "--seed-file=\(d)/munged.seed"])
    pids.append(try pid("munged"))
    try run("/usr/sbin/slurmctld", [])
    pids.append(try pid("slurmctld"))
    try run("/usr/sbin/slurmd", [])
    pids.append(try pid("slurmd"))
  }

  /// Stops the daemons this cluster started (by PID) and removes its directory.
  func stop() {
    for pid in pids.reversed() { kill(pid, SIGTERM) }
    for pid in pids.reversed() {
      let deadline = Date(timeIntervalSinceNow: 10)
      while kill(pid, 0) == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    }
    pids = []
    try? FileManager.default.removeItem(atPath: directory)
  }
}

@Suite("CLI: sweeps on a real Slurm cluster", .serialized)
struct SlurmClusterTests {
  /// A 4-point sweep submitted with `--slurm --submit`: odernn writes the job array, Slurm runs
  /// it, odernn follows the session files until every point has ended; all four verify. Skipped,
  /// saying why, only where the daemons cannot exist; daemons that fail to start fail the test.
  @Test(.enabled(if: SlurmCluster.unavailable == nil, "no Slurm cluster here: \(SlurmCluster.unavailable ?? "")"))
  func aFourPointSweepRunsOnSlurm() throws {
    let cluster = SlurmCluster()
    defer { cluster.stop() }
    if let failure = cluster.failure {
      Issue.record("the Slurm daemons did not start: \(failure)")
      return
    }
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write("spec.json", SweepCLITests.spec.replacingOccurrences(of: "STEPS", with: "40"))
    let r = try CLI.shell("SLURM_CONF=\(cluster.config) \"$ODERNN\" sweep spec.json --out sw --slurm --submit --time 00:05:00", in: dir.url)
    #expect(r.status == 0, "\(r)")
    #expect(r.stdoutLines.contains { $0.hasPrefix("submitted job ") }, "\(r)")
    let files = SweepCLITests.sessions(dir)
    #expect(files.count == 4, "\(files)")
    for f in files {
      #expect(try Session.read(path: dir.path("sw/\(f)")).status == "finished")
      let v = try CLI.run(["replay", "sw/\(f)", "--verify", "--headless"], in: dir.url)
      #expect(v.status == 0, "\(f): \(v)")
    }
  }
}
