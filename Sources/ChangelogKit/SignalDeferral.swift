import Platform

/// Holds back SIGINT, SIGTERM and SIGHUP while a file is being replaced, so that an interrupt lands
/// after the rename or after the cleanup, never between them: no lock or temporary file outlives the
/// process except after SIGKILL. A signal held back then acts as it would have (ends the process,
/// or runs whatever handler was installed, such as a release's rollback); see `SignalHold`.
enum SignalDeferral {
    static let signals: [Signal] = [.interrupt, .terminate, .hangup]

    static func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try SignalHold.run(signals, body)
    }
}
