#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an external program to completion the way git's `pipe_command` does: the input is fed on
/// stdin while stdout and stderr are collected, all three through one poll() loop so that no pipe
/// can fill up and stall the other side.
///
/// The child shares this process's session, process group and controlling terminal on purpose:
/// gpg's pinentry and ssh-keygen's passphrase prompt open /dev/tty themselves, and a child moved to
/// its own process group would be stopped (SIGTTIN) the moment it read from the terminal. For the
/// same reason only the child itself is killed on a timeout, never a process group.
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

    public init(_ program: String, arguments: [String] = [], environment: [String: String]? = nil,
                timeoutSeconds: Double = 60) {
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
                case .signaled(let signal): return "killed by signal \(signal) (\(String(cString: strsignal(signal))))"
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
                return "cannot run \(program): \(String(cString: strerror(code)))"
            case .timedOut(let program, let seconds, _, _):
                return "\(program) did not finish within \(ChildProcess.formatSeconds(seconds)) and was stopped"
            case .io(let program, let operation, let code):
                return "running \(program) failed: \(operation): \(String(cString: strerror(code)))"
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

        let pid = try spawn(stdin: stdinPipe?.read, stdout: stdoutPipe.write, stderr: stderrPipe.write,
                            closing: descriptors.open)
        // The child has its own copies now; ours would keep the pipes from ever reaching EOF.
        if let stdinPipe { descriptors.close(stdinPipe.read) }
        descriptors.close(stdoutPipe.write)
        descriptors.close(stderrPipe.write)

        return try withSIGPIPEBlocked { () throws(Failure) -> Result in
            try exchange(pid: pid, input: input ?? [], stdin: stdinPipe?.write, stdout: stdoutPipe.read,
                         stderr: stderrPipe.read, descriptors: &descriptors)
        }
    }

    // MARK: - Starting

    /// posix_spawnp() with the pipe ends dup2()ed onto 0, 1 and 2 and every pipe descriptor closed
    /// in the child (they are O_CLOEXEC as well; closing them explicitly keeps that true even for a
    /// program started without exec semantics). The child's signal mask is emptied and SIGPIPE reset
    /// to its default, so neither this thread's blocked SIGPIPE nor an ignored one is inherited.
    private func spawn(stdin: Int32?, stdout: Int32, stderr: Int32, closing: [Int32]) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin { posix_spawn_file_actions_adddup2(&actions, stdin, 0) }
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        for descriptor in closing { posix_spawn_file_actions_addclose(&actions, descriptor) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { variables in
            variables.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { envp?.forEach { free($0) } }

        var pid: pid_t = 0
        var code: Int32 = 0
        // ETXTBSY: the program was just written and another process forked meanwhile still holds
        // it open for writing (a script made by a build step or a test). The window is short, but
        // on a loaded machine the other child can take a second to reach its exec: retries that
        // back off to 2.5 s in all get past it where a user would otherwise see a baffling failure.
        for attempt in 0..<8 {
            if let envp {
                code = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
            } else {
                code = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
            }
            guard code == ETXTBSY else { break }
            usleep(useconds_t(10_000 << attempt))
        }
        switch code {
        case 0: return pid
        case ENOENT: throw .notFound(program: program)
        default: throw .cannotStart(program: program, errno: code)
        }
    }

    /// pipe2(O_CLOEXEC), so no other child started meanwhile inherits an end. An end that lands on
    /// 0, 1 or 2 (this process started with one of them closed) is moved higher with
    /// fcntl(F_DUPFD_CLOEXEC): dup2() onto itself would keep FD_CLOEXEC and the later close in the
    /// child would undo it.
    private func makePipe(_ descriptors: inout Descriptors) throws(Failure) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard systemPipe2(&ends, O_CLOEXEC) == 0 else { throw .io(program: program, operation: "pipe2", errno: errno) }
        descriptors.open.append(contentsOf: ends)
        for index in 0..<2 where ends[index] <= 2 {
            let moved = fcntl(ends[index], F_DUPFD_CLOEXEC, 3)
            guard moved >= 0 else { throw .io(program: program, operation: "fcntl", errno: errno) }
            descriptors.close(ends[index])
            descriptors.open.append(moved)
            ends[index] = moved
        }
        return (ends[0], ends[1])
    }

    // MARK: - Talking to the child

    private func exchange(pid: pid_t, input: [UInt8], stdin: Int32?, stdout: Int32, stderr: Int32,
                          descriptors: inout Descriptors) throws(Failure) -> Result {
        let deadline = timeoutSeconds.isFinite ? Self.now() + timeoutSeconds : .infinity
        var stdinFD: Int32 = stdin ?? -1
        var outFD = stdout, errFD = stderr
        var output: [UInt8] = [], errors: [UInt8] = []
        var written = 0
        var consumedInput = true
        for descriptor in [stdinFD, outFD, errFD] where descriptor >= 0 {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        if stdinFD >= 0 && input.isEmpty {
            descriptors.close(stdinFD)
            stdinFD = -1
        }
        var buffer = [UInt8](repeating: 0, count: 65_536)

        func fail(_ operation: String, _ code: Int32) -> Failure {
            descriptors.closeAll()
            Self.terminate(pid)
            return .io(program: program, operation: operation, errno: code)
        }

        while stdinFD >= 0 || outFD >= 0 || errFD >= 0 {
            let remaining = deadline - Self.now()
            if remaining <= 0 {
                descriptors.closeAll()
                Self.terminate(pid)
                throw .timedOut(program: program, seconds: timeoutSeconds, stdout: output, stderr: errors)
            }
            var polled: [pollfd] = []
            if stdinFD >= 0 { polled.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            if outFD >= 0 { polled.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
            if errFD >= 0 { polled.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&polled, nfds_t(polled.count), Self.pollTimeout(remaining))
            if ready < 0 {
                if errno == EINTR { continue }
                throw fail("poll", errno)
            }
            for entry in polled where entry.revents != 0 {
                if entry.fd == stdinFD {
                    if entry.revents & Int16(POLLOUT) == 0 {
                        // POLLERR/POLLHUP: the child closed its stdin.
                        consumedInput = false
                        descriptors.close(stdinFD)
                        stdinFD = -1
                        continue
                    }
                    let count = input.withUnsafeBytes { bytes in
                        write(stdinFD, bytes.baseAddress! + written, min(bytes.count - written, 65_536))
                    }
                    if count < 0 {
                        if errno == EAGAIN || errno == EINTR { continue }
                        if errno != EPIPE { throw fail("write", errno) }
                        consumedInput = false
                        descriptors.close(stdinFD)
                        stdinFD = -1
                        continue
                    }
                    written += count
                    if written == input.count {
                        descriptors.close(stdinFD)
                        stdinFD = -1
                    }
                } else {
                    let isOutput = entry.fd == outFD
                    let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                    if count < 0 {
                        if errno == EAGAIN || errno == EINTR { continue }
                        throw fail("read", errno)
                    }
                    if count == 0 {
                        descriptors.close(entry.fd)
                        if isOutput { outFD = -1 } else { errFD = -1 }
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
        var status: Int32 = 0
        var pause = 1
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 {
                if errno == EINTR { continue }
                throw fail("waitpid", errno)
            }
            let remaining = deadline - Self.now()
            if remaining <= 0 {
                Self.terminate(pid)
                throw .timedOut(program: program, seconds: timeoutSeconds, stdout: output, stderr: errors)
            }
            _ = poll(nil, 0, min(Int32(pause), Self.pollTimeout(remaining)))
            pause = min(pause * 2, 50)
        }
        return Result(termination: Self.termination(status), stdout: output, stderr: errors, consumedInput: consumedInput)
    }

    /// kill(SIGTERM), a second's grace for the child to clean up (gpg removes its lock files), then
    /// kill(SIGKILL); either way it is reaped with waitpid() so no zombie is left behind.
    private static func terminate(_ pid: pid_t) {
        kill(pid, SIGTERM)
        let grace = now() + 1
        var status: Int32 = 0
        while now() < grace {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { return }
            _ = poll(nil, 0, 10)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// The WIFEXITED/WEXITSTATUS/WTERMSIG macros, which Swift does not import.
    private static func termination(_ status: Int32) -> Result.Termination {
        status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
    }

    /// clock_gettime(CLOCK_MONOTONIC), so a change of the wall clock cannot stretch or cut a timeout.
    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }

    private static func pollTimeout(_ seconds: Double) -> Int32 {
        guard seconds.isFinite else { return -1 }
        return Int32(min((seconds * 1000).rounded(.up), Double(Int32.max)))
    }

    static func formatSeconds(_ seconds: Double) -> String {
        let number = seconds == seconds.rounded() && seconds < 1e15 ? String(Int64(seconds)) : String(seconds)
        return number + (seconds == 1 ? " second" : " seconds")
    }
}

/// Writing to a pipe whose reader has gone (gpg exits early on a bad key without reading its
/// input) raises SIGPIPE, which would kill this whole process. Rather than ignoring SIGPIPE for
/// the process — which would also change how `changelog … | head` ends — it is blocked for this
/// thread only (pthread_sigmask()) while the child is fed, so the write fails with EPIPE instead;
/// a SIGPIPE left pending is taken back with sigtimedwait() before the mask is restored. SIGPIPE
/// from a pipe write is sent to the writing thread, so no other thread sees it.
func withSIGPIPEBlocked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
    if sigismember(&previous, SIGPIPE) == 1 { return try body() }
    defer {
        var pending = sigset_t()
        if sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1 {
            var immediately = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&pipeSignal, nil, &immediately)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
    return try body()
}

/// pipe2(), which Glibc's Swift module leaves out because glibc declares it only under _GNU_SOURCE;
/// the plain pipe() plus fcntl(FD_CLOEXEC) would leave a window in which another thread's child
/// inherits the descriptors.
@_silgen_name("pipe2")
private func systemPipe2(_ descriptors: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

/// The pipe descriptors this process still holds, so every exit path closes each exactly once.
private struct Descriptors {
    var open: [Int32] = []

    mutating func close(_ descriptor: Int32) {
        guard let index = open.firstIndex(of: descriptor) else { return }
        open.remove(at: index)
        _ = Glibc.close(descriptor)
    }

    mutating func closeAll() {
        for descriptor in open { _ = Glibc.close(descriptor) }
        open.removeAll()
    }
}
