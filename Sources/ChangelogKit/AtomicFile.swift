#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and replacing files so that a reader never sees half a file, a failure leaves the old one,
/// and what is not a regular file (a device, a FIFO, the terminal) is written as a shell redirection
/// would write it, never replaced.
public enum AtomicFile {
    /// No changelog, configuration, commit message or version file comes near this; a larger input is
    /// a wrong path (a disk image, /dev/zero) that would otherwise be read until memory runs out.
    public static let sizeLimit = 64 << 20

    /// The file's bytes, or nil when it does not exist. Any other failure, and a file larger than
    /// `limit`, is an error naming the path. A FIFO is read to its end, as shell process
    /// substitution (`<(…)`) needs.
    public static func read(_ path: String, limit: Int = sizeLimit) throws(ChangelogError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw ChangelogError("cannot read \(path): \(describe(errno)); check that it is a readable file")
        }
        defer { close(descriptor) }
        return try read(descriptor: descriptor, name: path, limit: limit)
    }

    /// Everything `descriptor` gives until its end, or an error naming `name` past `limit` bytes.
    public static func read(descriptor: Int32, name: String, limit: Int = sizeLimit) throws(ChangelogError) -> [UInt8] {
        var info = stat()
        let regular = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        if regular && Int(info.st_size) > limit { throw tooLarge(name, limit: limit) }
        var bytes: [UInt8] = []
        if regular { bytes.reserveCapacity(Int(info.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ChangelogError("cannot read \(name): \(describe(errno)); check that it is a readable file")
            }
            if count == 0 { break }
            if bytes.count + count > limit { throw tooLarge(name, limit: limit) }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    private static func tooLarge(_ name: String, limit: Int) -> ChangelogError {
        ChangelogError("cannot read \(name): it is larger than \(limit >> 20) MiB, "
            + "far more than any changelog, configuration or message; check the path")
    }

    /// Checks, before any work is done, that `path` can be written: an existing file must be
    /// writable, and the directory of a regular (or new) file must accept the lock file and the rename.
    public static func checkWritable(_ path: String) throws(ChangelogError) {
        switch try target(of: path) {
        case .descriptor:
            return
        case .through(let target):
            if access(target, W_OK) != 0 {
                throw ChangelogError("cannot write \(path): \(describe(errno)); make it writable or write elsewhere with -o")
            }
        case .file(let target):
            if access(target, F_OK) == 0 && access(target, W_OK) != 0 {
                throw ChangelogError("cannot write \(path): \(describe(errno)); make it writable (chmod u+w) or write elsewhere with -o")
            }
            let directory = directoryName(target)
            if access(directory, W_OK | X_OK) != 0 {
                throw ChangelogError("cannot write \(path): its directory \(directory) is not writable (\(describe(errno)))")
            }
        }
    }

    /// Whether `path` is, or will be, a regular file that a write replaces (so one that may hold a
    /// changelog to merge into); false for devices, FIFOs, sockets and this process's descriptors.
    public static func isReplaceable(_ path: String) throws(ChangelogError) -> Bool {
        if case .file = try target(of: path) { return true }
        return false
    }

    /// Whether `path` leads to an existing regular file, one that may hold a changelog to merge into.
    public static func holdsFile(_ path: String) throws(ChangelogError) -> Bool {
        guard case .file(let target) = try target(of: path) else { return false }
        return access(target, F_OK) == 0
    }

    /// Writes `bytes` to `path`. A regular file (or a new one) is replaced as `update` does;
    /// anything else is written through. `mode`, when given, sets the permissions; otherwise an
    /// existing file keeps its own. `locking`: take `<file>.lock` first (see `update`); without it
    /// the bytes are staged in a temporary file beside the target, for a file whose lock belongs to
    /// someone else (git's index). `removingStaleLock`: see `FileLock` (never for git's own files).
    public static func write(_ bytes: [UInt8], to path: String, mode newMode: mode_t? = nil, locking: Bool = false,
                             removingStaleLock: Bool = false) throws(ChangelogError) {
        _ = try update(path, mode: newMode, reading: false, locking: locking,
                       removingStaleLock: removingStaleLock) { _ throws(ChangelogError) in bytes }
    }

    /// What `update` did.
    public enum UpdateOutcome: Equatable {
        /// The new bytes were the file's own: nothing was written.
        case unchanged
        /// The file was replaced (or created).
        case replaced
        /// Not a regular file: the bytes were written through it.
        case wroteThrough
    }

    /// Replaces the regular file at `path` (following symbolic links, so a link stays a link and a
    /// dangling one gets its target created) with what `transform` makes of its current bytes (nil:
    /// no such file; also nil when `reading` is false).
    ///
    /// git's `<file>.lock` convention serialises concurrent runs: the lock is taken before the file is
    /// read, the new bytes go into the lock file, which is flushed and renamed over the file, so a
    /// reader sees all old or all new and no concurrent update is lost. A second run finds the lock
    /// and fails at once. SIGINT, SIGTERM and SIGHUP are held back for the whole window, so the lock
    /// file never outlives the process except after SIGKILL (see `FileLock` for how such a stale
    /// lock is then removed).
    ///
    /// What is not a regular file is never read nor replaced: `transform(nil)` is written through.
    @discardableResult
    public static func update(_ path: String, mode newMode: mode_t? = nil, reading: Bool = true, locking: Bool = true,
                              removingStaleLock: Bool = true,
                              _ transform: ([UInt8]?) throws(ChangelogError) -> [UInt8]) throws(ChangelogError) -> UpdateOutcome {
        let target: String
        switch try self.target(of: path) {
        case .descriptor(let descriptor):
            try writeAll(try transform(nil), to: descriptor, name: path)
            return .wroteThrough
        case .through(let through):
            try writeThrough(try transform(nil), to: through, name: path)
            return .wroteThrough
        case .file(let file):
            target = file
        }
        return try SignalDeferral.run { () throws(ChangelogError) -> UpdateOutcome in
            let lock = locking ? try FileLock.acquire(for: target, displayName: path, removingStale: removingStaleLock)
                : try FileLock.temporary(for: target, displayName: path)
            let bytes: [UInt8]
            let existing: [UInt8]?
            do throws(ChangelogError) {
                existing = reading ? try read(target) : nil
                bytes = try transform(existing)
            } catch {
                lock.release()
                throw error
            }
            if reading && existing == bytes {
                lock.release()
                return .unchanged
            }
            var info = stat()
            let existingMode: mode_t? = stat(target, &info) == 0 ? info.st_mode & 0o7777 : nil
            let mode = newMode ?? existingMode ?? (0o666 & ~currentUmask())
            var failure: ChangelogError?
            if let code = writeAll(bytes, to: lock.descriptor) {
                failure = ChangelogError("cannot write \(path): \(describe(code))")
            } else if fchmod(lock.descriptor, mode) != 0 {
                failure = ChangelogError("cannot set permissions on \(path): \(describe(errno))")
            } else if fsync(lock.descriptor) != 0 {
                failure = ChangelogError("cannot write \(path): \(describe(errno)) while flushing")
            }
            if let failure {
                lock.release()
                throw failure
            }
            try lock.commit(to: target, displayName: path)
            return .replaced
        }
    }

    /// Removes a file (`unlink`); one that is already gone is not an error.
    public static func remove(_ path: String) throws(ChangelogError) {
        if unlink(path) != 0 && errno != ENOENT {
            throw ChangelogError("cannot remove \(path): \(describe(errno))")
        }
    }

    // MARK: - Where a write goes

    enum Target: Equatable {
        /// A regular file, or none yet: replaced through its lock file. The path has its final
        /// symbolic links followed, as git follows them for its lock files.
        case file(String)
        /// A device, FIFO or socket: opened for writing and written, as `>` would.
        case through(String)
        /// One of this process's own descriptors (`/dev/stdout`, `/proc/self/fd/1`).
        case descriptor(Int32)
    }

    /// Follows the final symbolic links of `path` (not only to an existing file, unlike realpath(),
    /// so a dangling link leads to the file to create) and says how to write what it reaches.
    static func target(of path: String) throws(ChangelogError) -> Target {
        var current = path
        for _ in 0..<40 {
            if let descriptor = ownDescriptor(current) { return .descriptor(descriptor) }
            var info = stat()
            if lstat(current, &info) != 0 {
                if errno == ENOENT { return .file(current) }
                throw ChangelogError("cannot write \(path): \(describe(errno)); check the path")
            }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                // Another process's descriptor or a pipe's name ("pipe:[123]") is no path to create:
                // a link into /proc is written through, as the kernel resolves it.
                if current.hasPrefix("/proc/") {
                    guard stat(current, &info) == 0 else {
                        throw ChangelogError("cannot write \(path): \(describe(errno)); check the path")
                    }
                    return (info.st_mode & S_IFMT) == S_IFDIR ? try directory(path) : .through(current)
                }
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let length = readlink(current, &buffer, buffer.count - 1)
                guard length >= 0 else { throw ChangelogError("cannot write \(path): \(describe(errno)); check the path") }
                let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                let directory = directoryName(current)
                current = link.hasPrefix("/") || !current.contains("/") ? link : directory + "/" + link
            case S_IFREG:
                return .file(current)
            case S_IFDIR:
                return try directory(path)
            default:
                return .through(current)
            }
        }
        throw ChangelogError("cannot write \(path): \(describe(ELOOP)); check the path")
    }

    private static func directory(_ path: String) throws(ChangelogError) -> Target {
        throw ChangelogError("cannot write \(path): it is a directory; give the path of a file")
    }

    /// The descriptor `path` names when it is one of this process's own (and open).
    private static func ownDescriptor(_ path: String) -> Int32? {
        let number: Substring?
        switch path {
        case "/dev/stdout": number = "1"
        case "/dev/stderr": number = "2"
        default:
            let prefixes = ["/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", "/proc/\(getpid())/fd/"]
            number = prefixes.first { path.hasPrefix($0) }.map { path.dropFirst($0.count) }
        }
        guard let number, let descriptor = Int32(number), fcntl(descriptor, F_GETFL) >= 0 else { return nil }
        return descriptor
    }

    // MARK: - Writing through

    /// Opens `path` for writing without creating or replacing anything. A FIFO that nobody reads
    /// would block open() for ever: O_NONBLOCK makes that fail (ENXIO) instead, and a reader that is
    /// still starting gets a moment to open its end; the flag is cleared once open.
    private static func writeThrough(_ bytes: [UInt8], to path: String, name: String) throws(ChangelogError) {
        var info = stat()
        let kind = stat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
        var flags = O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC
        if kind == S_IFREG { flags |= O_TRUNC }
        var descriptor = open(path, flags)
        var waits = 0
        while descriptor < 0 && (errno == EINTR || (errno == ENXIO && kind == S_IFIFO && waits < 100)) {
            if errno == ENXIO {
                waits += 1
                var pause = timespec(tv_sec: 0, tv_nsec: 10_000_000)
                nanosleep(&pause, nil)
            }
            descriptor = open(path, flags)
        }
        if descriptor < 0 {
            if errno == ENXIO && kind == S_IFIFO {
                throw ChangelogError("cannot write \(name): it is a FIFO that nothing reads; start its reader first, or write to a file")
            }
            if errno == ENXIO && kind == S_IFSOCK {
                throw ChangelogError("cannot write \(name): it is a socket; write to a file or a FIFO")
            }
            throw ChangelogError("cannot write \(name): \(describe(errno))")
        }
        defer { close(descriptor) }
        let current = fcntl(descriptor, F_GETFL)
        if current >= 0 { _ = fcntl(descriptor, F_SETFL, current & ~O_NONBLOCK) }
        try writeAll(bytes, to: descriptor, name: name)
    }

    /// Writes everything to an open descriptor. A reader that went away makes the write fail with
    /// EPIPE rather than end the process with SIGPIPE.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, name: String) throws(ChangelogError) {
        if let code = withSIGPIPEBlocked({ writeAll(bytes, to: descriptor) }) {
            throw ChangelogError("cannot write \(name): \(describe(code))")
        }
    }

    /// Writes everything; the errno of a failure, else nil.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    private static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0)
        umask(mask)
        return mask
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
