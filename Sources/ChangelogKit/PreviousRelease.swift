import ChangelogCore
import Git

/// The release a new section starts after, and how that release came into the target branch.
///
/// A version tag is released into a target when the target reaches it, or when its release came
/// back without the tag: every commit the release branch made since it forked from the target has
/// a copy on the target after the fork point (a cherry-pick, a rebase, or one squash merge of the
/// whole branch). docs/ranges.md describes the rule and how copies are recognised.
public struct PreviousRelease {
    public var tag: VersionTag
    /// Where the target's new commits begin: the tag's commit when the target reaches it, else the
    /// point where the release's branch forked from the target.
    public var base: ObjectID
    /// Commits of the target after `base` that carry the release's own changes (the squash merge of
    /// its branch, rebased or cherry-picked copies): they shipped in this release, not the next.
    public var copies: Set<CommitID>
}

/// A release tagged off the target's history that came back to it, with both sides of the fork.
struct Homecoming {
    var release: PreviousRelease
    /// The release branch's commits since the fork point, newest first.
    var releaseSide: [SourceCommit]
    /// The target's commits since the fork point, newest first, copies included.
    var targetSide: [SourceCommit]
}

extension History {
    /// The highest version tag among those `isEligible` accepts that is released into `target`,
    /// and the commits since it, newest first, without the copies of that release's own commits.
    ///
    /// The reachable candidate comes from one walk that stops at the first eligible tag on each
    /// path (as `git describe`); higher tags the walk did not reach are tried highest first, and a
    /// tag whose commit left no trace in that walk (`ReleaseCopyIndex`) costs one commit read.
    func releaseRange(
        of target: ObjectID, where isEligible: (VersionTag) -> Bool,
        needsCommits: Bool = true
    ) throws(ChangelogError) -> (previous: PreviousRelease?, commits: [SourceCommit]) {
        let walk = try frontierWalk(of: target, where: isEligible)
        let floor = walk.previous?.version
        var candidates: [VersionTag] = []
        for tag in tags.reversed() {
            if let floor, tag.version <= floor { break }
            if isEligible(tag) { candidates.append(tag) }
        }
        var walked: [SourceCommit]?
        if !candidates.isEmpty {
            let commits = walk.commits.map(SourceCommit.init)
            walked = commits
            let index = ReleaseCopyIndex(commits, committed: walk.commits.map(\.committerTime))
            for tag in candidates {
                let tip = try git { () throws(GitError) in try repository.commit(tag.commitID) }
                guard
                    tip.parentIDs.count > 1 || index.mayHoldCopy(of: SourceCommit(tip), committed: tip.committerTime, version: tag.version)
                else {
                    continue
                }
                if let found = try homecoming(of: tag, into: target) {
                    guard needsCommits else { return (found.release, []) }
                    let commits = found.targetSide.filter { !found.release.copies.contains($0.id) }
                    return (
                        found.release,
                        try withoutLowerReleases(commits, below: found.release.tag, walk: walk.commits, target: target, where: isEligible)
                    )
                }
            }
        }
        guard let previous = walk.previous else {
            return (nil, needsCommits ? walked ?? walk.commits.map(SourceCommit.init) : [])
        }
        var release = PreviousRelease(tag: previous, base: previous.commitID, copies: [])
        guard needsCommits else { return (release, []) }
        // The walk stopped at every release on the frontier, hiding each with its ancestors: a
        // merged maintenance branch puts lower releases there, and a fix one of them shipped (1.0.1,
        // merged up after 1.1.0) is theirs, as `--all` assigns it, not listed again after 1.1.0.
        let range = walk.commits
        let commits = walked ?? range.map(SourceCommit.init)
        release.copies = try copiesOfMergedRelease(previous, range: range, sources: commits, target: target)
        let since = release.copies.isEmpty ? commits : commits.filter { !release.copies.contains($0.id) }
        return (release, try withoutLowerReleases(since, below: previous, walk: range, target: target, where: isEligible))
    }

    /// `commits` without the copies of releases below `previous` that came back to `target` as
    /// copies (a hotfix tagged on 1.0.x after main's 1.1.0, then picked into main): 1.0.1 shipped
    /// that fix, as `--all` assigns it. Only `commits`, the section, are looked at, whatever the walk
    /// read (on git-flow's develop it is the whole history); the tags are read only when one of them
    /// may carry a release (`ReleaseCopyIndex.mayCarryARelease`).
    private func withoutLowerReleases(
        _ commits: [SourceCommit], below previous: VersionTag, walk: [Commit], target: ObjectID,
        where isEligible: (VersionTag) -> Bool
    ) throws(ChangelogError) -> [SourceCommit] {
        // The section's commits as read already, with their commit times from the walk.
        let ids = Set(commits.map(\.id))
        let section = walk.filter { ids.contains(CommitID($0.id)) }
        var committed: [CommitID: Int64] = [:]
        for commit in section { committed[CommitID(commit.id)] = commit.committerTime }
        let timed = commits.compactMap { commit in committed[commit.id].map { (commit, $0) } }
        let (sources, times) = (timed.map(\.0), timed.map(\.1))
        guard zip(sources, times).contains(where: { ReleaseCopyIndex.mayCarryARelease($0, committed: $1) }) else { return commits }
        let index = ReleaseCopyIndex(sources, committed: times)
        var copies = Set<CommitID>()
        for tag in tags.reversed() where tag.version < previous.version && isEligible(tag) {
            let tip = try git { () throws(GitError) in try repository.commit(tag.commitID) }
            guard index.mayHoldCopy(of: SourceCommit(tip), committed: tip.committerTime, version: tag.version),
                let fork = try git({ () throws(GitError) in try repository.mergeBase(tag.commitID, target) }), fork != tag.commitID
            else { continue }
            // The release's own side is short; the target's copies can only matter in the section.
            let releaseSide = try sourceCommits(from: fork, to: tag.commitID)
            guard let found = try copiesIfCameBack(tag, fork: fork, releaseSide: releaseSide, candidates: commits) else { continue }
            // Tagged on a merge of a branch the target merged too (a git-flow support line), it
            // made no copy: what it shipped is what the target reaches from the fork point.
            copies.formUnion(found.isEmpty ? Self.reached(from: fork, in: section) : found)
        }
        return copies.isEmpty ? commits : commits.filter { !copies.contains($0.id) }
    }

    /// The commits of `section` that `start` reaches (itself included), through parents in it.
    private static func reached(from start: ObjectID, in section: [Commit]) -> Set<CommitID> {
        var byID: [ObjectID: Commit] = [:]
        for commit in section { byID[commit.id] = commit }
        var found = Set<CommitID>()
        var stack = [start]
        while let id = stack.popLast() {
            guard let commit = byID[id], found.insert(CommitID(id)).inserted else { continue }
            stack.append(contentsOf: commit.parentIDs)
        }
        return found
    }

    /// The commits of `range` (`release..target`) that copy changes the release's branch made:
    /// for a release branch merged back, the fixes first made on the target and cherry-picked into
    /// it. The branch's side is what the release reaches and the target's first-parent line
    /// does not; a release on that line has no side, and nothing is compared. `sources` are the
    /// range's commits as converted already.
    func copiesOfMergedRelease(
        _ release: VersionTag, range: [Commit], sources: [SourceCommit],
        target: ObjectID
    ) throws(ChangelogError) -> Set<CommitID> {
        var byID: [ObjectID: Commit] = [:]
        byID.reserveCapacity(range.count)
        for commit in range { byID[commit.id] = commit }
        var line = target
        while let commit = byID[line] {
            guard let parent = commit.parentIDs.first else { return [] }
            line = parent
        }
        guard line != release.commitID else { return [] }
        let side = try sourceCommits(from: line, to: release.commitID)
        guard !side.isEmpty else { return [] }
        return Set(try changes.copies(of: side, among: sources).keys)
    }

    /// `tag` as released into `target` without being reachable from it, with the target's commits
    /// since the fork point (newest first); nil when some change of the release never came back.
    /// A tag the target does reach after all (behind a lower tag) is returned as reachable.
    func homecoming(of tag: VersionTag, into target: ObjectID) throws(ChangelogError) -> Homecoming? {
        guard let fork = try git({ () throws(GitError) in try repository.mergeBase(tag.commitID, target) }) else { return nil }
        if fork == tag.commitID {
            let range = try sourceCommits(from: fork, to: target)
            return Homecoming(release: PreviousRelease(tag: tag, base: fork, copies: []), releaseSide: [], targetSide: range)
        }
        let releaseSide = try sourceCommits(from: fork, to: tag.commitID)
        let targetSide = try sourceCommits(from: fork, to: target)
        guard let copies = try copiesIfCameBack(tag, fork: fork, releaseSide: releaseSide, candidates: targetSide) else { return nil }
        return Homecoming(release: PreviousRelease(tag: tag, base: fork, copies: copies), releaseSide: releaseSide, targetSide: targetSide)
    }

    /// The rule of `PreviousRelease` applied to one release: every non-merge commit of the release
    /// branch since `fork` has a copy among `candidates` (the target's commits since the fork, or
    /// those of them that could be copies), and the tagged commit's copy came after it (or one
    /// squash merge brings the whole branch). The copies on the target side; nil when it did not
    /// come back. `squashes`, when given, are the candidates whose message may name the release:
    /// the squash merge is looked for among them only.
    func copiesIfCameBack(
        _ tag: VersionTag, fork: ObjectID, releaseSide: [SourceCommit],
        candidates: [SourceCommit], squashes: [SourceCommit]? = nil
    ) throws(ChangelogError) -> Set<CommitID>? {
        // Only merges since the fork (git-flow tags the merge of a hotfix branch into master, and
        // develop merges that branch too): every change the release holds is on the target already.
        guard let last = releaseSide.first(where: { $0.parentCount <= 1 }) else { return releaseSide.isEmpty ? nil : [] }
        let found = try changes.copies(of: releaseSide, among: candidates)
        var copies = Set(found.keys)
        let covered = Set(found.values.map(\.id))
        // Coming back is a move from the branch to the target: a fix made on the target and picked
        // into a maintenance branch has its equivalent here too, but as the original, made before.
        let originals = Set(ChangeMatcher.origins(of: last).dropFirst())
        var cameBack = false
        for (copy, original) in found where original.id == last.id && !originals.contains(copy.hex) {
            if try committerTime(copy) >= committerTime(last.id) {
                cameBack = true
                break
            }
        }
        if !cameBack || releaseSide.contains(where: { $0.parentCount <= 1 && !covered.contains($0.id) }) {
            guard let squash = try squashMerge(of: tag, releaseSide: releaseSide, fork: fork, among: squashes ?? candidates) else {
                return nil
            }
            copies.insert(squash)
        }
        return copies
    }

    private func committerTime(_ id: CommitID) throws(ChangelogError) -> Int64 {
        try git { () throws(GitError) in try repository.commit(ObjectID(id)).committerTime }
    }

    /// The commit of `candidates` that squash-merged the release's branch: made after the release,
    /// its message names it (the branch's last commit subject, as forges write a squash, or the
    /// version), and it brings every path the branch changed to the release's content, except paths the target had
    /// changed itself since the fork, where a merge may have resolved both changes together.
    private func squashMerge(
        of tag: VersionTag, releaseSide: [SourceCommit], fork: ObjectID,
        among candidates: [SourceCommit]
    ) throws(ChangelogError) -> CommitID? {
        guard let last = releaseSide.first(where: { $0.parentCount <= 1 }) else { return nil }
        let named = candidates.filter { commit in
            commit.parentCount == 1 && ReleaseCopyIndex.message(commit.message, names: last.subjectLine, version: tag.version)
        }
        guard !named.isEmpty else { return nil }
        let paths = try changes.changedPaths(from: fork, to: tag.commitID)
        return try git { () throws(GitError) -> CommitID? in
            let atFork = try repository.entries(of: fork, at: paths)
            let atRelease = try repository.entries(of: tag.commitID, at: paths)
            let released = try repository.commit(tag.commitID).committerTime
            for commit in named {
                // A squash merge brings the release back: it is made after it.
                let id = ObjectID(commit.id)
                let squash = try repository.commit(id)
                guard squash.committerTime >= released, let parent = squash.parentIDs.first else { continue }
                let after = try repository.entries(of: id, at: paths)
                let before = try repository.entries(of: parent, at: paths)
                var brought = false
                var matches = true
                for index in paths.indices where after[index] != atRelease[index] {
                    // The target changed this path on its own: a resolution of both changes is fine.
                    if before[index] != atFork[index] { continue }
                    matches = false
                    break
                }
                for index in paths.indices where after[index] == atRelease[index] && before[index] != atRelease[index] {
                    brought = true
                }
                if matches && brought { return commit.id }
            }
            return nil
        }
    }
}
