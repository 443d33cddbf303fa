import ChangelogCore
import Git

extension History {
    /// One package's history: its own tags (`tag-prefix` + version), and only the commits that
    /// belong to it (`filter`), so every range rule (reachability, maintenance lines,
    /// released-into) applies per package unchanged.
    public static func package(
        _ package: PackageSettings, repository: Repository, filter: CommitFilter
    ) throws(ChangelogError) -> History {
        let tags = try git { () throws(GitError) in try repository.versionTags(packagePrefix: package.tagPrefix) }
        return History(repository: repository, tags: tags, filter: filter)
    }

    /// The whole repository's tags, keeping only the commits `filter` keeps (`--include-path`).
    public static func filtered(
        repository: Repository, tagPrefix: String?, filter: CommitFilter
    ) throws(ChangelogError) -> History {
        let tags = try git { () throws(GitError) in try repository.versionTags(prefix: tagPrefix) }
        return History(repository: repository, tags: tags, filter: filter)
    }

    /// `commits` without those the package does not own; all of them without a filter.
    func members(_ commits: [SourceCommit]) throws(ChangelogError) -> [SourceCommit] {
        guard let filter else { return commits }
        var kept: [SourceCommit] = []
        for commit in commits where try filter.keeps(commit) { kept.append(commit) }
        return kept
    }

    /// The same for commits parsed already: their scope is read from what was parsed.
    func members(_ commits: [ParsedCommit]) throws(ChangelogError) -> [ParsedCommit] {
        guard let filter else { return commits }
        var kept: [ParsedCommit] = []
        for commit in commits where try filter.keeps(commit.commit, parsed: commit.message) { kept.append(commit) }
        return kept
    }
}
