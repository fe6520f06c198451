import Training

/// A session file's events are exactly what a run produces.
public typealias SessionEvent = RunEvent
