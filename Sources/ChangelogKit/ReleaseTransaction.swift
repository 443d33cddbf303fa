import Git
import Platform
import SystemPackage

/// Carries a journaled release to its final state (`complete`) or back to the state before it
/// (`undo`). Every step first looks at what is there and does only what is missing, so running
/// either again after a crash, at any point, converges on the same end.
///
/// The steps, each followed by a call to `checkpoint` with its name (a fault point in tests):
/// `file-1` … `file-N`, `index`, `branch`, `tag` forward (with several tags, `tag-1` … `tag-N` after
/// each, then `tag`); `undo-tag`, `undo-branch`, `undo-index`, `undo-file-N` … `undo-file-1` back.
struct ReleaseTransaction {
    let repository: Repository
    let journal: ReleaseJournal
    /// Where the files' bytes go: the disk, or in tests a stand-in that fails where told.
    var files: any ReleaseFiles = DiskReleaseFiles()

    func complete(checkpoint: (String) throws(ChangelogError) -> Void) throws(ChangelogError) {
        // A branch or tag someone else moved stops the release before it changes anything: the
        // files written and staged would otherwise go into that someone's next commit.
        try checkBranchIsOurs()
        for tag in journal.tags {
            let current = try git { () throws(GitError) in try repository.referenceTarget("refs/tags/\(tag.name)") }
            guard current == nil || current == tag.object else { throw Self.tagTaken(tag.name) }
        }
        for (offset, file) in journal.files.enumerated() {
            try files.removeTemporary(of: file.path)
            let current = try files.read(file.path)
            if current != file.new {
                // Replaced only from the bytes the release was computed from: a `-C` run or an
                // editor that wrote the file since must not lose what it wrote.
                guard current == file.old else {
                    throw ChangelogError(
                        "\(file.name) changed while the release was being made (another changelog run, or an "
                            + "editor?); it was left as it is; run the release again")
                }
                try FaultPoint.checkSpace(writing: file.name)
                try files.replace(file.path, with: file.new)
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
        for (offset, tag) in journal.tags.enumerated() {
            let reference = "refs/tags/\(tag.name)"
            let current = try git { () throws(GitError) in try repository.referenceTarget(reference) }
            if current != tag.object {
                // What to run next is the caller's to say: a pending release continues, a new one
                // was undone and is simply made again.
                guard current == nil else { throw Self.tagTaken(tag.name) }
                try FaultPoint.checkSpace(writing: reference)
                try git { () throws(GitError) in
                    try repository.moveReference(
                        reference, to: tag.object, expecting: nil, logMessage: "changelog: release \(journal.version)")
                }
            }
            if journal.tags.count > 1 { try checkpoint("tag-\(offset + 1)") }
        }
        try checkpoint("tag")
    }

    func undo(checkpoint: (String) throws(ChangelogError) -> Void) throws(ChangelogError) {
        // A branch someone moved stops the undo before it changes anything, tags included.
        try checkBranchIsOurs()
        for tag in journal.tags.reversed() {
            let reference = "refs/tags/\(tag.name)"
            guard try git({ () throws(GitError) in try repository.referenceTarget(reference) }) == tag.object else { continue }
            try FaultPoint.checkSpace(writing: reference)
            try git { () throws(GitError) in _ = try repository.deleteReference(reference, expecting: tag.object) }
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
            try files.restoreIndex(journal.index, at: journal.indexPath)
            try checkpoint("undo-index")
        }
        for (offset, file) in journal.files.enumerated().reversed() {
            try files.removeTemporary(of: file.path)
            let current = try files.read(file.path)
            // Only what the release wrote is put back: its new bytes, or an interrupted in-place
            // restore (the old bytes over the new ones, not yet cut to length). Anything else is
            // someone else's.
            let ours = current == file.new || Self.isTornRestore(current, old: file.old, new: file.new)
            if current != file.old && ours {
                try FaultPoint.checkSpace(writing: file.name)
                if let old = file.old {
                    try files.restore(old, to: file.path)
                } else {
                    try files.remove(file.path)
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

    /// The branch is where the release left it: before it or after it, never elsewhere.
    private func checkBranchIsOurs() throws(ChangelogError) {
        guard let reference = journal.reference else { return }
        let current = try git { () throws(GitError) in try repository.referenceTarget(reference.name) }
        guard current == reference.old || current == reference.new else { throw moved(reference, to: current) }
    }

    private static func tagTaken(_ name: String) -> ChangelogError {
        ChangelogError("the tag \(name) was created by someone else meanwhile (git tag -d \(name) deletes it)")
    }

    /// What to run keeps the commit the branch was moved to: a bare `update-ref` would drop it.
    private func moved(_ reference: ReleaseJournal.Reference, to current: ObjectID?) -> ChangelogError {
        let now = current.map { "to \($0.hex.prefix(8))" } ?? "away"
        let keep = current.map { "keep its commit on a branch first (git branch <name> \($0.hex.prefix(8))), then " } ?? ""
        return ChangelogError(
            "\(reference.name) was moved \(now) by someone else while the release was pending; it was at "
                + "\(reference.old.hex.prefix(8)) before the release and is \(reference.new.hex.prefix(8)) after it; "
                + "\(keep)put it back at one of them (git update-ref \(reference.name) \(reference.old.hex.prefix(8)))")
    }
}
