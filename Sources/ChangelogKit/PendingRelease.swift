import Git
import Platform

/// A release that a crash, a kill or a full disk left between its state before and after:
/// `changelog release --continue` finishes it, `changelog release --abort` undoes it.
public struct PendingRelease {
    public let repository: Repository

    public init(repository: Repository) {
        self.repository = repository
    }

    /// Completes the pending release and says what it released, with what to run next; the
    /// warnings name git's lock files that a killed run left (see `abort`).
    public func finish() throws(ChangelogError) -> (summary: String, warnings: [String]) {
        var locks: [String] = []
        let summary = try settle { journal, transaction throws(ChangelogError) in
            locks = lockPaths(of: journal)
            do throws(ChangelogError) {
                try transaction.complete { step throws(ChangelogError) in
                    FaultPoint.reached(step)
                    try ReleaseSignals.checkpoint("the release of \(journal.version) is still pending; \(Self.howToSettle)")
                }
            } catch {
                if ReleaseSignals.pending != nil { throw error }
                throw ChangelogError(
                    "the release of \(journal.version) could not be finished: \(error.message); "
                        + "fix that and run `changelog release --continue` again, or `changelog release --abort`")
            }
            return
                "released \(journal.version): finished the pending release\n  tagged \(journal.tagNames)\n\nnext: \(journal.pushCommand)\n"
        }
        return (summary, locks.filter(FileSystem.exists).map(Self.leftoverLock))
    }

    /// Puts files, index, branch and tags back as they were before the pending release. The
    /// warnings name the lock files of what it wrote that a killed run left (git's `index.lock`,
    /// `refs/heads/main.lock`, `refs/tags/X.lock`): git stops at them, and only the user can tell
    /// that no git process owns them.
    public func abort() throws(ChangelogError) -> (summary: String, warnings: [String]) {
        var locks: [String] = []
        let summary = try settle { journal, transaction throws(ChangelogError) in
            locks = lockPaths(of: journal)
            // An undo runs to its end whatever signal comes: stopping it would only leave more to do.
            do throws(ChangelogError) {
                try transaction.undo { step in FaultPoint.reached(step) }
            } catch {
                throw ChangelogError(
                    "the release of \(journal.version) could not be undone: \(error.message); "
                        + "fix that and run `changelog release --abort` again")
            }
            let branch = journal.reference.map { ReferenceName.shortBranch($0.name) }
            let restored = journal.files.map(\.name) + (journal.files.isEmpty ? [] : ["the index"]) + (branch.map { [$0] } ?? [])
            let what = restored.isEmpty ? "" : "\(restored.joined(separator: ", ")) as before it, "
            // A tag of the same name that someone else made meanwhile is theirs, and stays.
            var kept: [String] = []
            for tag in journal.tags where try git({ () throws(GitError) in try repository.referenceTarget("refs/tags/\(tag.name)") }) != nil
            {
                kept.append(tag.name)
            }
            let removed = journal.tags.map(\.name).filter { !kept.contains($0) }
            let tags =
                (removed.isEmpty ? [] : ["no tag \(removed.joined(separator: ", "))"])
                + (kept.isEmpty ? [] : ["\(kept.joined(separator: ", ")) left as someone else tagged it"])
            return "aborted the release of \(journal.version): \(what)\(tags.joined(separator: ", "))\n"
        }
        return (summary, locks.filter(FileSystem.exists).map(Self.leftoverLock))
    }

    /// The lock files git takes for what the release writes: its index, branch and tags.
    private func lockPaths(of journal: ReleaseJournal) -> [String] {
        var directory = repository.commonDirectory
        if !directory.hasSuffix("/") { directory += "/" }
        let index = journal.files.isEmpty ? [] : [journal.indexPath + ".lock"]
        // A detached HEAD (--allow-detached) is the worktree's own, in its git directory.
        var own = repository.gitDirectory
        if !own.hasSuffix("/") { own += "/" }
        let branch = journal.reference.map { [($0.name == "HEAD" ? own : directory) + $0.name + ".lock"] } ?? []
        return index + branch + journal.tags.map { directory + "refs/tags/\($0.name).lock" }
    }

    static func leftoverLock(_ path: String) -> String {
        "\(path) is left from the interrupted release; remove it if no git process is running, or the next release stops at it"
    }

    private func settle(_ body: (ReleaseJournal, ReleaseTransaction) throws(ChangelogError) -> String) throws(ChangelogError) -> String {
        ReleaseSignals.install()
        let gitDirectory = repository.commonDirectory
        let lock = try ReleaseLock(gitDirectory: gitDirectory)
        defer { lock.release() }
        ReleaseJournal.removeLeftovers(in: gitDirectory)
        guard let recorded = try ReleaseJournal.load(from: gitDirectory) else {
            throw ChangelogError("no release is pending in this repository; there is nothing to continue or abort")
        }
        let journal = try recorded.relocated(root: repository.workingDirectory, gitDirectory: gitDirectory)
        GitSettings.setFsync(true)
        let summary = try body(journal, ReleaseTransaction(repository: repository, journal: journal))
        try ReleaseJournal.remove(from: gitDirectory)
        return summary
    }

    /// What `next` and `status` say while a release is pending: what they count may include the
    /// half-made release's commit, and no version is suggested until it is settled one way or the other.
    public static func notice(in repository: Repository) -> String? {
        let gitDirectory = repository.commonDirectory
        guard ReleaseJournal.exists(in: gitDirectory) else { return nil }
        let version = ReleaseJournal.pendingVersion(in: gitDirectory)
        return "the release\(version.map { " of \($0)" } ?? "") is pending, so what follows may count its commit; \(howToSettle)"
    }

    static let howToSettle = "run `changelog release --continue` to finish it, or `changelog release --abort` to undo it"

    /// Every release refuses to start while another is pending: its journal would be lost, and
    /// with it the only record of how to undo the half-made release.
    static func refuseIfPending(in gitDirectory: String) throws(ChangelogError) {
        guard ReleaseJournal.exists(in: gitDirectory) else { return }
        let version = ReleaseJournal.pendingVersion(in: gitDirectory)
        throw ChangelogError("the release\(version.map { " of \($0)" } ?? "") was interrupted and is pending; \(howToSettle)")
    }

    /// Undoes a release whose completion failed or was interrupted. If the undo fails too (a disk
    /// still full, a git lock), the journal stays and the error says how to settle it later.
    static func rollBack(_ transaction: ReleaseTransaction, in gitDirectory: String, after failure: ChangelogError) -> ChangelogError {
        let version = transaction.journal.version
        let signal = ReleaseSignals.pending
        let cause = signal.map { ReleaseSignals.name($0) } ?? failure.message
        let exitCode = signal.map { 128 + $0 } ?? 2
        do throws(ChangelogError) {
            try transaction.undo { step in FaultPoint.reached(step) }
            try ReleaseJournal.remove(from: gitDirectory)
        } catch {
            return ChangelogError(
                "the release of \(version) failed (\(cause)) and could not be undone (\(error.message)); "
                    + "it is pending: \(howToSettle)",
                exitCode: exitCode)
        }
        if let signal { return ReleaseSignals.interruption(signal, "the release of \(version) was undone") }
        return ChangelogError("the release of \(version) failed and was undone: \(failure.message)")
    }
}
