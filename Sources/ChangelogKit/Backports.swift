import ChangelogCore
import Git

/// `changelog backports --onto BRANCH`: the fixes on this branch that the maintenance branch has not
/// picked yet, the candidates for its next patch release.
public struct BackportReport {
    public var onto: String
    /// Where the two branches forked.
    public var forkPoint: ObjectID
    /// Fix and perf commits not yet on `onto`, oldest first, as they would be picked.
    public var candidates: [ParsedCommit]
    /// Fixes already on `onto`, each with the commit that brought it there and how that was seen.
    public var picked: [(commit: SourceCommit, pickedAs: SourceCommit, evidence: String)]
    /// Feature and breaking commits: never patch material.
    public var leftOut: [ParsedCommit]
}

extension History {
    /// The commits of `head` since it forked from `onto` that a patch release of `onto` could take.
    /// Reads only the two branches since their fork point; patch-ids only for fixes no trailer matched.
    public func backports(onto branch: String, head: String = "HEAD", policy: VersionPolicy) throws(ChangelogError) -> BackportReport {
        let ours = try resolve(head)
        let theirs = try resolve(branch)
        guard let fork = try git({ () throws(GitError) in try repository.mergeBase(ours, theirs) }) else {
            throw ChangelogError(
                "\(head) and \(branch) share no history, so nothing can be picked from one into the other; check the branch name")
        }
        let mine = try commits(from: fork, to: ours).withoutCancelledReverts
        // A pick reverted on the maintenance branch is not there any more: the fix is a candidate again.
        let stable = try commits(from: fork, to: theirs).withoutCancelledReverts.map(\.commit)
        var fixes: [ParsedCommit] = []
        var leftOut: [ParsedCommit] = []
        for commit in mine where commit.commit.parentCount <= 1 {
            guard case .conventional(let entry) = commit.message else { continue }
            switch policy.bump(for: entry) {
            case .patch: fixes.append(commit)
            case .minor, .major: leftOut.append(commit)
            case .none: break
            }
        }
        let matches = try changes.matches(of: fixes.map(\.commit), in: stable)
        var report = BackportReport(onto: branch, forkPoint: fork, candidates: [], picked: [], leftOut: leftOut.reversed())
        for fix in fixes.reversed() {
            if let match = matches[fix.commit.id] {
                report.picked.append((fix.commit, match.other, match.evidence.rawValue))
            } else {
                report.candidates.append(fix)
            }
        }
        return report
    }
}
