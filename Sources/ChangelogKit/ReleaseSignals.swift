#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT, SIGTERM and SIGHUP during a release are recorded, not obeyed on arrival: the release
/// looks between its steps and rolls back, so a signal can never stop it halfway through a step
/// (a file half replaced, a reference half moved). SIGKILL cannot be caught; the journal covers it.
enum ReleaseSignals {
    /// The last signal received, 0 for none. A pointer allocated before any handler runs: the
    /// handler stores one integer and touches nothing else, which is all a handler may safely do.
    nonisolated(unsafe) private static let received: UnsafeMutablePointer<Int32> = {
        let flag = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        flag.initialize(to: 0)
        return flag
    }()

    static func install() {
        _ = received
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for number in [SIGINT, SIGTERM, SIGHUP] {
            // glibc's signal() has BSD semantics: the handler stays and interrupted calls restart.
            let previous = signal(number) { ReleaseSignals.received.pointee = $0 }
            // A signal the caller ignores (nohup's SIGHUP) stays ignored.
            if let previous, unsafeBitCast(previous, to: Int.self) == 1 /* SIG_IGN */ { _ = signal(number, SIG_IGN) }
            sigaddset(&unblocked, number)
        }
        // A parent may hand its blocked signals down (some process launchers do); they would then
        // never reach the handler and a kill would go unnoticed.
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// The signal received since `install()`, if any.
    static var pending: Int32? {
        let number = received.pointee
        return number == 0 ? nil : number
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
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
