import ChangelogCore
import Git
import Platform

/// The visible half of a release, once every part of it is computed: commit and (signed) tag
/// objects, the journal, then files, index, branch and tags, rolled back on any failure.
///
/// Everything that can fail for a reason of the user's (the identity, the signature) is settled
/// before anything visible changes: commit and tag objects are written to the object database
/// first, unreferenced and so invisible, and signed there. Only then are files, index, branch and
/// tags updated, each step recorded so a failure puts the previous state back.
struct ReleasePublication {
    struct Change {
        /// Relative to the repository root.
        var path: String
        var contents: [UInt8]
        /// The bytes the release computed `contents` from (nil: no such file): the file is replaced
        /// only while it still holds them.
        var original: [UInt8]?
    }

    /// One commit: a release commits once, or twice with `separate-commits`.
    struct Group {
        var message: String
        var changes: [Change]
    }

    struct TagRequest {
        var name: String
        /// The tag message's first line.
        var title: String
        var notes: String
    }

    let repository: Repository
    /// The working tree's root, ending in `/`.
    let root: String
    let gitDirectory: String
    let releaseFiles: any ReleaseFiles
    let signing: SigningSettings?
    /// The release in messages: `1.4.0`, or `api 1.4.0, web 2.0.1`.
    let label: String
    let pushCommand: String
    let author: Signature
    let committer: Signature

    /// Commits `groups` one after the other on `target`, tags the last commit with every tag in
    /// `tags`, and moves the branch: all of it, or (on any failure or signal) none of it.
    func publish(
        groups: [Group], head: HeadState, target: ObjectID, tags: [TagRequest]
    ) throws(ChangelogError) -> (commits: [ObjectID], tags: [ObjectID]) {
        // Signals are recorded from here on, so that once the release has begun changing things
        // it rolls back instead of stopping halfway.
        ReleaseSignals.install()

        // Objects first: nothing refers to them until the references move. Flushed, as everything
        // the release writes into the git directory, before the journal that names them.
        GitSettings.setFsync(true)
        var tip = target
        var commits: [ObjectID] = []
        for group in groups {
            let parent = tip
            tip = try objects { () throws(GitError) in
                let tree = try repository.writeTree(
                    base: parent, changes: group.changes.map { ($0.path, Optional($0.contents)) }, asWorkingFiles: true)
                return try repository.writeCommit(
                    tree: tree, parents: [parent], message: group.message + "\n", author: author, committer: committer)
            }
            commits.append(tip)
        }
        var tagObjects: [ReleaseJournal.Tag] = []
        for tag in tags {
            let text = TagText(
                objectID: tip.hex, name: tag.name, tagger: committer.headerText,
                message: TagText.message(title: tag.title, notes: tag.notes))
            var tagBytes = text.payload
            if let signing {
                do {
                    let signature = try Signer(settings: signing, committer: (committer.name, committer.email)).sign(text.payload)
                    tagBytes = text.signed(with: signature)
                } catch {
                    // Ctrl-C reaches the signer too, which then fails: the interruption is the news.
                    try ReleaseSignals.checkpoint("nothing was changed")
                    throw error
                }
            }
            let bytes = tagBytes
            let object = try objects { () throws(GitError) in try repository.writeTagObject(bytes) }
            tagObjects.append(.init(name: tag.name, object: object))
        }
        FaultPoint.reached("objects")
        try ReleaseSignals.checkpoint("nothing was changed")

        // Then the journal, and only then the visible changes: from here a crash leaves a pending
        // release that `--abort` or `--continue` settles.
        let changed = groups.flatMap(\.changes)
        let indexPath = try git { () throws(GitError) in try repository.indexPath() }
        var reference: ReleaseJournal.Reference?
        if tip != target, let last = groups.last {
            var name = "HEAD"
            if case .branch(let branch, _) = head { name = branch }
            // As git logs a commit: its subject, the one line a reflog entry holds.
            let subject = last.message.prefix { $0 != "\n" }
            reference = .init(name: name, old: target, new: tip, logMessage: "commit: \(subject)")
        }
        let journal = ReleaseJournal(
            version: label, tags: tagObjects, reference: reference, indexPath: indexPath,
            index: changed.isEmpty ? nil : try AtomicFile.read(indexPath, limit: .max),  // an index is as large as the tree is wide
            // A file's old bytes are those the release was computed from, not what is there now: the
            // transaction replaces it only over them, so an edit made while the tag was signed stays.
            files: changed.map { .init(path: root + $0.path, name: $0.path, old: $0.original, new: $0.contents) },
            pushCommand: pushCommand, recordedGitDirectory: gitDirectory)
        try journal.save(in: gitDirectory)
        FaultPoint.reached("journal")
        let transaction = ReleaseTransaction(repository: repository, journal: journal, files: releaseFiles)
        do throws(ChangelogError) {
            try ReleaseSignals.checkpoint("")
            try transaction.complete { step throws(ChangelogError) in
                FaultPoint.reached(step)
                try ReleaseSignals.checkpoint("")
            }
        } catch {
            throw PendingRelease.rollBack(transaction, in: gitDirectory, after: error)
        }
        do throws(ChangelogError) {
            try ReleaseJournal.remove(from: gitDirectory)
        } catch {
            throw ChangelogError("\(label) was released, but \(error.message); run `changelog release --continue` to finish")
        }
        return (commits, tagObjects.map(\.object))
    }

    /// Writes unreferenced objects: a failure (a full disk, say) leaves the repository as it was.
    private func objects<T>(_ body: () throws(GitError) -> T) throws(ChangelogError) -> T {
        do {
            return try body()
        } catch {
            throw ChangelogError("cannot write the release's objects, so nothing was changed: \(ChangelogError(error).message)")
        }
    }
}
