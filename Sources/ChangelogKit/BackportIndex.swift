import ChangelogCore
import Git

/// Maintenance releases indexed once for `backported(_:in:where:)`: a whole history's releases each
/// compared with the maintenance releases that shipped before them, one look at each commit.
struct BackportIndex {
    /// The releases' versions and dates, in ascending version order.
    let versions: [SemanticVersion]
    let dates: [Timestamp]
    fileprivate let groups: ChangeMatcher.GroupIndex
}

extension History {
    func backportIndex(_ releases: [MaintenanceRelease]) -> BackportIndex {
        let sorted = releases.sorted { $0.tag.version < $1.tag.version }
        return BackportIndex(
            versions: sorted.map(\.tag.version), dates: sorted.map(\.date), groups: changes.index(groups: sorted.map(\.shipped)))
    }

    /// `backported(commits, in: releases)` for the releases of `index` above `previous` and below
    /// `limit` that shipped before `date` (when given): a run of versions, found by bisection.
    func backported(
        _ commits: [SourceCommit], in index: BackportIndex, above previous: SemanticVersion, below limit: SemanticVersion,
        shippedBefore date: Timestamp?
    ) throws(ChangelogError) -> [CommitID: [SemanticVersion]] {
        let versions = index.versions
        // The first position where `isPast` holds, for a predicate false on a prefix of the ascending versions.
        func firstPosition(where isPast: (SemanticVersion) -> Bool) -> Int {
            var low = 0, high = versions.count
            while low < high {
                let middle = (low + high) / 2
                if isPast(versions[middle]) { high = middle } else { low = middle + 1 }
            }
            return low
        }
        let start = firstPosition { $0 > previous }, end = firstPosition { !($0 < limit) }
        let relevant = (start..<max(start, end)).filter { group in date.map { index.dates[group] < $0 } ?? true }
        guard !relevant.isEmpty, !commits.isEmpty else { return [:] }
        return try changes.groups(matching: commits, in: index.groups, among: relevant).mapValues { groups in groups.map { versions[$0] } }
    }
}
