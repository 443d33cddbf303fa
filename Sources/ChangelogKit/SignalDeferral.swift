#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Holds back SIGINT, SIGTERM and SIGHUP while a file is being replaced, so that an interrupt lands
/// after the rename or after the cleanup, never between them: no lock or temporary file outlives the
/// process except after SIGKILL.
///
/// Blocking the signals in this thread (pthread_sigmask) is not enough: a signal sent to the process
/// goes to any thread that does not block it, and its default action ends the whole process. So for
/// the window a handler that only records the signal replaces the current disposition; afterwards the
/// old disposition is restored and a recorded signal is raised again, and it then acts as it would
/// have (ends the process, or runs whatever handler was installed, such as a release's rollback).
enum SignalDeferral {
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    static func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        var held = sigset_t()
        sigemptyset(&held)
        for signal in signals { sigaddset(&held, signal) }
        var previousMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &held, &previousMask)
        var previousActions: [(Int32, sigaction)] = []
        for signal in signals {
            var current = sigaction()
            sigaction(signal, nil, &current)
            // An ignored signal stays ignored: there is nothing to hold back.
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
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == 1 // SIG_IGN
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
}

/// The signal caught during a deferral (0: none). Written only by the signal handler and read after
/// the handler is gone; a word-sized store is what a handler may do.
nonisolated(unsafe) private var caughtSignal: Int32 = 0

private func recordSignal(_ signal: Int32) {
    caughtSignal = signal
}
