import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starting a program (posix_spawnp) and waiting for it (waitpid).
public enum Spawn {
    /// How a child ended.
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)

        /// The WIFEXITED/WEXITSTATUS/WTERMSIG macros, which Swift does not import.
        init(status: Int32) {
            self = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
        }
    }

    /// posix_spawnp() with `stdin` (nil: this process's own), `stdout` and `stderr` dup2()ed onto
    /// 0, 1 and 2 and every descriptor in `closing` closed in the child (they are close-on-exec as
    /// well; closing them explicitly keeps that true even for a program started without exec
    /// semantics). The child's signal mask is emptied and SIGPIPE reset to its default, so neither
    /// this thread's blocked SIGPIPE nor an ignored one is inherited. The child stays in this
    /// process's session and process group.
    ///
    /// A bare `program` is looked up in PATH by posix_spawnp(), which searches the PATH of *this*
    /// process, not the one in `environment` (nil: inherit this process's).
    public static func start(
        _ program: String, arguments: [String], environment: [String: String]?,
        stdin: FileDescriptor?, stdout: FileDescriptor, stderr: FileDescriptor,
        closing: [FileDescriptor]
    ) throws(Errno) -> ProcessID {
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t? = nil
            var attributes: posix_spawnattr_t? = nil
        #else
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin { posix_spawn_file_actions_adddup2(&actions, stdin.rawValue, 0) }
        posix_spawn_file_actions_adddup2(&actions, stdout.rawValue, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.rawValue, 2)
        for descriptor in closing { posix_spawn_file_actions_addclose(&actions, descriptor.rawValue) }

        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = Signal.set([.pipe])
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { variables in
            variables.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { for pointer in envp ?? [] { free(pointer) } }

        var pid: pid_t = 0
        // posix_spawn returns its error rather than setting errno, and is never interrupted.
        let code: Int32
        if let envp {
            code = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        } else {
            code = posix_spawnp(&pid, program, &actions, &attributes, argv, CurrentProcess.environment)
        }
        guard code == 0 else { throw Errno(rawValue: code) }
        return ProcessID(rawValue: pid)
    }

    /// waitpid(2): how `process` ended, or nil when `blocking` is false and it is still running.
    public static func wait(for process: ProcessID, blocking: Bool) throws(Errno) -> Termination? {
        var status: Int32 = 0
        let reaped = try SystemCall.retrying { waitpid(process.rawValue, &status, blocking ? 0 : WNOHANG) }
        return reaped == process.rawValue ? Termination(status: status) : nil
    }
}
