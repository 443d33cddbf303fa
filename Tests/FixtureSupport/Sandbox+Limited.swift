import Foundation

extension Sandbox {
    /// Runs the `changelog` under test in the repository, killed after `limit` seconds: a hang makes
    /// the test fail instead of never ending. `stdoutFile` sends its stdout to that file, appending;
    /// `started` is called with the process id as soon as it runs.
    public func changelogLimited(
        _ arguments: [String], stdoutFile: String? = nil, limit: Double = 120,
        started: ((pid_t) -> Void)? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.changelogBinary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root + "/repo")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        var file: FileHandle?
        if let stdoutFile {
            file = FileHandle(forWritingAtPath: stdoutFile)
            file?.seekToEndOfFile()
            process.standardOutput = file
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        // The child inherits this thread's signal mask, and the test runner's threads block SIGINT,
        // SIGTERM and SIGHUP: unblocked while spawning, the child gets them as a shell would give them.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &signals, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
        try file?.close()
        let pid = process.processIdentifier
        started?(pid)
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: watchdog)
        let (outData, errData) = Self.readToEnd(stdoutFile == nil ? out : nil, err)
        process.waitUntilExit()
        watchdog.cancel()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: outData)
    }
}
