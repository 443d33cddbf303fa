import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The descriptor calls swift-system leaves out (fsync, fchmod, flock, fcntl flags) and typed
/// versions of the ones it has. Paths are passed to the kernel byte for byte, as given: FilePath
/// would normalise them (a trailing slash, `//`), which changes what some calls do.
extension FileDescriptor {
    /// open(2) with EINTR retried. `permissions` is required with `.create`.
    public static func open(
        _ path: String, _ access: AccessMode, options: OpenOptions = [],
        permissions: FilePermissions? = nil
    ) throws(Errno) -> FileDescriptor {
        try SystemCall.typed {
            try path.withCString { try FileDescriptor.open($0, access, options: options, permissions: permissions) }
        }
    }

    /// Closes and ignores a failure: every caller is done with the descriptor either way, and
    /// close() must not be retried (the number may already belong to another open file).
    public func closeQuietly() {
        try? close()
    }

    /// Up to `buffer.count` bytes; 0 at end of file. EAGAIN is thrown for a non-blocking descriptor.
    public func read(into buffer: inout [UInt8]) throws(Errno) -> Int {
        try SystemCall.typed { try buffer.withUnsafeMutableBytes { try read(into: $0) } }
    }

    /// As many of the `limit` bytes from `bytes[offset]` on as one write takes (for a non-blocking pipe).
    public func writeSome(_ bytes: [UInt8], from offset: Int, atMost limit: Int) throws(Errno) -> Int {
        let end = min(bytes.count, offset + limit)
        return try SystemCall.typed { try bytes.withUnsafeBytes { try write(UnsafeRawBufferPointer(rebasing: $0[offset..<end])) } }
    }

    /// All of `bytes` at the current position, however many writes it takes.
    public func writeEverything(_ bytes: [UInt8]) throws(Errno) {
        _ = try SystemCall.typed { try writeAll(bytes) }
    }

    /// All of `bytes` from `offset` on (pwrite), leaving the descriptor's position alone.
    public func writeEverything(_ bytes: [UInt8], atOffset offset: Int64) throws(Errno) {
        _ = try SystemCall.typed { try writeAll(toAbsoluteOffset: offset, bytes) }
    }

    /// Up to `count` bytes from `offset` on (pread).
    public func read(count: Int, atOffset offset: Int64) throws(Errno) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let read = try SystemCall.typed { try buffer.withUnsafeMutableBytes { try self.read(fromAbsoluteOffset: offset, into: $0) } }
        return Array(buffer[0..<read])
    }

    /// fstat(2).
    public func status() throws(Errno) -> Stat {
        try stat()
    }

    /// fsync(2): the bytes are on disk when it returns.
    public func synchronize() throws(Errno) {
        _ = try SystemCall.retrying { fsync(rawValue) }
    }

    /// fchmod(2).
    public func setPermissions(_ permissions: FilePermissions) throws(Errno) {
        _ = try SystemCall.retrying { fchmod(rawValue, permissions.rawValue) }
    }

    /// ftruncate(2).
    public func truncate(to size: Int64) throws(Errno) {
        try SystemCall.typed { try resize(to: size) }
    }

    /// Whether this descriptor is a terminal (isatty).
    public var isTerminal: Bool {
        isatty(rawValue) == 1
    }

    /// Whether this number names an open descriptor of this process (fcntl F_GETFL succeeds).
    public var isOpen: Bool {
        fcntl(rawValue, F_GETFL) >= 0
    }

    /// Sets or clears O_NONBLOCK.
    public func setNonBlocking(_ nonBlocking: Bool) throws(Errno) {
        let flags = try SystemCall.retrying { fcntl(rawValue, F_GETFL) }
        _ = try SystemCall.retrying { fcntl(rawValue, F_SETFL, nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK) }
    }

    /// Sets FD_CLOEXEC, for a descriptor made by a call that cannot ask for it (mkstemp).
    public func setCloseOnExec() throws(Errno) {
        _ = try SystemCall.retrying { fcntl(rawValue, F_SETFD, FD_CLOEXEC) }
    }

    /// A duplicate numbered 3 or above with FD_CLOEXEC (fcntl F_DUPFD_CLOEXEC), for an end that
    /// landed on 0, 1 or 2.
    public func duplicateAboveStandardStreams() throws(Errno) -> FileDescriptor {
        FileDescriptor(rawValue: try SystemCall.retrying { fcntl(rawValue, F_DUPFD_CLOEXEC, 3) })
    }

    /// flock(LOCK_EX | LOCK_NB): true when this descriptor now holds the lock, false when another
    /// holds it (EWOULDBLOCK); any other failure (a file system without flock) is thrown.
    public func tryLockExclusively() throws(Errno) -> Bool {
        do throws(Errno) {
            _ = try SystemCall.retrying { flock(rawValue, LOCK_EX | LOCK_NB) }
            return true
        } catch {
            if error == .wouldBlock { return false }
            throw error
        }
    }
}

extension FileDescriptor.OpenOptions {
    /// O_NOCTTY, which swift-system does not name: opening a terminal must not make it this
    /// process's controlling terminal.
    public static var noControllingTerminal: Self { Self(rawValue: O_NOCTTY) }
}
