#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Holds signals back while `body` runs, so one that arrives lands after it, never in the middle.
///
/// Blocking the signals in this thread (pthread_sigmask) is not enough: a signal sent to the process
/// goes to any thread that does not block it, and its default action ends the whole process. So for
/// the window a handler that only records the signal replaces the current disposition; afterwards the
/// old disposition is restored and a recorded signal is raised again, and it then acts as it would
/// have (ends the process, or runs whatever handler was installed). An ignored signal stays ignored.
public enum SignalHold {
    public static func run<T, E: Error>(_ signals: [Signal], _ body: () throws(E) -> T) throws(E) -> T {
        var held = Signal.set(signals)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &held, &previousMask)
        var previousActions: [(Int32, sigaction)] = []
        for signal in signals.map(\.rawValue) {
            var current = sigaction()
            sigaction(signal, nil, &current)
            if isIgnored(current) { continue }
            var recording = sigaction()
            setHandler(&recording)
            recording.sa_mask = held
            recording.sa_flags = SA_RESTART
            var old = sigaction()
            sigaction(signal, &recording, &old)
            previousActions.append((signal, old))
        }
        defer {
            for (signal, old) in previousActions {
                var old = old
                sigaction(signal, &old, nil)
            }
            // Caught in another thread while the handler was in place: raised again in this one,
            // where it stays pending until the mask below is restored.
            let caught = caughtSignal
            caughtSignal = 0
            if caught != 0 { raise(caught) }
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        }
        return try body()
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
            return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == 1  // SIG_IGN
        #else
            return unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self) == 1
        #endif
    }

    private static func setHandler(_ action: inout sigaction) {
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = recordSignal
        #else
            action.__sigaction_u.__sa_handler = recordSignal
        #endif
    }

    /// Writing to a pipe whose reader has gone raises SIGPIPE, which would kill this whole
    /// process. Rather than ignoring SIGPIPE for the process — which would also change how
    /// `changelog … | head` ends — it is blocked for this thread only while `body` runs, so the
    /// write fails with EPIPE instead; a SIGPIPE left pending is taken back before the mask is
    /// restored. SIGPIPE from a pipe write is sent to the writing thread, so no other thread sees it.
    public static func withPipeSignalBlocked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        var pipeSignal = Signal.set([.pipe])
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        if sigismember(&previous, SIGPIPE) == 1 { return try body() }
        defer {
            var pending = sigset_t()
            if sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1 {
                takePendingPipeSignal(&pipeSignal)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return try body()
    }

    /// sigtimedwait() with a zero timeout on Linux; Darwin has no sigtimedwait, but sigwait()
    /// returns at once for a signal known to be pending.
    private static func takePendingPipeSignal(_ set: inout sigset_t) {
        #if canImport(Glibc)
            var immediately = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&set, nil, &immediately)
        #else
            var taken: Int32 = 0
            _ = sigwait(&set, &taken)
        #endif
    }
}

/// The signal caught during a hold (0: none). Written only by the signal handler and read after
/// the handler is gone; a word-sized store is what a handler may do.
nonisolated(unsafe) private var caughtSignal: Int32 = 0

private func recordSignal(_ signal: Int32) {
    caughtSignal = signal
}
