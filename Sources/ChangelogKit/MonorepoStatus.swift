import ChangelogCore
import Git

/// `changelog status`: for every configured package, its current and next versions, the commits
/// waiting for a release and the bump they call for. The packages share one membership, so which
/// packages a commit touches is decided once per commit, whichever packages ask.
public struct MonorepoStatus {
    public let repository: Repository
    public let configuration: Configuration

    public init(repository: Repository, configuration: Configuration) {
        self.repository = repository
        self.configuration = configuration
    }

    /// The package histories of `packages`, sharing the repository's tags (listed once), one
    /// membership and the corrections of `changelog amend` (its notes, read once).
    public static func histories(
        of packages: [PackageSettings], repository: Repository, include: [PathGlob] = [], exclude: [PathGlob] = []
    ) throws(ChangelogError) -> [History] {
        let membership = PackageMembership(
            repository: repository, rules: packages.map { .init(package: $0, include: include, exclude: exclude) })
        let all = try git { () throws(GitError) in try repository.tags() }
        let histories = packages.enumerated().map { number, package in
            History(
                repository: repository, tags: VersionTag.packageTags(all, prefix: package.tagPrefix),
                filter: CommitFilter(membership: membership, rule: number))
        }
        if let first = histories.first {
            let amendments = try first.amendments()
            for history in histories.dropFirst() { history.loadedAmendments = amendments }
        }
        return histories
    }

    public func run(target revision: String = "HEAD") throws(ChangelogError) -> StatusDocument {
        guard !configuration.packages.isEmpty else {
            throw ChangelogError("no packages are configured; add a [packages.NAME] table with a path to .changelog.toml")
        }
        if repository.isHeadUnborn && revision == "HEAD" {
            throw ChangelogError.unbornBranch(repository, fresh: "the repository has no commits yet; commit something first")
        }
        // Each package walks back to its own latest release: the ranges overlap, so each commit is
        // read once and kept, and which packages it touches is decided once (the shared membership).
        repository.keepCommits()
        let histories = try Self.histories(of: configuration.packages, repository: repository)
        let byName = Dictionary(zip(configuration.packages.map(\.name), histories), uniquingKeysWith: { first, _ in first })
        var lines: [String: StatusDocument.Package] = [:]
        // The branch is the repository's, whichever package asks (a detached HEAD lists branches).
        let branch = histories.first?.branch(of: revision)
        // Dependencies first: as `release --all-packages` does, a package whose dependency has a
        // release due is released with it, at least a patch.
        for package in CutPackageReleases.dependenciesFirst(configuration.packages) {
            guard let history = byName[package.name] else { continue }
            let target = try history.resolve(revision)
            let line = configuration.branches.line(of: branch)
            let (current, since) = try history.sincePreviousRelease(of: target)
            func suggest(atLeast: BumpLevel) throws(ChangelogError) -> VersionSuggestion {
                try history.suggestVersion(
                    at: target, current: current, since: since, policy: configuration.bump, prerelease: nil, tagPrefix: package.tagPrefix,
                    patchOnly: line == nil && configuration.branches.isPatchOnly(branch), line: line, atLeast: atLeast)
            }
            var suggestion = try suggest(atLeast: .none)
            var bump = suggestion.bump.rawValue
            var dependencies: [String] = []
            if suggestion.next == nil {
                dependencies = package.dependsOn.compactMap { name in lines[name]?.next.map { "\(name) \($0)" } }
                if !dependencies.isEmpty {
                    suggestion = try suggest(atLeast: .patch)
                    bump = "dependency"
                }
            }
            var status = StatusDocument.Package(
                name: package.name, current: suggestion.current?.version, currentTag: suggestion.current?.name,
                next: suggestion.next, nextTag: suggestion.nextTag, bump: bump,
                pending: suggestion.commits.count, drivers: suggestion.drivers)
            status.dependencies = dependencies
            lines[package.name] = status
        }
        return StatusDocument(packages: configuration.packages.compactMap { lines[$0.name] })
    }
}
