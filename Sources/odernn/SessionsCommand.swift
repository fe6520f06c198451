import ArgumentParser
import Foundation
import Sessions

/// `odernn sessions list`: the sessions in ./sessions.
struct SessionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sessions", abstract: "Browse saved sessions.", subcommands: [List.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The sessions in ./sessions, oldest first.")

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() throws {
      let folder = "sessions"
      var isFolder: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
      if exists && !isFolder.boolValue { throw CommandSupport.bad("./\(folder) is not a folder") }
      let names: [String]
      do {
        names = exists ? try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".session") }.sorted() : []
      } catch {
        throw CommandSupport.bad("cannot list ./\(folder): \(error.localizedDescription)")
      }
      var rows: [SessionSummary] = []
      for name in names {
        do {
          rows.append(try SessionTail.summary(path: "\(folder)/\(name)", file: name))
        } catch {
          printError("odernn: skipping \(error)")
        }
      }
      if json {
        CommandSupport.printJSON(.array(rows.map(\.json)))
        return
      }
      if rows.isEmpty {
        StandardOutput.line("no sessions in ./\(folder)")
        return
      }
      StandardOutput.line("file".padding(toLength: 44, withPad: " ", startingAt: 0) + " tableau            t  task     steps   final loss   status")
      for r in rows {
        let loss = r.finalLoss.map { String(format: "%.5g", $0) } ?? "-"
        StandardOutput.line(
          r.file.padding(toLength: 44, withPad: " ", startingAt: 0) + " "
            + r.tableau.padding(toLength: 18, withPad: " ", startingAt: 0) + " "
            + (r.derivativeOrder.map(String.init) ?? "-") + "  "
            + r.task.padding(toLength: 8, withPad: " ", startingAt: 0) + " "
            + String(r.steps).padding(toLength: 7, withPad: " ", startingAt: 0) + " "
            + loss.padding(toLength: 12, withPad: " ", startingAt: 0) + " " + r.status)
      }
    }
  }
}
