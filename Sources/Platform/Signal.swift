#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A signal number, with the few signals the tool sends, holds back or records.
public struct Signal: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let interrupt = Signal(rawValue: SIGINT)
    public static let terminate = Signal(rawValue: SIGTERM)
    public static let hangup = Signal(rawValue: SIGHUP)
    public static let kill = Signal(rawValue: SIGKILL)
    public static let stop = Signal(rawValue: SIGSTOP)
    public static let pipe = Signal(rawValue: SIGPIPE)
    public static let user1 = Signal(rawValue: SIGUSR1)

    /// strsignal(3): "Terminated", "Killed", ….
    public var description: String {
        strsignal(rawValue).map { String(cString: $0) } ?? "signal \(rawValue)"
    }

    /// raise(3): to this thread, as the kernel would deliver it.
    public func raise() {
        _ = systemRaise(rawValue)
    }

    /// kill(2) to one process (never a group).
    public func send(to process: ProcessID) {
        _ = systemKill(process.rawValue, rawValue)
    }

    /// A signal set holding `signals`.
    static func set(_ signals: [Signal]) -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal.rawValue) }
        return set
    }
}

private func systemRaise(_ signal: Int32) -> Int32 { raise(signal) }
private func systemKill(_ process: pid_t, _ signal: Int32) -> Int32 { kill(process, signal) }
