import Platform

/// SIGINT, SIGTERM and SIGHUP during a release are recorded, not obeyed on arrival: the release
/// looks between its steps and rolls back, so a signal can never stop it halfway through a step
/// (a file half replaced, a reference half moved). SIGKILL cannot be caught; the journal covers it.
enum ReleaseSignals {
    private static let signals: [Signal] = [.interrupt, .terminate, .hangup]

    static func install() {
        SignalRecorder.install(signals)
    }

    /// The signal received since `install()`, if any: one of the release's own, so a signal some
    /// other part of the process records is not taken for a user's interruption.
    static var pending: Int32? {
        guard let last = SignalRecorder.last, signals.contains(last) else { return nil }
        return last.rawValue
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
