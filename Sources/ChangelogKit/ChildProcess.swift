import Platform
import SystemPackage

/// Runs an external program to completion the way git's `pipe_command` does: the input is fed on
/// stdin while stdout and stderr are collected, all three through one poll() loop so that no pipe
/// can fill up and stall the other side.
///
/// The child shares this process's session, process group and controlling terminal on purpose:
/// gpg's pinentry and ssh-keygen's passphrase prompt open /dev/tty themselves, and a child moved to
/// its own process group would be stopped (SIGTTIN) the moment it read from the terminal. For the
/// same reason only the child itself is killed on a timeout, never a process group.
///
/// The system calls are `Platform`'s (`Spawn`, `Pipes`, `Poll`); this type keeps the policy. It is
/// not built on swiftlang/swift-subprocess 1.0.2, which was weighed for it, because that would
/// change what the signing tests pin down:
/// - a bare program name is looked up in the PATH of the child's environment (tried: `.name("sh")`
///   with PATH=/nonexistent is not found), where git and this type look in this process's PATH, so
///   `gpg.program` could name another binary;
/// - its input is written from tasks on the cooperative thread pool and it leaves SIGPIPE alone, so a
///   gpg that exits without reading the tag kills this process (tried: 4 MiB fed through
///   `run(…, input: .array(…))` to `sh -c 'head -c 10'` ended the caller with SIGPIPE, exit 141;
///   `aChildThatStopsReadingDoesNotKillUs` pins this). Ignoring SIGPIPE process-wide would also
///   change how `changelog … | head` ends; here it is blocked in the one writing thread
///   (`SignalHold.withPipeSignalBlocked`);
/// - a timeout is a task cancellation that ends `run` with an error; its collected-output forms then
///   drop what the child wrote so far, which `Failure.timedOut` keeps because it often names the
///   passphrase prompt gpg was waiting on, so both streams would have to be read by hand anyway;
/// - it is async only: this synchronous tool would have to block a thread on a semaphore until a
///   task finishes, a bridge that deadlocks when it is ever reached from the cooperative pool;
/// - it has no retry for ETXTBSY (see `spawn`).
/// What it does offer (posix_spawn with an emptied signal mask, the shared session, a
/// SIGTERM-then-SIGKILL teardown) is what `Spawn.start` and `terminate` already do.
public struct ChildProcess: Sendable {
    /// A bare name is looked up in PATH by posix_spawnp(). glibc searches the PATH of *this*
    /// process, not the one in `environment`, as git's own lookup does.
    public var program: String
    /// The arguments after argv[0], which is always `program`.
    public var arguments: [String]
    /// The child's whole environment; nil inherits this process's (`environ`).
    public var environment: [String: String]?
    /// After this many seconds the child is sent SIGTERM, then SIGKILL a second later, and
    /// `run` throws `Failure.timedOut`. `.infinity` waits for ever.
    public var timeoutSeconds: Double

    public init(
        _ program: String, arguments: [String] = [], environment: [String: String]? = nil,
        timeoutSeconds: Double = 60
    ) {
        self.program = program
        self.arguments = arguments
        self.environment = environment
        self.timeoutSeconds = timeoutSeconds
    }

    public struct Result: Sendable, Equatable {
        public enum Termination: Sendable, Equatable, CustomStringConvertible {
            case exited(Int32)
            case signaled(Int32)

            public var description: String {
                switch self {
                case .exited(let status): return "exit status \(status)"
                case .signaled(let signal): return "killed by signal \(signal) (\(Signal(rawValue: signal)))"
                }
            }
        }

        public var termination: Termination
        public var stdout: [UInt8]
        public var stderr: [UInt8]
        /// False when the child closed its stdin before reading all of the input: a program that
        /// exits 0 without having seen the whole payload has not processed it.
        public var consumedInput: Bool

        public var succeeded: Bool { termination == .exited(0) }
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// posix_spawnp() said ENOENT: no such program in PATH, no such file, or a missing
        /// `#!` interpreter.
        case notFound(program: String)
        /// posix_spawnp() failed otherwise, e.g. EACCES for a file that is not executable.
        case cannotStart(program: String, errno: Int32)
        /// The child ran past `timeoutSeconds` and was killed; what it wrote so far is kept,
        /// since it often says what the program was waiting for.
        case timedOut(program: String, seconds: Double, stdout: [UInt8], stderr: [UInt8])
        /// A pipe or wait call failed in this process (EMFILE and the like).
        case io(program: String, operation: String, errno: Int32)

        public var description: String {
            switch self {
            case .notFound(let program):
                return "cannot run \(program): not found"
            case .cannotStart(let program, let code):
                return "cannot run \(program): \(Errno(rawValue: code))"
            case .timedOut(let program, let seconds, _, _):
                return "\(program) did not finish within \(ChildProcess.formatSeconds(seconds)) and was stopped"
            case .io(let program, let operation, let code):
                return "running \(program) failed: \(operation): \(Errno(rawValue: code))"
            }
        }
    }

    /// Starts the program, feeds it `input`, and waits until it exits and both output pipes are
    /// at end of file.
    ///
    /// - Parameter input: the bytes for the child's stdin, which is closed after them. nil lets the
    ///   child read this process's own stdin, as git does for ssh-keygen.
    public func run(input: [UInt8]?) throws(Failure) -> Result {
        var descriptors = Descriptors()
        defer { descriptors.closeAll() }
        let stdinPipe = try input.map { _ throws(Failure) in try makePipe(&descriptors) }
        let stdoutPipe = try makePipe(&descriptors)
        let stderrPipe = try makePipe(&descriptors)

        let pid = try spawn(
            stdin: stdinPipe?.read, stdout: stdoutPipe.write, stderr: stderrPipe.write,
            closing: descriptors.open)
        // The child has its own copies now; ours would keep the pipes from ever reaching EOF.
        if let stdinPipe { descriptors.close(stdinPipe.read) }
        descriptors.close(stdoutPipe.write)
        descriptors.close(stderrPipe.write)

        return try SignalHold.withPipeSignalBlocked { () throws(Failure) -> Result in
            try exchange(
                pid: pid, input: input ?? [], stdin: stdinPipe?.write, stdout: stdoutPipe.read,
                stderr: stderrPipe.read, descriptors: &descriptors)
        }
    }

    // MARK: - Starting

    /// `Spawn.start`, retried on ETXTBSY: the program was just written and another process forked
    /// meanwhile still holds it open for writing (a script made by a build step or a test). The
    /// window is short, but on a loaded machine the other child can take a second to reach its
    /// exec: retries that back off to 2.5 s in all get past it where a user would otherwise see a
    /// baffling failure.
    private func spawn(
        stdin: FileDescriptor?, stdout: FileDescriptor, stderr: FileDescriptor,
        closing: [FileDescriptor]
    ) throws(Failure) -> ProcessID {
        var failure = Errno.textFileBusy
        for attempt in 0..<8 {
            do throws(Errno) {
                return try Spawn.start(
                    program, arguments: arguments, environment: environment,
                    stdin: stdin, stdout: stdout, stderr: stderr, closing: closing)
            } catch {
                failure = error
                guard error == .textFileBusy else { break }
                SystemClock.pause(seconds: Double(10_000 << attempt) / 1_000_000)
            }
        }
        if failure == .noSuchFileOrDirectory { throw .notFound(program: program) }
        throw .cannotStart(program: program, errno: failure.rawValue)
    }

    private func makePipe(_ descriptors: inout Descriptors) throws(Failure) -> (read: FileDescriptor, write: FileDescriptor) {
        do throws(Errno) {
            let ends = try Pipes.make()
            descriptors.open.append(contentsOf: [ends.read, ends.write])
            return ends
        } catch {
            throw .io(program: program, operation: "pipe2", errno: error.rawValue)
        }
    }

    // MARK: - Talking to the child

    private func exchange(
        pid: ProcessID, input: [UInt8], stdin: FileDescriptor?, stdout: FileDescriptor,
        stderr: FileDescriptor, descriptors: inout Descriptors
    ) throws(Failure) -> Result {
        let deadline = timeoutSeconds.isFinite ? SystemClock.monotonicSeconds() + timeoutSeconds : .infinity
        var stdinFD = stdin
        var outFD: FileDescriptor? = stdout, errFD: FileDescriptor? = stderr
        var output: [UInt8] = [], errors: [UInt8] = []
        var written = 0
        var consumedInput = true
        for descriptor in [stdinFD, outFD, errFD].compactMap({ $0 }) { try? descriptor.setNonBlocking(true) }
        if let open = stdinFD, input.isEmpty {
            descriptors.close(open)
            stdinFD = nil
        }
        var buffer = [UInt8](repeating: 0, count: 65_536)

        func fail(_ operation: String, _ code: Errno) -> Failure {
            descriptors.closeAll()
            Self.terminate(pid)
            return .io(program: program, operation: operation, errno: code.rawValue)
        }

        while stdinFD != nil || outFD != nil || errFD != nil {
            if SystemClock.monotonicSeconds() >= deadline {
                descriptors.closeAll()
                Self.terminate(pid)
                throw .timedOut(program: program, seconds: timeoutSeconds, stdout: output, stderr: errors)
            }
            var polled: [(FileDescriptor, Poll.Interest)] = []
            if let stdinFD { polled.append((stdinFD, .writable)) }
            if let outFD { polled.append((outFD, .readable)) }
            if let errFD { polled.append((errFD, .readable)) }
            let events: [Poll.Readiness]
            do throws(Errno) {
                events = try Poll.wait(polled, until: deadline)
            } catch {
                throw fail("poll", error)
            }
            for event in events {
                if event.descriptor == stdinFD {
                    if event.hungUp {
                        // POLLERR/POLLHUP: the child closed its stdin.
                        consumedInput = false
                        descriptors.close(event.descriptor)
                        stdinFD = nil
                        continue
                    }
                    do throws(Errno) {
                        written += try event.descriptor.writeSome(input, from: written, atMost: 65_536)
                    } catch {
                        if error == .wouldBlock { continue }
                        if error != .brokenPipe { throw fail("write", error) }
                        consumedInput = false
                        descriptors.close(event.descriptor)
                        stdinFD = nil
                        continue
                    }
                    if written == input.count {
                        descriptors.close(event.descriptor)
                        stdinFD = nil
                    }
                } else {
                    let isOutput = event.descriptor == outFD
                    let count: Int
                    do throws(Errno) {
                        count = try event.descriptor.read(into: &buffer)
                    } catch {
                        if error == .wouldBlock { continue }
                        throw fail("read", error)
                    }
                    if count == 0 {
                        descriptors.close(event.descriptor)
                        if isOutput { outFD = nil } else { errFD = nil }
                    } else if isOutput {
                        output.append(contentsOf: buffer[0..<count])
                    } else {
                        errors.append(contentsOf: buffer[0..<count])
                    }
                }
            }
        }

        // Both outputs are at EOF; the child has normally exited too, but one that closed them and
        // went on running is still held to the deadline.
        var pause = 0.001
        while true {
            let ended: Spawn.Termination?
            do throws(Errno) {
                ended = try Spawn.wait(for: pid, blocking: false)
            } catch {
                throw fail("waitpid", error)
            }
            if let ended {
                return Result(termination: Self.termination(ended), stdout: output, stderr: errors, consumedInput: consumedInput)
            }
            let remaining = deadline - SystemClock.monotonicSeconds()
            if remaining <= 0 {
                Self.terminate(pid)
                throw .timedOut(program: program, seconds: timeoutSeconds, stdout: output, stderr: errors)
            }
            SystemClock.pause(seconds: min(pause, remaining))
            pause = min(pause * 2, 0.05)
        }
    }

    /// SIGTERM, a second's grace for the child to clean up (gpg removes its lock files), then
    /// SIGKILL; either way it is reaped so no zombie is left behind.
    private static func terminate(_ pid: ProcessID) {
        Signal.terminate.send(to: pid)
        let grace = SystemClock.monotonicSeconds() + 1
        while SystemClock.monotonicSeconds() < grace {
            // Reaped, or not ours to reap any more (ECHILD).
            guard (try? Spawn.wait(for: pid, blocking: false)) == .some(nil) else { return }
            SystemClock.pause(seconds: 0.01)
        }
        Signal.kill.send(to: pid)
        _ = try? Spawn.wait(for: pid, blocking: true)
    }

    private static func termination(_ ended: Spawn.Termination) -> Result.Termination {
        switch ended {
        case .exited(let status): return .exited(status)
        case .signaled(let signal): return .signaled(signal)
        }
    }

    static func formatSeconds(_ seconds: Double) -> String {
        let number = seconds == seconds.rounded() && seconds < 1e15 ? String(Int64(seconds)) : String(seconds)
        return number + (seconds == 1 ? " second" : " seconds")
    }
}

/// The pipe descriptors this process still holds, so every exit path closes each exactly once.
private struct Descriptors {
    var open: [FileDescriptor] = []

    mutating func close(_ descriptor: FileDescriptor) {
        guard let index = open.firstIndex(of: descriptor) else { return }
        open.remove(at: index)
        descriptor.closeQuietly()
    }

    mutating func closeAll() {
        for descriptor in open { descriptor.closeQuietly() }
        open.removeAll()
    }
}
