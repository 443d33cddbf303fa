/// A commit together with what its message says, parsed once and shared by every consumer.
public struct ParsedCommit: Sendable, Equatable {
    public var commit: SourceCommit
    public var message: ParsedMessage

    public init(_ commit: SourceCommit) {
        self.commit = commit
        message = CommitMessageParser.parse(commit.message, parentCount: commit.parentCount)
    }

    public init(commit: SourceCommit, message: ParsedMessage) {
        self.commit = commit
        self.message = message
    }

    /// The conventional reading of the commit as a changelog entry: conventional commits as they
    /// are, git's `Revert "..."` as a `revert` entry whose subject is the reverted header.
    public var entry: ConventionalCommit? {
        switch message {
        case .conventional(let conventional):
            return conventional
        case .revert(let revert):
            return ConventionalCommit(
                type: "revert", scope: nil, isBreaking: false, subject: revert.revertedHeader,
                body: nil, footers: [], breakingNote: nil, references: [])
        case .merge, .autosquash, .invalid:
            return nil
        }
    }

    /// Commits this one reverts, by full or abbreviated id.
    public var revertedIDs: [String] {
        switch message {
        case .revert(let revert): return revert.revertedIDs
        case .conventional(let conventional) where conventional.type == "revert":
            return CommitMessageParser.revertedIDs(in: commit.message)
        default: return []
        }
    }
}

extension Array where Element == ParsedCommit {
    /// Indices of commits that leave the release: a commit reverted inside the same release goes
    /// together with its revert. The newest revert is paired first, so reverting a revert cancels
    /// that pair and brings the original back.
    public var cancelledByReverts: Set<Int> {
        let commits = self
        // Most releases revert nothing: only those that do index their commits by id.
        let reverts = commits.indices.compactMap { index in
            let ids = commits[index].revertedIDs
            return ids.isEmpty ? nil : (index: index, ids: ids)
        }
        guard !reverts.isEmpty else { return [] }
        var dropped = Set<Int>()
        var indexByID: [CommitID: Int] = [:]
        for (index, parsed) in commits.enumerated() { indexByID[parsed.commit.id] = index }
        for (index, ids) in reverts {
            for reverted in ids {
                let target = commits.index(named: reverted, byID: indexByID, other: index)
                guard let target, target != index, !dropped.contains(target), !dropped.contains(index) else { continue }
                dropped.insert(target)
                dropped.insert(index)
            }
        }
        return dropped
    }

    /// Indices of commits that copy another commit of the same release, named in their
    /// `(cherry picked from commit …)` line: a fix picked into a release branch after its last tag
    /// comes back with the branch beside its original, and one change is listed once, as the original.
    public var copiesOfOthers: Set<Int> {
        let commits = self
        // Most releases hold no cherry-pick line: only those that do index their commits by id.
        let picks = commits.indices.compactMap { index -> (index: Int, origins: [String])? in
            let message = commits[index].commit.message
            guard CommitMessageParser.mayHaveCherryPickLine(message) else { return nil }
            let origins = CommitMessageParser.cherryPickedFrom(in: message)
            return origins.isEmpty ? nil : (index, origins)
        }
        guard !picks.isEmpty else { return [] }
        var indexByID: [CommitID: Int] = [:]
        for (index, parsed) in commits.enumerated() { indexByID[parsed.commit.id] = index }
        var copies = Set<Int>()
        for (index, origins) in picks {
            let pick = commits[index].commit
            let named = origins.contains { origin in
                guard let original = commits.index(named: origin, byID: indexByID, other: index), original != index,
                    !copies.contains(original)
                else { return false }
                // A pick keeps its original's subject (a forge's ` (#8)` aside, for a squashed one), or
                // (reworded) its author and date; a squash merge whose body carries the line of one
                // squashed pick is a change of its own.
                let source = commits[original].commit
                return ReleaseCopyIndex.key(source.subjectLine) == ReleaseCopyIndex.key(pick.subjectLine)
                    || (source.author == pick.author && source.date.secondsSince1970 == pick.date.secondsSince1970)
            }
            if named { copies.insert(index) }
        }
        return copies
    }

    /// The index of the commit a message names by `id`, in full (looked up in `byID`) or abbreviated
    /// to 7 hex digits or more (matched as a prefix, `index` itself aside): a revert's or a pick's.
    private func index(named id: String, byID: [CommitID: Int], other index: Int) -> Int? {
        if let full = CommitID(hex: id) { return byID[full] }
        guard id.count >= 7 else { return nil }
        return indices.first { $0 != index && self[$0].commit.id.hasPrefix(id) }
    }

    /// The commits that stay once reverts inside the same range have cancelled what they revert.
    public var withoutCancelledReverts: [ParsedCommit] {
        let dropped = cancelledByReverts
        guard !dropped.isEmpty else { return self }
        return enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }
}
