import Git
import Platform
import SystemPackage

/// Carries a journaled release to its final state (`complete`) or back to the state before it
/// (`undo`). Every step first looks at what is there and does only what is missing, so running
/// either again after a crash, at any point, converges on the same end.
///
/// The steps, each followed by a call to `checkpoint` with its name (a fault point in tests):
/// `file-1` … `file-N`, `index`, `branch`, `tag` forward; `undo-tag`, `undo-branch`, `undo-index`,
/// `undo-file-N` … `undo-file-1` back.
struct ReleaseTransaction {
    let repository: Repository
    let journal: ReleaseJournal

    private var tagReference: String { "refs/tags/\(journal.tagName)" }

    func complete(checkpoint: (String) throws(ChangelogError) -> Void) throws(ChangelogError) {
        for (offset, file) in journal.files.enumerated() {
            try removeTemporary(of: file.path)
            let current = try AtomicFile.read(file.path)
            if current != file.new {
                // Replaced only from the bytes the release was computed from: a `-C` run or an
                // editor that wrote the file since must not lose what it wrote.
                guard current == file.old else {
                    throw ChangelogError(
                        "\(file.name) changed while the release was being made (another changelog run, or an "
                            + "editor?); it was left as it is; run the release again")
                }
                try FaultPoint.checkSpace(writing: file.name)
                try replace(file.path, with: file.new)
            }
            try checkpoint("file-\(offset + 1)")
        }
        if !journal.files.isEmpty {
            // Staging what the working tree holds is the same whether or not it was done before.
            try FaultPoint.checkSpace(writing: "the index")
            try git { () throws(GitError) in try repository.stage(journal.files.map(\.name)) }
            try checkpoint("index")
        }
        if let reference = journal.reference {
            let current = try git { () throws(GitError) in try repository.referenceTarget(reference.name) }
            if current != reference.new {
                guard current == reference.old else { throw moved(reference, to: current) }
                try FaultPoint.checkSpace(writing: reference.name)
                try git { () throws(GitError) in
                    try repository.moveReference(
                        reference.name, to: reference.new, expecting: reference.old,
                        logMessage: reference.logMessage)
                }
            }
            try checkpoint("branch")
        }
        let tag = try git { () throws(GitError) in try repository.referenceTarget(tagReference) }
        if tag != journal.tagObject {
            guard tag == nil else {
                throw ChangelogError(
                    "the tag \(journal.tagName) was created by someone else meanwhile; delete it (git tag -d \(journal.tagName)) "
                        + "and run `changelog release --continue`, or run `changelog release --abort`")
            }
            try FaultPoint.checkSpace(writing: tagReference)
            try git { () throws(GitError) in
                try repository.moveReference(
                    tagReference, to: journal.tagObject, expecting: nil, logMessage: "changelog: release \(journal.version)")
            }
        }
        try checkpoint("tag")
    }

    func undo(checkpoint: (String) throws(ChangelogError) -> Void) throws(ChangelogError) {
        if try git({ () throws(GitError) in try repository.referenceTarget(tagReference) }) == journal.tagObject {
            try FaultPoint.checkSpace(writing: tagReference)
            try git { () throws(GitError) in _ = try repository.deleteReference(tagReference, expecting: journal.tagObject) }
        }
        try checkpoint("undo-tag")
        if let reference = journal.reference {
            let current = try git { () throws(GitError) in try repository.referenceTarget(reference.name) }
            if current != reference.old {
                guard current == reference.new else { throw moved(reference, to: current) }
                try FaultPoint.checkSpace(writing: reference.name)
                try git { () throws(GitError) in
                    try repository.moveReference(
                        reference.name, to: reference.old, expecting: reference.new,
                        logMessage: "changelog: undo the release of \(journal.version)")
                }
            }
            try checkpoint("undo-branch")
        }
        if !journal.files.isEmpty {
            try restoreIndex()
            try checkpoint("undo-index")
        }
        for (offset, file) in journal.files.enumerated().reversed() {
            try removeTemporary(of: file.path)
            let current = try AtomicFile.read(file.path)
            // Only what the release wrote is put back: its new bytes, or an interrupted in-place
            // restore (the old bytes over the new ones, not yet cut to length). Anything else is
            // someone else's.
            let ours = current == file.new || Self.isTornRestore(current, old: file.old, new: file.new)
            if current != file.old && ours {
                try FaultPoint.checkSpace(writing: file.name)
                if let old = file.old {
                    try restore(old, to: file.path)
                } else {
                    try AtomicFile.remove(file.path)
                    try ReleaseJournal.syncDirectory(Self.directoryName(file.path))
                }
            }
            try checkpoint("undo-file-\(offset + 1)")
        }
    }

    /// `restore`'s in-place fallback writes the old bytes from the start, then truncates: killed
    /// in between, the file holds the old bytes followed by the rest of the new ones.
    private static func isTornRestore(_ current: [UInt8]?, old: [UInt8]?, new: [UInt8]) -> Bool {
        guard let current, let old, current.count == new.count, old.count < new.count else { return false }
        return current.starts(with: old) && current[old.count...].elementsEqual(new[old.count...])
    }

    private func moved(_ reference: ReleaseJournal.Reference, to current: ObjectID?) -> ChangelogError {
        let now = current.map { "to \($0.hex.prefix(8))" } ?? "away"
        return ChangelogError(
            "\(reference.name) was moved \(now) by someone else while the release was pending; it was at "
                + "\(reference.old.hex.prefix(8)) before the release and is \(reference.new.hex.prefix(8)) after it: "
                + "move it to one of them (git update-ref \(reference.name) <commit>) and run the command again")
    }

    /// Puts the old index back through git's own `index.lock`, so a git command running meanwhile
    /// is never overwritten; the bytes were saved in the journal before the release staged anything.
    private func restoreIndex() throws(ChangelogError) {
        let path = journal.indexPath
        guard let old = journal.index else {
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

    private func removeTemporary(of path: String) throws(ChangelogError) {
        try AtomicFile.remove(Self.temporary(of: path))
    }

    /// Writes the whole new file beside the old one, flushes it, gives it the old file's
    /// permissions and renames it over: a reader, or a crash, sees all old or all new.
    private func replace(_ path: String, with bytes: [UInt8]) throws(ChangelogError) {
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
    private func restore(_ old: [UInt8], to path: String) throws(ChangelogError) {
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
