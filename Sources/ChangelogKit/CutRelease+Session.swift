import ChangelogCore
import Git

/// The steps a release of one package and a release of several take alike: the preflight before
/// any part is computed, and the commits, signature and publication after.
extension CutRelease {
    /// What a release holds from its preflight to its end.
    struct Session {
        /// The working tree's root, ending in `/`.
        let root: String
        let gitDirectory: String
        /// nil for a dry run; the caller releases it when the release ends.
        let lock: ReleaseLock?
        let head: HeadState
        let target: ObjectID
    }

    /// The release commits and how they are signed and pushed, decided before anything is written.
    struct Commits {
        let groups: [ReleasePublication.Group]
        let signing: SigningSettings?
        let pushCommand: String
        let author: Signature
        let committer: Signature

        /// The commits as the report lists them, without ids until they are made.
        var steps: [ReleaseReport.CommitStep] { groups.map { .init(id: nil, message: $0.message, paths: $0.changes.map(\.path)) } }
    }

    /// A working tree, the lock, no pending release and a HEAD to release.
    func begin() throws(ChangelogError) -> Session {
        let root = try workingRoot()
        // A dry run changes nothing, so it needs no lock (and works in a read-only clone), but it
        // too refuses while a release is pending: what it would show is not what would happen.
        let gitDirectory = repository.commonDirectory
        let lock = request.dryRun ? nil : try ReleaseLock(gitDirectory: gitDirectory)
        do throws(ChangelogError) {
            try PendingRelease.refuseIfPending(in: gitDirectory)
            if lock != nil { ReleaseJournal.removeLeftovers(in: gitDirectory) }
            let head = try git { () throws(GitError) in try repository.head() }
            return Session(root: root, gitDirectory: gitDirectory, lock: lock, head: head, target: try checkHead(head))
        } catch {
            lock?.release()
            throw error
        }
    }

    /// The commit (or, with `separate-commits`, the two commits) holding what `contents` changed
    /// among `changelogPaths` and `versionPaths`, with their messages; and who makes them, how they
    /// are signed, how they are pushed (`tagNames`).
    func commits(
        changelogPaths: [String], versionPaths: [String], contents: ReleaseContents, message: String, changelogMessage: String,
        tagNames: [String], session: Session
    ) throws(ChangelogError) -> Commits {
        // Who the release commit and tags are by first: without an identity not even a dry run goes on.
        let (author, committer) = try repository.identities()
        let changelogChanges = contents.changes(among: changelogPaths)
        let versionChanges = contents.changes(among: versionPaths.filter { !changelogPaths.contains($0) })
        var groups: [ReleasePublication.Group] = []
        if settings.separateCommits && !changelogChanges.isEmpty && !versionChanges.isEmpty {
            groups = [.init(message: changelogMessage, changes: changelogChanges), .init(message: message, changes: versionChanges)]
        } else if !(changelogChanges + versionChanges).isEmpty {
            groups = [.init(message: message, changes: changelogChanges + versionChanges)]
        }
        return Commits(
            groups: groups, signing: try signingSettings(),
            pushCommand: try pushCommand(branch: session.head.branchName, tagNames: tagNames), author: author,
            committer: committer)
    }

    /// Makes `commits` and `tags` visible, all or nothing; `label` names the release in messages.
    func publish(
        _ commits: Commits, tags: [ReleasePublication.TagRequest], label: String, session: Session
    ) throws(ChangelogError) -> (commits: [ObjectID], tags: [ObjectID]) {
        let publication = ReleasePublication(
            repository: repository, root: session.root, gitDirectory: session.gitDirectory, releaseFiles: releaseFiles,
            signing: commits.signing, label: label, pushCommand: commits.pushCommand, author: commits.author,
            committer: commits.committer)
        return try publication.publish(groups: commits.groups, head: session.head, target: session.target, tags: tags)
    }
}
