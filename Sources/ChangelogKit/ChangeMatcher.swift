import ChangelogCore
import Git

/// Tells which commits make the same change as commits elsewhere: the cherry-picks of a fix.
///
/// Two commits are the same change when one names the other in git's `(cherry picked from commit
/// <id>)` line, when both name the same original, when both have the same author, author date and
/// subject (what `git rebase` and `git cherry-pick` keep of a commit they copy, conflicts or not),
/// or when their patches are the same (stable patch-ids, as `git patch-id --stable` computes them).
/// A pick whose conflict resolution changed the patch and that carries none of these is a different
/// change: nothing in the history says otherwise. Patch-ids cost a diff and a hash of it each, so
/// they are computed only for commits nothing cheaper matched, and only where a commit on the
/// other side changes the same paths, which tree ids tell before any diff (`TreeComparer`).
/// One matcher serves a whole run (`History.changes`), so no commit is diffed twice.
final class ChangeMatcher {
    enum Evidence: String {
        case trailer
        case identity
        case patchID = "patch-id"
    }

    let repository: Repository
    private var patchIDs: [CommitID: ObjectID?] = [:]
    private var paths: [CommitID: [String]?] = [:]
    private let trees: TreeComparer

    init(repository: Repository) {
        self.repository = repository
        trees = TreeComparer(repository: repository)
    }

    /// Takes the trees of commits read already, so comparing them reads no commit twice.
    func remember(_ commits: some Sequence<Commit>) {
        trees.remember(commits)
    }

    /// For each of `commits` that makes a change one of `others` makes too: the first such other
    /// commit (in `others`' order) and what showed it. `patchIDs: false` looks only at what the
    /// messages and authors say, which costs no diff.
    func matches(
        of commits: [SourceCommit], in others: [SourceCommit],
        patchIDs: Bool = true
    ) throws(ChangelogError) -> [CommitID: (other: SourceCommit, evidence: Evidence)] {
        guard !commits.isEmpty, !others.isEmpty else { return [:] }
        // A commit stands for its own id and every original its cherry-pick lines name; a line
        // written by hand may abbreviate the id, which then matches as a prefix.
        var byOrigin: [String: Int] = [:]
        var abbreviated: [(prefix: String, index: Int)] = []
        for (index, other) in others.enumerated() {
            for origin in Self.origins(of: other) {
                if origin.utf8.count < 40 {
                    abbreviated.append((origin, index))
                } else if byOrigin[origin] == nil {
                    byOrigin[origin] = index
                }
            }
        }
        func match(_ origin: String) -> Int? {
            if origin.utf8.count == 40 {
                return byOrigin[origin] ?? abbreviated.first { origin.hasPrefix($0.prefix) }?.index
            }
            return byOrigin.first { $0.key.hasPrefix(origin) }?.value
                ?? abbreviated.first { $0.prefix.hasPrefix(origin) || origin.hasPrefix($0.prefix) }?.index
        }
        var byIdentity: [CopyIdentity: Int] = [:]
        for (index, other) in others.enumerated() where other.parentCount <= 1 {
            let key = CopyIdentity(other)
            if byIdentity[key] == nil { byIdentity[key] = index }
        }
        var found: [CommitID: (other: SourceCommit, evidence: Evidence)] = [:]
        var unmatched: [SourceCommit] = []
        for commit in commits where commit.parentCount <= 1 {
            if let index = Self.origins(of: commit).lazy.compactMap(match).first {
                found[commit.id] = (others[index], .trailer)
            } else if let index = byIdentity[CopyIdentity(commit)] {
                found[commit.id] = (others[index], .identity)
            } else {
                unmatched.append(commit)
            }
        }
        guard patchIDs, !unmatched.isEmpty else { return found }
        // Equal patches touch equal paths: compare the cheap path lists first, and hash patches only
        // for commits whose paths some commit on the other side also changes.
        var byPaths: [[String]: [Int]] = [:]
        for (index, other) in others.enumerated() where other.parentCount <= 1 {
            if let paths = try changedPaths(other) { byPaths[paths, default: []].append(index) }
        }
        // A commit whose paths equal some other's changes that other's first path: the probe
        // answers that from tree ids, so only those few commits are diffed.
        let firstPaths = TreeComparer.Paths(byPaths.keys.compactMap(\.first))
        var byPatch: [ObjectID: Int] = [:]
        var hashed: Set<Int> = []
        for commit in unmatched {
            guard try mayChange(firstPaths, commit) else { continue }
            guard let paths = try changedPaths(commit), let sameFiles = byPaths[paths] else { continue }
            for index in sameFiles where hashed.insert(index).inserted {
                if let id = try patchID(others[index]), byPatch[id] == nil { byPatch[id] = index }
            }
            if let id = try patchID(commit), let index = byPatch[id] {
                found[commit.id] = (others[index], .patchID)
            }
        }
        return found
    }

    /// The commits of `target` that copy a commit of `branch` (a branch and the one it forked
    /// from, since the fork), each with the commit it copies. What messages and authors say is
    /// looked up for all of them; patches are compared only for target commits written no later
    /// than the branch's newest (a cherry-pick keeps its original's author date, so the original
    /// of a fix picked into the branch is among those), which keeps diffs to the release's window.
    func copies(of branch: [SourceCommit], among target: [SourceCommit]) throws(ChangelogError) -> [CommitID: SourceCommit] {
        guard !branch.isEmpty, !target.isEmpty else { return [:] }
        var found = try matches(of: target, in: branch, patchIDs: false).mapValues(\.other)
        let newest = branch.map(\.date.secondsSince1970).max()!
        let window = target.filter { found[$0.id] == nil && $0.date.secondsSince1970 <= newest }
        for (id, match) in try matches(of: window, in: branch) { found[id] = match.other }
        return found
    }

    static func origins(of commit: SourceCommit) -> [String] {
        [commit.id.hex]
            + CommitMessageParser.cherryPickedFrom(in: commit.message)
            .map { $0.lowercased() }
            .filter {
                $0.utf8.count >= 7 && $0.utf8.count <= 40 && $0.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
            }
    }

    private func mayChange(_ paths: TreeComparer.Paths, _ commit: SourceCommit) throws(ChangelogError) -> Bool {
        try git { () throws(GitError) in try trees.changesAny(of: paths, commit: ObjectID(commit.id)) }
    }

    private func changedPaths(_ commit: SourceCommit) throws(ChangelogError) -> [String]? {
        if let known = paths[commit.id] { return known }
        let changed = try git { () throws(GitError) in try trees.changedPaths(of: ObjectID(commit.id)) }
        paths[commit.id] = changed
        return changed
    }

    private func patchID(_ commit: SourceCommit) throws(ChangelogError) -> ObjectID? {
        if let known = patchIDs[commit.id] { return known }
        let patch = try git { () throws(GitError) in try repository.patchID(of: ObjectID(commit.id)) }
        patchIDs[commit.id] = patch
        return patch
    }
}
