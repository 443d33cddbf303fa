import Git
import Platform
import SystemPackage

/// A release's state before and after, saved in the git directory (`changelog-release/`, as git
/// keeps its sequencer state) and flushed to disk before the release's first visible change.
/// While it exists the release is pending: `--abort` returns the repository to the state before,
/// `--continue` carries it to the state after, whatever instant a crash stopped the release at.
///
/// The old and new bytes of every file, and the old index, are kept in the journal itself, so the
/// way back needs nothing read from a working tree a crash may have left half changed.
struct ReleaseJournal: Equatable {
    struct File: Equatable {
        /// Where it is written (absolute, symbolic links resolved).
        var path: String
        /// Relative to the working tree's root: how the index and the user name it.
        var name: String
        /// nil: the file did not exist.
        var old: [UInt8]?
        var new: [UInt8]
    }

    struct Reference: Equatable {
        /// `refs/heads/<branch>`, or `HEAD` when it is detached.
        var name: String
        var old: ObjectID
        var new: ObjectID
        /// The reflog entry of the move, as git writes it for a commit (`commit: <subject>`).
        var logMessage: String
    }

    /// An annotated tag object, already in the object database; `refs/tags/<name>` must not exist before.
    struct Tag: Equatable {
        var name: String
        var object: ObjectID
    }

    /// What was released, for messages: `1.4.0`, or for several packages `api 1.4.0, web 2.0.1`.
    var version: String
    /// One tag, or one per package of a release of several (`release --all-packages`).
    var tags: [Tag]
    /// nil when the release commits nothing and tags HEAD as it is.
    var reference: Reference?
    var indexPath: String
    /// The index before the release; nil when there was none.
    var index: [UInt8]?
    var files: [File]
    /// What to run next, as the release prints it.
    var pushCommand: String
    /// The git directory the release was made in (the journal's own); nil in a journal written
    /// before it was recorded.
    var recordedGitDirectory: String?

    static let name = "changelog-release"
    private static let header = "changelog release journal 1"
    /// Several tags: a tool that knows only one refuses the journal as damaged rather than settle half of it.
    private static let severalTagsHeader = "changelog release journal 2"

    /// The tags' names, as messages list them.
    var tagNames: String { tags.map(\.name).joined(separator: ", ") }

    /// Whether a journal is there, without reading it.
    static func exists(in gitDirectory: String) -> Bool {
        (try? FileSystem.status(gitDirectory + name, followingLinks: false)) != nil
    }

    /// What the pending release releases (`version`), from its state file alone: a message that
    /// names it need not read the saved files and index. nil when none is pending or it cannot be read.
    static func pendingVersion(in gitDirectory: String) -> String? {
        guard let text = try? AtomicFile.read(gitDirectory + name + "/state") else { return nil }
        let line = String(decoding: text, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("version\t") }
        return line.map { unescape($0.dropFirst("version\t".count)) }
    }

    /// The pending release, or nil when there is none.
    static func load(from gitDirectory: String) throws(ChangelogError) -> ReleaseJournal? {
        let directory = gitDirectory + name
        guard exists(in: gitDirectory) else { return nil }
        func damaged(_ why: String) -> ChangelogError {
            ChangelogError(
                "the journal of a pending release, \(directory), is damaged (\(why)); "
                    + "if the files, branch and tags are as you want them, remove it (rm -r \(directory))")
        }
        guard let text = try AtomicFile.read(directory + "/state") else { throw damaged("no state file") }
        func contents(_ file: String) throws(ChangelogError) -> [UInt8] {
            guard let bytes = try AtomicFile.read(directory + "/" + file, limit: .max) else { throw damaged("\(file) is missing") }
            return bytes
        }
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard let first = lines.first, first == Substring(header) || first == Substring(severalTagsHeader) else {
            throw damaged("unknown format")
        }
        var version: String?, tags: [Tag] = [], index: (String, Bool)?, push: String?, recordedGitDirectory: String?
        var reference: Reference?
        var files: [File] = []
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape($0) }
            switch (fields.first, fields.count) {
            case ("version", 2): version = fields[1]
            case ("push", 2): push = fields[1]
            case ("gitdir", 2): recordedGitDirectory = fields[1]
            case ("tag", 3):
                guard let id = ObjectID(hex: fields[2]) else { throw damaged("bad tag id") }
                tags.append(Tag(name: fields[1], object: id))
            case ("reference", 5):
                guard let old = ObjectID(hex: fields[2]), let new = ObjectID(hex: fields[3]) else { throw damaged("bad reference ids") }
                reference = Reference(name: fields[1], old: old, new: new, logMessage: fields[4])
            case ("index", 3): index = (fields[1], fields[2] == "saved")
            case ("file", 4):
                let number = files.count + 1
                let old = fields[3] == "saved" ? try contents("file-\(number).old") : nil
                files.append(File(path: fields[1], name: fields[2], old: old, new: try contents("file-\(number).new")))
            default: throw damaged("unknown line '\(line)'")
            }
        }
        guard let version, !tags.isEmpty, let index, let push else { throw damaged("incomplete") }
        guard tags.count == 1 || first == Substring(severalTagsHeader) else { throw damaged("several tags in a one-tag journal") }
        return ReleaseJournal(
            version: version, tags: tags, reference: reference, indexPath: index.0,
            index: index.1 ? try contents("index.old") : nil, files: files, pushCommand: push,
            recordedGitDirectory: recordedGitDirectory)
    }

    /// The journal as it applies to the repository it is read in, `root` and `gitDirectory` now.
    ///
    /// A repository copied or moved while a release was pending (a CI cache, a container mount, a
    /// renamed checkout) carries the journal along: its files and index are settled where they are
    /// now, never at the old place, which is another repository or nothing. The same repository
    /// settles them where they were written, also from another of its working trees (they share
    /// the journal, and the release's files are those of the tree it was made in).
    func relocated(root current: String?, gitDirectory: String) throws(ChangelogError) -> ReleaseJournal {
        guard let recordedGitDirectory, recordedGitDirectory != gitDirectory else { return self }
        let sameRepository = (try? FileSystem.realPath(recordedGitDirectory)).map { $0 == (try? FileSystem.realPath(gitDirectory)) }
        guard sameRepository != true else { return self }
        // A git directory copied without its working tree has nowhere to put the files back.
        guard let current = current ?? (files.isEmpty ? "" : nil) else {
            throw ChangelogError(
                "the release of \(version) is pending in a copy of \(recordedGitDirectory) without a working tree; "
                    + "settle it where the working tree is, or if that does not matter here, remove \(gitDirectory + Self.name)")
        }
        guard indexPath.hasPrefix(recordedGitDirectory) else {
            throw ChangelogError(
                "the journal of the pending release of \(version) names the index \(indexPath), outside the repository "
                    + "it was made in; if the files, branch and tags are as you want them, remove it (rm -r \(gitDirectory + Self.name))")
        }
        var moved = self
        moved.recordedGitDirectory = gitDirectory
        moved.indexPath = gitDirectory + indexPath.dropFirst(recordedGitDirectory.count)
        moved.files = files.map { file in
            var file = file
            file.path = current + file.name
            return file
        }
        return moved
    }

    /// Writes the journal into a temporary directory, flushes every byte, then renames it into
    /// place and flushes the git directory: after a crash it is either all there or not at all.
    func save(in gitDirectory: String) throws(ChangelogError) {
        let directory = gitDirectory + Self.name
        let temporary = directory + ".tmp"
        Self.removeTree(temporary)
        do throws(ChangelogError) {
            try FaultPoint.checkSpace(writing: directory)
            do throws(Errno) {
                try FileSystem.makeDirectory(temporary, permissions: FilePermissions(rawValue: 0o755))
            } catch {
                throw ChangelogError("cannot create \(temporary): \(AtomicFile.describe(error))")
            }
            var lines = [
                tags.count == 1 ? Self.header : Self.severalTagsHeader, Self.line("version", version), Self.line("push", pushCommand),
            ]
            if let recordedGitDirectory { lines.append(Self.line("gitdir", recordedGitDirectory)) }
            lines += tags.map { Self.line("tag", $0.name, $0.object.hex) }
            if let reference {
                lines.append(Self.line("reference", reference.name, reference.old.hex, reference.new.hex, reference.logMessage))
            }
            lines.append(Self.line("index", indexPath, index == nil ? "none" : "saved"))
            if let index { try Self.writeDurably(index, to: temporary + "/index.old") }
            for (offset, file) in files.enumerated() {
                lines.append(Self.line("file", file.path, file.name, file.old == nil ? "none" : "saved"))
                if let old = file.old { try Self.writeDurably(old, to: temporary + "/file-\(offset + 1).old") }
                try Self.writeDurably(file.new, to: temporary + "/file-\(offset + 1).new")
            }
            try Self.writeDurably(Array((lines.joined(separator: "\n") + "\n").utf8), to: temporary + "/state")
            try Self.syncDirectory(temporary)
            do throws(Errno) {
                try FileSystem.rename(temporary, to: directory)
            } catch {
                throw ChangelogError("cannot create \(directory): \(AtomicFile.describe(error))")
            }
            try Self.syncDirectory(gitDirectory)
        } catch {
            Self.removeTree(temporary)
            // Renamed but not known to be on disk: not a journal to rely on, and nothing changed yet.
            Self.removeTree(directory)
            throw ChangelogError("cannot save the release journal, so nothing was changed: \(error.message)")
        }
    }

    /// Ends the pending state in one rename, then deletes what was renamed.
    static func remove(from gitDirectory: String) throws(ChangelogError) {
        let directory = gitDirectory + name
        let trash = directory + ".trash"
        removeTree(trash)
        do throws(Errno) {
            try FileSystem.rename(directory, to: trash)
        } catch {
            if error == .noSuchFileOrDirectory { return }
            throw ChangelogError("cannot remove the release journal \(directory): \(AtomicFile.describe(error))")
        }
        // The rename is what ends the pending state; a failed flush only makes it less durable.
        try? syncDirectory(gitDirectory)
        removeTree(trash)
    }

    /// What a process killed while saving or removing a journal left behind; only its lock holder calls this.
    static func removeLeftovers(in gitDirectory: String) {
        removeTree(gitDirectory + name + ".tmp")
        removeTree(gitDirectory + name + ".trash")
    }

    // MARK: - Files

    /// Creates or replaces `path` with `bytes` and flushes them to disk.
    static func writeDurably(_ bytes: [UInt8], to path: String) throws(ChangelogError) {
        try FaultPoint.checkSpace(writing: path)
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(
                path, .writeOnly, options: [.create, .truncate, .closeOnExec],
                permissions: FilePermissions(rawValue: 0o644))
        } catch {
            throw ChangelogError("cannot write \(path): \(AtomicFile.describe(error))")
        }
        defer { descriptor.closeQuietly() }
        try writeAll(bytes, to: descriptor, path: path)
        do throws(Errno) {
            try descriptor.synchronize()
        } catch {
            throw ChangelogError("cannot write \(path): \(AtomicFile.describe(error)) while flushing")
        }
    }

    /// Writes `bytes` from the start of the file (pwrite), whatever the descriptor's position.
    static func writeAll(_ bytes: [UInt8], to descriptor: FileDescriptor, path: String) throws(ChangelogError) {
        do throws(Errno) {
            try descriptor.writeEverything(bytes, atOffset: 0)
        } catch {
            throw ChangelogError("cannot write \(path): \(AtomicFile.describe(error))")
        }
    }

    /// Flushes a directory's entries, so a rename in it survives a power loss.
    static func syncDirectory(_ path: String) throws(ChangelogError) {
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(path, .readOnly, options: [.directory, .closeOnExec])
        } catch {
            throw ChangelogError("cannot open \(path): \(AtomicFile.describe(error))")
        }
        defer { descriptor.closeQuietly() }
        do throws(Errno) {
            try descriptor.synchronize()
        } catch {
            // Some file systems cannot flush a directory (EINVAL); their renames are as durable as they get.
            if error != .invalidArgument { throw ChangelogError("cannot flush \(path): \(AtomicFile.describe(error))") }
        }
    }

    /// Removes a directory of plain files, as the journal is; a missing one is fine.
    private static func removeTree(_ path: String) {
        guard let names = FileSystem.entries(of: path) else { return }
        for name in names { try? FileSystem.remove(path + "/" + name) }
        try? FileSystem.removeDirectory(path)
    }

    // MARK: - Lines

    private static func line(_ fields: String...) -> String {
        fields.map { field in
            var escaped = ""
            for character in field {
                switch character {
                case "\\": escaped += "\\\\"
                case "\t": escaped += "\\t"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                default: escaped.append(character)
                }
            }
            return escaped
        }.joined(separator: "\t")
    }

    private static func unescape(_ field: Substring) -> String {
        var text = ""
        var escaping = false
        for character in field {
            if escaping {
                text.append(character == "t" ? "\t" : character == "n" ? "\n" : character == "r" ? "\r" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                text.append(character)
            }
        }
        return text
    }
}
