#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Records signals instead of obeying them: the caller looks at `last` when it can stop cleanly.
public enum SignalRecorder {
    /// The last signal received, 0 for none. A pointer allocated before any handler runs: the
    /// handler stores one integer and touches nothing else, which is all a handler may safely do.
    nonisolated(unsafe) private static let received: UnsafeMutablePointer<Int32> = {
        let flag = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        flag.initialize(to: 0)
        return flag
    }()

    /// Installs the recording handler for `signals`, except those the caller ignores (nohup's
    /// SIGHUP), which stay ignored, and unblocks them: a parent may hand its blocked signals down
    /// (some process launchers do); they would then never reach the handler.
    public static func install(_ signals: [Signal]) {
        _ = received
        for number in signals.map(\.rawValue) {
            // signal() has BSD semantics on glibc and Darwin: the handler stays and interrupted calls restart.
            let previous = signal(number) { SignalRecorder.received.pointee = $0 }
            // 1 is SIG_IGN, which Swift cannot compare as a function pointer.
            if let previous, unsafeBitCast(previous, to: Int.self) == 1 { _ = signal(number, SIG_IGN) }
        }
        var unblocked = Signal.set(signals)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// The signal received since `install`, if any.
    public static var last: Signal? {
        let number = received.pointee
        return number == 0 ? nil : Signal(rawValue: number)
    }
}
