import ChangelogCore
import Git

/// A release tagged on another branch, a maintenance line such as `1-3-stable`, with the commits it
/// shipped: those since the highest version tag reachable from it, found on its own branch.
public struct MaintenanceRelease {
    public var tag: VersionTag
    public var previous: VersionTag?
    /// Newest first.
    public var commits: [ParsedCommit]
    /// The commits whose change it shipped: a pick the branch reverted before releasing did not.
    public var shipped: [SourceCommit]
    /// When it was released (the tag's date): a release only takes changes from maintenance
    /// releases that shipped before it.
    public var date: Timestamp
}

extension History {
    /// Applies `[branches] backports` to one release whose range starts at `previous`, the highest
    /// version tag reachable from `target`: every release tag above `previous` and below the
    /// release's version is on another branch, and the changes those shipped first are omitted,
    /// marked or kept. `version` nil is Unreleased, bounded by the version its commits call for.
    /// `shippedBefore`, for a release tagged already, leaves out maintenance releases made after
    /// it (1.2.1 after 1.3.0 took nothing away from 1.3.0).
    func applyBackports(
        to plan: inout ReleasePlan, after previous: VersionTag?, target: ObjectID, shippedBefore date: Timestamp?,
        policy: VersionPolicy, patchOnly: Bool, mode: BranchSettings.BackportMode
    ) throws(ChangelogError) {
        // Most histories have no release above the range's start: then nothing is walked or parsed.
        guard let previous, tags.contains(where: { $0.version > previous.version && !$0.version.isPrerelease }) else { return }
        var limit = plan.version
        if limit == nil {
            limit = try unreleasedLimit(current: previous, since: plan.commits, target: target, policy: policy, patchOnly: patchOnly)
        }
        let maintenance = try maintenanceReleases(
            of: tags.filter { tag in
                tag.version > previous.version && limit.map { tag.version < $0 } ?? true
            }, target: target
        ).filter { release in date.map { release.date < $0 } ?? true }
        plan.apply(backports: try backported(plan.sources, in: maintenance), mode: mode)
    }

    /// The version that bounds the maintenance releases belonging before unreleased commits: the
    /// version they call for (1.4.0 on main, where 1.3.1 was shipped by 1-3-stable), else the
    /// current one. On 1-3-stable the commits call for 1.3.3, so main's 1.4.0 stays out.
    func unreleasedLimit(
        current: VersionTag, since: [ParsedCommit], target: ObjectID, policy: VersionPolicy,
        patchOnly: Bool
    ) throws(ChangelogError) -> SemanticVersion {
        let suggestion = try suggestVersion(
            at: target, current: current, since: since, policy: policy, prerelease: nil,
            tagPrefix: nil, patchOnly: patchOnly)
        return suggestion.next ?? current.version
    }

    /// Each of `tags` as a release of its own branch. Left out: pre-releases (an rc of the version
    /// being cut is not a release that shipped its changes first), a tag whose history contains
    /// `target` (a later release of the same line, for a branch behind its tag), and a tag of an
    /// unrelated history.
    public func maintenanceReleases(of tags: [VersionTag], target: ObjectID) throws(ChangelogError) -> [MaintenanceRelease] {
        var releases: [MaintenanceRelease] = []
        for tag in tags where !tag.version.isPrerelease {
            guard let (previous, commits) = try releaseOfAnotherBranch(tag, seenFrom: target) else { continue }
            let shipped = commits.withoutCancelledReverts.map(\.commit)
            releases.append(MaintenanceRelease(tag: tag, previous: previous, commits: commits, shipped: shipped, date: try date(of: tag)))
        }
        return releases
    }

    /// For each of `commits` whose change one of `releases` shipped: those releases' versions, lowest
    /// first. The run's one matcher (`changes`) computes no commit's paths or patch twice.
    func backported(_ commits: [SourceCommit], in releases: [MaintenanceRelease]) throws(ChangelogError) -> [CommitID: [SemanticVersion]] {
        guard !releases.isEmpty, !commits.isEmpty else { return [:] }
        var alsoIn: [CommitID: [SemanticVersion]] = [:]
        for release in releases.sorted(by: { $0.tag.version < $1.tag.version }) {
            for id in try changes.matches(of: commits, in: release.shipped).keys {
                alsoIn[id, default: []].append(release.tag.version)
            }
        }
        return alsoIn
    }
}

extension ReleasePlan {
    /// Applies `[branches] backports` to the commits that maintenance releases shipped first:
    /// `omit` leaves them to those releases, `mark` and `keep` list them here too, with `alsoIn` set.
    mutating func apply(backports alsoIn: [CommitID: [SemanticVersion]], mode: BranchSettings.BackportMode) {
        guard !alsoIn.isEmpty else { return }
        switch mode {
        case .omit: removeCommits { alsoIn[$0.id] != nil }
        case .mark, .keep: self.alsoIn = alsoIn
        }
    }
}
