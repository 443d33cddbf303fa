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
        try backported([BackportQuestion(commits: commits, above: previous, below: limit, shippedBefore: date)], in: index)[0]
    }

    /// The same for each release of a whole history: what its commits' messages, ids and authors say
    /// is looked up on every core, one release at a time, and the few patches then compared here.
    func backported(_ questions: [BackportQuestion], in index: BackportIndex) throws(ChangelogError) -> [[CommitID: [SemanticVersion]]] {
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
        let asked: [(commits: [SourceCommit], groups: [Int])] = questions.map { question in
            let start = firstPosition { $0 > question.above }, end = firstPosition { !($0 < question.below) }
            let relevant = (start..<max(start, end)).filter { group in question.shippedBefore.map { index.dates[group] < $0 } ?? true }
            return (relevant.isEmpty ? [] : question.commits, relevant)
        }
        let groups = index.groups
        let partials = parallelMap(asked, chunks: 8) { groups.groupsWithoutPatches(matching: $0.commits, among: $0.groups) }
        var answers: [[CommitID: [SemanticVersion]]] = []
        answers.reserveCapacity(partials.count)
        for partial in partials {
            answers.append(try changes.groups(completing: partial).mapValues { groups in groups.map { versions[$0] } })
        }
        return answers
    }
}

/// One release's commits and the maintenance releases they are compared with: those above `above`,
/// below `below`, shipped before `shippedBefore` when given.
struct BackportQuestion {
    var commits: [SourceCommit]
    var above: SemanticVersion
    var below: SemanticVersion
    var shippedBefore: Timestamp?
}
