import ChangelogCore
import Git

extension History {
    /// Where `changelog amend` keeps its corrections, one note per commit.
    public static let notesReference = "refs/notes/changelog"

    /// Every correction in the repository's notes, read once per run.
    func amendments() throws(ChangelogError) -> [CommitID: CommitAmendment] {
        if let loadedAmendments { return loadedAmendments }
        let notes = try git { () throws(GitError) in try repository.notes(reference: Self.notesReference) }
        var amendments: [CommitID: CommitAmendment] = [:]
        for (id, note) in notes { amendments[CommitID(id)] = CommitAmendment(note: note) }
        loadedAmendments = amendments
        return amendments
    }

    /// `commits` as changelogs read them: corrected messages in, hidden commits out.
    func amended(_ commits: [SourceCommit]) throws(ChangelogError) -> [SourceCommit] {
        let amendments = try amendments()
        guard !amendments.isEmpty else { return commits }
        return commits.compactMap { commit in amendments[commit.id].map { $0.applied(to: commit) } ?? commit }
    }

    /// What a range lists: its commits corrected, then kept when the package (if any) owns them,
    /// so a corrected scope claims a commit as the original would.
    func listed(_ commits: [SourceCommit]) throws(ChangelogError) -> [SourceCommit] {
        try members(amended(commits))
    }

    /// The same, parsed, each commit once: when a package claims commits by scope, every commit is
    /// parsed to read its scope and that parse is kept; otherwise only the commits kept are parsed.
    func parsedListing(_ commits: [SourceCommit]) throws(ChangelogError) -> [ParsedCommit] {
        let corrected = try amended(commits)
        guard let filter, filter.membership.hasScopes else { return try members(corrected).map(ParsedCommit.init) }
        return try members(corrected.map(ParsedCommit.init))
    }
}
