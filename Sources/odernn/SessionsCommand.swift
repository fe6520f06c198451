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
      // Columns as wide as their longest entry: a name is never cut (it is what `replay` and
      // `export` take).
      let losses = rows.map { r in r.finalLoss.map { String(format: "%.5g", $0) } ?? "-" }
      let table: [[String]] =
        [["file", "tableau", "t", "task", "steps", "final loss", "status"]]
        + zip(rows, losses).map { r, loss in
          [r.file, r.tableau, r.derivativeOrder.map(String.init) ?? "-", r.task, String(r.steps), loss, r.status]
        }
      let widths = (0..<7).map { c in table.map { $0[c].count }.max() ?? 0 }
      for line in table {
        StandardOutput.line(
          zip(line, widths).enumerated().map { c, cell in
            c == 6 ? cell.0 : cell.0.padding(toLength: cell.1, withPad: " ", startingAt: 0)
          }.joined(separator: "  "))
      }
    }
  }
}
