import Experiments
import Foundation
import WorkbenchRuntime
import WorkbenchUI

/// The workbench's Experiments screen runs the same experiments as `odernn experiment`, with
/// the same folders (`NAME-STAMP` under the Sessions folder's `experiments/`) and the same
/// `report.json`; progress goes to the screen instead of stderr.
enum WorkbenchExperiments {
  static let service = ExperimentService(
    catalog: ExperimentCatalog.all.map { ExperimentInfo(name: $0.name, claim: $0.claim) },
    folder: { name, quick, root in
      if let last = ExperimentService.resumableFolder(name, quick: quick, under: root) { return (last, true) }
      return ("\(root)/\(ExperimentContext.folderName(name))", false)
    },
    run: { name, quick, folder, progress, cancelled in
      guard let entry = ExperimentCatalog.all.first(where: { $0.name == name }) else {
        return .failure(ExperimentError("no experiment \"\(name)\""))
      }
      var context = ExperimentContext(
        quick: quick, out: folder, jobs: ProcessInfo.processInfo.activeProcessorCount, log: { _ in })
      context.progress = progress
      context.cancelled = cancelled
      do {
        return .success(try entry.run(context))
      } catch {
        return .failure(ExperimentError("\(error)".replacingOccurrences(of: "odernn: ", with: "")))
      }
    })
}
