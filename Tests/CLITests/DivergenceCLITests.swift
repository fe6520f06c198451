import Foundation
import JSON
import Sessions
import Testing

/// A diverging run says so once, with one step number everywhere: stderr, the `diverged`
/// event, the JSON summary; non-finite values are `nan`/`inf`, never C's `-nan`.
@Suite("CLI: divergence")
struct DivergenceCLITests {
  @Test func oneStepNumberAndNoMinusNan() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    try dir.write(
      "div.json",
      #"{"cell":{"hiddenSize":8,"activation":"identity","stepSize":1},"task":{"name":"adding","length":20},"optimizer":{"name":"sgd","learningRate":1000000,"momentum":0},"batchSize":8,"steps":1000}"#)
    let r = try CLI.run(["train", "--config", "div.json", "--out", "d.session", "--json"], in: dir.url)
    #expect(r.status == 0, "\(r)")
    let session = try Session.read(path: dir.path("d.session"))
    let diverged = try #require(session.events.compactMap { e -> (Int, String)? in
      if case .diverged(let s, let reason) = e.event { return (s, reason) }
      return nil
    }.first)
    #expect(diverged.0 == session.metrics.last?.step)
    #expect(diverged.1 == "loss is nan at step \(diverged.0)")
    let last = try #require(r.stdoutLines.last)
    let summary = try #require(try json(last)["summary"])
    #expect(summary["steps"] == .number(Double(diverged.0)) && summary["status"] == "diverged")
    #expect(r.stderrLines.first == "odernn: training diverged: loss is nan at step \(diverged.0)", "\(r)")
    #expect(r.stderrLines.count == 2 && r.stderrLines[1].hasPrefix("odernn: diverged after \(diverged.0) steps, loss nan,"), "\(r)")
    #expect(!r.stderr.hasPrefix("\n") && !r.stderr.contains("-nan"), "\(r)")
  }
}
