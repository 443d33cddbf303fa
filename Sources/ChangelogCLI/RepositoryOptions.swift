import ArgumentParser
import ChangelogCore
import ChangelogKit
import Git

/// Options every command that reads a repository shares.
struct RepositoryOptions: ParsableArguments {
    @Option(
        name: .customLong("repo"),
        help: ArgumentHelp("The repository to read (default: discovered from the working directory).", valueName: "path"))
    var repositoryPath: String?

    @Option(
        name: [.customShort("c"), .long],
        help: ArgumentHelp("The configuration file (default: .changelog.toml, else .clog.toml, at the repository root).", valueName: "file")
    )
    var config: String?

    @Option(
        name: [.customShort("P"), .customLong("package")],
        help: ArgumentHelp(
            "A package of a monorepo ([packages.NAME]): its tags, commits, changelog and version files (release: repeatable).",
            valueName: "name"))
    var packages: [String] = []

    /// The one package a command other than `release` works on.
    var package: String? { packages.last }

    /// Only `release` takes several packages; every other command works on one.
    private func refuseSeveralPackages() throws(ChangelogError) {
        guard packages.count > 1 else { return }
        throw ChangelogError(
            "-P/--package names one package here, found \(packages.count); only release takes several (or --all-packages)",
            exitCode: 64)
    }

    @Option(
        name: .customLong("include-path"),
        help: ArgumentHelp("Only commits that change a file matching this glob (repeatable; git-cliff's syntax).", valueName: "glob"))
    var includePaths: [String] = []

    @Option(
        name: .customLong("exclude-path"),
        help: ArgumentHelp("Leave out commits that change only files matching this glob (repeatable).", valueName: "glob"))
    var excludePaths: [String] = []

    /// Refuses `-P`, `--include-path` and `--exclude-path` for a command they would not change
    /// (`command` does the same whatever package or paths), rather than ignoring them.
    func refuseCommitSelection(for command: String) throws {
        if package != nil || !includePaths.isEmpty || !excludePaths.isEmpty {
            throw ValidationError("\(command) works on the whole repository; drop -P/--package, --include-path and --exclude-path")
        }
    }

    /// Opens the repository and its configuration: for `--package`, that package's history and
    /// settings; with `--include-path`/`--exclude-path`, only the commits they keep.
    /// `refusingMissingPaths`: a package none of whose paths is in HEAD's tree stops the command
    /// (release); elsewhere each missing path is a warning.
    func open(refusingMissingPaths: Bool = false) throws(ChangelogError) -> (History, Configuration) {
        try refuseSeveralPackages()
        return try history(of: try openRepository(), refusingMissingPaths: refusingMissingPaths)
    }

    /// `open`'s history, for a repository and configuration opened already (`openRepository`).
    func history(
        of opened: (Repository, Configuration), refusingMissingPaths: Bool = false
    ) throws(ChangelogError) -> (History, Configuration) {
        let (repository, configuration) = opened
        if package != nil || !includePaths.isEmpty || !excludePaths.isEmpty { Self.readTreesUncached() }
        let include = try Self.globs(includePaths, option: "--include-path")
        let exclude = try Self.globs(excludePaths, option: "--exclude-path")
        if let package {
            let settings: PackageSettings
            do {
                settings = try configuration.package(named: package)
            } catch {
                throw ChangelogError(error)
            }
            try PackagePaths.check([settings], in: repository, refusing: refusingMissingPaths, warn: Terminal.warning)
            let membership = PackageMembership(
                repository: repository, rules: [.init(package: settings, include: include, exclude: exclude)])
            let history = try History.package(settings, repository: repository, filter: CommitFilter(membership: membership, rule: 0))
            return (history, configuration.scoped(to: settings))
        }
        if !include.isEmpty || !exclude.isEmpty {
            let membership = PackageMembership(repository: repository, rules: [.init(include: include, exclude: exclude)])
            let filter = CommitFilter(membership: membership, rule: 0)
            return (try History.filtered(repository: repository, tagPrefix: configuration.tagPrefix, filter: filter), configuration)
        }
        return (try History(repository: repository, tagPrefix: configuration.tagPrefix), configuration)
    }

    /// The repository and configuration for a command over every package (`status`): a
    /// `--package` there is a mistake, said plainly.
    func openForPackages() throws(ChangelogError) -> (Repository, Configuration) {
        if package != nil || !includePaths.isEmpty || !excludePaths.isEmpty {
            throw ChangelogError.selectionRefused(by: "status")
        }
        let opened = try openRepository()
        Self.readTreesUncached()
        try PackagePaths.check(opened.1.packages, in: opened.0, refusing: false, warn: Terminal.warning)
        return opened
    }

    /// The repository and configuration `openRepository` opened, with the path globs, for a release
    /// of several packages, which applies `--include-path`/`--exclude-path` within each.
    func forPackageRelease(
        _ opened: (Repository, Configuration)
    ) throws(ChangelogError) -> (Repository, Configuration, include: [PathGlob], exclude: [PathGlob]) {
        let (repository, configuration) = opened
        Self.readTreesUncached()
        return (
            repository, configuration, try Self.globs(includePaths, option: "--include-path"),
            try Self.globs(excludePaths, option: "--exclude-path")
        )
    }

    /// Deciding which packages a commit touches reads two new trees per commit and keeps what it
    /// needs of them itself; libgit2's cache only evicts: on 200,000 commits, `--all -P` took 9.4 s
    /// with the 64 MiB tree cache and 5.7 s without it.
    private static func readTreesUncached() {
        GitSettings.setObjectCaching(false)
    }

    /// The changelog file `release` and `notes` use: the configured one, else the package's
    /// default (`CHANGELOG.md` in its directory), else `CHANGELOG.md`.
    func changelogFile(_ configuration: Configuration) -> String {
        if let changelog = configuration.changelog { return changelog }
        if let package, let settings = try? configuration.package(named: package) { return settings.changelogPath }
        return "CHANGELOG.md"
    }

    private static func globs(_ patterns: [String], option: String) throws(ChangelogError) -> [PathGlob] {
        var globs: [PathGlob] = []
        for pattern in patterns {
            guard let glob = PathGlob(pattern) else {
                let problem = PathGlob.problem(in: pattern) ?? "is not a glob"
                throw ChangelogError("\(option) \(pattern.debugDescription) \(problem); write a glob such as \"packages/api/**\"")
            }
            globs.append(glob)
        }
        return globs
    }

    /// The configuration alone: the repository's when one is there, else the defaults (a
    /// commit-msg hook may run where no repository can be opened, and needs no tags).
    func configurationIfAny() throws(ChangelogError) -> Configuration {
        if repositoryPath == nil, config == nil, (try? Repository(discoveringFrom: ".")) == nil {
            return Configuration()
        }
        return try openRepository().1
    }

    /// The repository and its configuration, nothing read from its history yet.
    func openRepository() throws(ChangelogError) -> (Repository, Configuration) {
        let repository = try repositoryOnly()
        let configuration = try ConfigurationLoader.load(explicit: config, repositoryRoot: repository.workingDirectory)
        return (repository, configuration)
    }

    /// The repository without its configuration: settling a pending release must work even when
    /// the configuration has broken since.
    func repositoryOnly() throws(ChangelogError) -> Repository {
        // A path the user names is trusted, as `safe.directory` would: CI containers often run as
        // root over a checkout owned by another user.
        if repositoryPath != nil { GitSettings.setOwnerValidation(false) }
        // Every walk reads each commit once, so caching commits only costs: measured on a
        // 200,000-commit history, `--all` took 7.3 s with a 16 MiB cache and 4.3 s without one.
        // Trees are another matter: comparing cherry-picks diffs neighbouring commits, which share
        // subtrees (`--all` on 20,000 commits with 1,672 maintenance tags: 4.6 s without, 3.0 s with).
        GitSettings.cacheTreesOnly(treeLimit: 1 << 20, maxSize: 64 << 20)
        // Reading 200,000 commits spent a fifth of its time re-hashing them, a check git itself
        // makes only in `git fsck`.
        GitSettings.setStrictHashVerification(false)
        let repository: Repository
        do throws(GitError) {
            repository = try Repository(discoveringFrom: repositoryPath ?? ".")
        } catch  where error.kind == .notARepository {
            throw ChangelogError.notARepository(error, repositoryOption: repositoryPath)
        } catch {
            throw ChangelogError(error)
        }
        return repository
    }
}
