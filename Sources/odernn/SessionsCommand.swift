import ArgumentParser
import Experiments
import Foundation
import JSON
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
      // `TextTable`'s columns are as wide as their longest entry: a name is never cut (it is
      // what `replay` and `export` take).
      let table = TextTable(
        columns: ["file", "tableau", "t", "task", "steps", "final loss", "status"],
        rows: rows.map { r in
          [
            .string(r.file), .string(r.tableau), r.derivativeOrder.map { .number(Double($0)) } ?? .null, .string(r.task),
            .number(Double(r.steps)), r.finalLoss.map { .number($0) } ?? .null, .string(r.status),
          ]
        })
      StandardOutput.line(table.text)
    }
  }
}
