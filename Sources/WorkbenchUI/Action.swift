/// What a key means: the workbench's vocabulary. `update` is a switch over these; keys map
/// to them through `Keymap` (data, not code).
public enum Action: String, Sendable, CaseIterable {
  case toggleRun, singleStep, reset, help, back, quit, save, cycleFocus
  case togglePane1, togglePane2, togglePane3, togglePane4
  case toggleLogY, toggleSmoothing, toggleEigenView, toggleComposePane, editTableau
  case learningRateUp, learningRateDown
  case moveUp, moveDown, decrease, increase, select, typeValue
  case openSessions, openCompose, openTrain
  case replayBack, replayForward, replayFirst, replayLast, replayPlay, replayFaster, replaySlower
  case toggleOverlay, openReplay, cycleSort, reverseSort, filterSessions, compareConfigs
  case addStage, removeStage
  case cursorLeft, cursorRight, cursorFirst, cursorLast
  case writeConfig, exportSession, deleteSession, composeSession, cycleMetric, compareSpectra, resumeSession
  case openExperiments, runExperiment, stopExperiment, toggleQuick, cycleExperimentView, pageUp, pageDown
  case diagnoseSession
}
