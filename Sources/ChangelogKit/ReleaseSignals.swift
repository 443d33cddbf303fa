import Platform

/// SIGINT, SIGTERM and SIGHUP during a release are recorded, not obeyed on arrival: the release
/// looks between its steps and rolls back, so a signal can never stop it halfway through a step
/// (a file half replaced, a reference half moved). SIGKILL cannot be caught; the journal covers it.
enum ReleaseSignals {
    static func install() {
        SignalRecorder.install([.interrupt, .terminate, .hangup])
    }

    /// The signal received since `install()`, if any.
    static var pending: Int32? {
        SignalRecorder.last?.rawValue
    }

    /// Throws when a signal arrived, with `what` saying where that leaves the repository.
    static func checkpoint(_ what: String) throws(ChangelogError) {
        guard let number = pending else { return }
        throw interruption(number, what)
    }

    /// Interrupted processes exit 128 + the signal's number, as a shell reports them.
    static func interruption(_ number: Int32, _ what: String) -> ChangelogError {
        ChangelogError("interrupted by \(name(number)); \(what)", exitCode: 128 + number)
    }

    static func name(_ number: Int32) -> String {
        switch Signal(rawValue: number) {
        case .interrupt: "SIGINT"
        case .terminate: "SIGTERM"
        case .hangup: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
