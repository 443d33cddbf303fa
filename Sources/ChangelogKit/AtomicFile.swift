import Platform
import SystemPackage

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
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(path, .readOnly, options: .closeOnExec)
        } catch {
            if error == .noSuchFileOrDirectory { return nil }
            throw ChangelogError("cannot read \(path): \(describe(error)); check that it is a readable file")
        }
        defer { descriptor.closeQuietly() }
        return try read(descriptor: descriptor.rawValue, name: path, limit: limit)
    }

    /// Everything `descriptor` gives until its end, or an error naming `name` past `limit` bytes.
    public static func read(descriptor: Int32, name: String, limit: Int = sizeLimit) throws(ChangelogError) -> [UInt8] {
        let file = FileDescriptor(rawValue: descriptor)
        let info = try? file.status()
        let regular = info?.type == .regular
        let size = Int(info?.size ?? 0)
        if regular && size > limit { throw tooLarge(name, limit: limit) }
        var bytes: [UInt8] = []
        if regular { bytes.reserveCapacity(size) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count: Int
            do throws(Errno) {
                count = try file.read(into: &chunk)
            } catch {
                throw ChangelogError("cannot read \(name): \(describe(error)); check that it is a readable file")
            }
            if count == 0 { break }
            if bytes.count + count > limit { throw tooLarge(name, limit: limit) }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    private static func tooLarge(_ name: String, limit: Int) -> ChangelogError {
        ChangelogError(
            "cannot read \(name): it is larger than \(limit >> 20) MiB, "
                + "far more than any changelog, configuration or message; check the path")
    }

    /// Checks, before any work is done, that `path` can be written: an existing file must be
    /// writable, and the directory of a regular (or new) file must accept the lock file and the rename.
    public static func checkWritable(_ path: String) throws(ChangelogError) {
        switch try target(of: path) {
        case .descriptor:
            return
        case .through(let target):
            do throws(Errno) {
                try FileSystem.check(target, allows: .write)
            } catch {
                throw ChangelogError("cannot write \(path): \(describe(error)); make it writable or write elsewhere with -o")
            }
        case .file(let target):
            if FileSystem.exists(target) {
                do throws(Errno) {
                    try FileSystem.checkWritableFile(target)
                } catch {
                    throw ChangelogError(
                        "cannot write \(path): \(describe(error)); make it writable (chmod u+w) or write elsewhere with -o")
                }
            }
            let directory = directoryName(target)
            do throws(Errno) {
                try FileSystem.check(directory, allows: [.write, .search])
            } catch {
                throw ChangelogError("cannot write \(path): its directory \(directory) is not writable (\(describe(error)))")
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
        return FileSystem.exists(target)
    }

    /// Writes `bytes` to `path`. A regular file (or a new one) is replaced as `update` does;
    /// anything else is written through. `mode`, when given, sets the permissions; otherwise an
    /// existing file keeps its own. `locking`: take `<file>.lock` first (see `update`); without it
    /// the bytes are staged in a temporary file beside the target, for a file whose lock belongs to
    /// someone else (git's index). `removingStaleLock`: see `FileLock` (never for git's own files).
    public static func write(
        _ bytes: [UInt8], to path: String, mode newMode: FilePermissions? = nil, locking: Bool = false,
        removingStaleLock: Bool = false
    ) throws(ChangelogError) {
        _ = try update(
            path, mode: newMode, reading: false, locking: locking,
            removingStaleLock: removingStaleLock
        ) { _ throws(ChangelogError) in bytes }
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
    public static func update(
        _ path: String, mode newMode: FilePermissions? = nil, reading: Bool = true, locking: Bool = true,
        removingStaleLock: Bool = true,
        _ transform: ([UInt8]?) throws(ChangelogError) -> [UInt8]
    ) throws(ChangelogError) -> UpdateOutcome {
        let target: String
        switch try self.target(of: path) {
        case .descriptor(let descriptor):
            try writeAll(try transform(nil), to: FileDescriptor(rawValue: descriptor), name: path)
            return .wroteThrough
        case .through(let through):
            try writeThrough(try transform(nil), to: through, name: path)
            return .wroteThrough
        case .file(let file):
            target = file
        }
        return try SignalDeferral.run { () throws(ChangelogError) -> UpdateOutcome in
            let lock =
                locking
                ? try FileLock.acquire(for: target, displayName: path, removingStale: removingStaleLock)
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
            let existingMode = (try? FileSystem.status(target))?.permissions
            let mode = newMode ?? existingMode ?? FilePermissions(rawValue: 0o666 & ~FileSystem.creationMask().rawValue)
            var failure: ChangelogError?
            do throws(Errno) {
                try lock.descriptor.writeEverything(bytes)
            } catch {
                failure = ChangelogError("cannot write \(path): \(describe(error))")
            }
            if failure == nil {
                do throws(Errno) {
                    try lock.descriptor.setPermissions(mode)
                } catch {
                    failure = ChangelogError("cannot set permissions on \(path): \(describe(error))")
                }
            }
            if failure == nil {
                do throws(Errno) {
                    try lock.descriptor.synchronize()
                } catch {
                    failure = ChangelogError("cannot write \(path): \(describe(error)) while flushing")
                }
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
        do throws(Errno) {
            try FileSystem.remove(path)
        } catch {
            if error != .noSuchFileOrDirectory { throw ChangelogError("cannot remove \(path): \(describe(error))") }
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
            let info: Stat
            do throws(Errno) {
                info = try FileSystem.status(current, followingLinks: false)
            } catch {
                if error == .noSuchFileOrDirectory { return .file(current) }
                throw ChangelogError("cannot write \(path): \(describe(error)); check the path")
            }
            switch info.type {
            case .symbolicLink:
                // Another process's descriptor or a pipe's name ("pipe:[123]") is no path to create:
                // a link into /proc is written through, as the kernel resolves it.
                if current.hasPrefix("/proc/") {
                    let resolved: Stat
                    do throws(Errno) {
                        resolved = try FileSystem.status(current)
                    } catch {
                        throw ChangelogError("cannot write \(path): \(describe(error)); check the path")
                    }
                    return resolved.type == .directory ? try directory(path) : .through(current)
                }
                let link: String
                do throws(Errno) {
                    link = try FileSystem.linkTarget(current)
                } catch {
                    throw ChangelogError("cannot write \(path): \(describe(error)); check the path")
                }
                let directory = directoryName(current)
                current = link.hasPrefix("/") || !current.contains("/") ? link : directory + "/" + link
            case .regular:
                return .file(current)
            case .directory:
                return try directory(path)
            default:
                return .through(current)
            }
        }
        throw ChangelogError("cannot write \(path): \(describe(Errno.tooManySymbolicLinkLevels)); check the path")
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
            let prefixes = ["/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", "/proc/\(ProcessID.current.rawValue)/fd/"]
            number = prefixes.first { path.hasPrefix($0) }.map { path.dropFirst($0.count) }
        }
        guard let number, let descriptor = Int32(number), FileDescriptor(rawValue: descriptor).isOpen else { return nil }
        return descriptor
    }

    // MARK: - Writing through

    /// Opens `path` for writing without creating or replacing anything. A FIFO that nobody reads
    /// would block open() for ever: O_NONBLOCK makes that fail (ENXIO) instead, and a reader that is
    /// still starting gets a moment to open its end; the flag is cleared once open.
    private static func writeThrough(_ bytes: [UInt8], to path: String, name: String) throws(ChangelogError) {
        let kind = (try? FileSystem.status(path))?.type
        var options: FileDescriptor.OpenOptions = [.nonBlocking, .noControllingTerminal, .closeOnExec]
        if kind == .regular { options.insert(.truncate) }
        var waits = 0
        let descriptor: FileDescriptor
        while true {
            do throws(Errno) {
                descriptor = try FileDescriptor.open(path, .writeOnly, options: options)
                break
            } catch {
                if error == .noSuchAddressOrDevice && kind == .fifo && waits < 100 {
                    waits += 1
                    SystemClock.pause(seconds: 0.01)
                    continue
                }
                if error == .noSuchAddressOrDevice && kind == .fifo {
                    throw ChangelogError(
                        "cannot write \(name): it is a FIFO that nothing reads; start its reader first, or write to a file")
                }
                if error == .noSuchAddressOrDevice && kind == .socket {
                    throw ChangelogError("cannot write \(name): it is a socket; write to a file or a FIFO")
                }
                throw ChangelogError("cannot write \(name): \(describe(error))")
            }
        }
        defer { descriptor.closeQuietly() }
        try? descriptor.setNonBlocking(false)
        try writeAll(bytes, to: descriptor, name: name)
    }

    /// Writes everything to an open descriptor. A reader that went away makes the write fail with
    /// EPIPE rather than end the process with SIGPIPE.
    private static func writeAll(_ bytes: [UInt8], to descriptor: FileDescriptor, name: String) throws(ChangelogError) {
        do throws(Errno) {
            try SignalHold.withPipeSignalBlocked { () throws(Errno) in try descriptor.writeEverything(bytes) }
        } catch {
            throw ChangelogError("cannot write \(name): \(describe(error))")
        }
    }

    private static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// strerror()'s words for a failed call.
    static func describe(_ error: Errno) -> String {
        error.description
    }
}
