import Platform
import SystemPackage

/// The release's file writes as the disk sees them: each replacement written beside the file,
/// flushed and renamed over it, each removal synced into its directory.
struct DiskReleaseFiles: ReleaseFiles {
    func read(_ path: String) throws(ChangelogError) -> [UInt8]? {
        try AtomicFile.read(path)
    }

    func remove(_ path: String) throws(ChangelogError) {
        try AtomicFile.remove(path)
        try ReleaseJournal.syncDirectory(Self.directoryName(path))
    }

    /// Puts the old index back through git's own `index.lock`, so a git command running meanwhile
    /// is never overwritten; the bytes were saved in the journal before the release staged anything.
    func restoreIndex(_ old: [UInt8]?, at path: String) throws(ChangelogError) {
        guard let old else {
            try FaultPoint.checkSpace(writing: path)
            try AtomicFile.remove(path)
            return
        }
        if try AtomicFile.read(path, limit: .max) == old { return }
        try FaultPoint.checkSpace(writing: path)
        let lock = path + ".lock"
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(
                lock, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec],
                permissions: FilePermissions(rawValue: 0o644))
        } catch {
            let reason =
                error == .fileExists
                ? "'\(lock)' exists; another git process may be running: wait for it, or remove the lock file if none is"
                : AtomicFile.describe(error)
            throw ChangelogError("cannot restore the index: \(reason)")
        }
        var failure: ChangelogError?
        do throws(ChangelogError) {
            try ReleaseJournal.writeAll(old, to: descriptor, path: lock)
            try Self.flush(descriptor, "cannot write \(lock)")
        } catch {
            failure = error
        }
        descriptor.closeQuietly()
        if failure == nil { failure = Self.rename(lock, to: path, "cannot restore \(path)") }
        if let failure {
            try? FileSystem.remove(lock)
            throw failure
        }
    }

    /// The temporary file a replacement of `path` writes first: one fixed name per file, so a
    /// kill -9 halfway through a write leaves nothing that the next `--abort` or `--continue`
    /// does not find and remove.
    private static func temporary(of path: String) -> String {
        let slash = path.lastIndex(of: "/")!
        return String(path[...slash]) + "." + String(path[path.index(after: slash)...]) + ".changelog-release"
    }

    func removeTemporary(of path: String) throws(ChangelogError) {
        try AtomicFile.remove(Self.temporary(of: path))
    }

    /// Writes the whole new file beside the old one, flushes it, gives it the old file's
    /// permissions and renames it over: a reader, or a crash, sees all old or all new.
    func replace(_ path: String, with bytes: [UInt8]) throws(ChangelogError) {
        let temporary = Self.temporary(of: path)
        let mode =
            (try? FileSystem.status(path))?.permissions
            ?? FilePermissions(rawValue: 0o666 & ~FileSystem.creationMask().rawValue)
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .truncate, .closeOnExec],
                permissions: FilePermissions(rawValue: 0o600))
        } catch {
            throw ChangelogError("cannot write \(temporary): \(AtomicFile.describe(error))")
        }
        var failure: ChangelogError?
        do throws(ChangelogError) {
            try ReleaseJournal.writeAll(bytes, to: descriptor, path: path)
            do throws(Errno) {
                try descriptor.setPermissions(mode)
            } catch {
                throw ChangelogError("cannot set permissions on \(temporary): \(AtomicFile.describe(error))")
            }
            try Self.flush(descriptor, "cannot write \(path)")
        } catch {
            failure = error
        }
        descriptor.closeQuietly()
        if failure == nil { failure = Self.rename(temporary, to: path, "cannot replace \(path)") }
        if let failure {
            try? FileSystem.remove(temporary)
            throw failure
        }
        try ReleaseJournal.syncDirectory(Self.directoryName(path))
    }

    /// Replaces a file atomically; on a disk too full for a second copy, overwrites it in place,
    /// where the old bytes fit in the blocks the new ones hold (a release only adds to its files).
    /// A crash halfway through leaves a torn file, but the journal keeps the old bytes until the
    /// undo is complete, so `--abort` mends it.
    func restore(_ old: [UInt8], to path: String) throws(ChangelogError) {
        do {
            try replace(path, with: old)
        } catch {
            guard let descriptor = try? FileDescriptor.open(path, .writeOnly, options: .closeOnExec) else { throw error }
            defer { descriptor.closeQuietly() }
            do throws(ChangelogError) {
                try ReleaseJournal.writeAll(old, to: descriptor, path: path)
            } catch {
                throw error
            }
            do throws(Errno) {
                try descriptor.truncate(to: Int64(old.count))
                try descriptor.synchronize()
            } catch {
                throw ChangelogError("cannot restore \(path): \(AtomicFile.describe(error))")
            }
        }
    }

    /// fsync, its failure worded as `what` (": <reason> while flushing").
    private static func flush(_ descriptor: FileDescriptor, _ what: String) throws(ChangelogError) {
        do throws(Errno) {
            try descriptor.synchronize()
        } catch {
            throw ChangelogError("\(what): \(AtomicFile.describe(error)) while flushing")
        }
    }

    /// rename, its failure worded as `what`; nil when it succeeded.
    private static func rename(_ source: String, to destination: String, _ what: String) -> ChangelogError? {
        do throws(Errno) {
            try FileSystem.rename(source, to: destination)
            return nil
        } catch {
            return ChangelogError("\(what): \(AtomicFile.describe(error))")
        }
    }

    private static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
