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

    /// Opens the repository and its configuration.
    func open() throws(ChangelogError) -> (History, Configuration) {
        let (repository, configuration) = try openRepository()
        return (try History(repository: repository, tagPrefix: configuration.tagPrefix), configuration)
    }

    /// The configuration alone: the repository's when one is there, else the defaults (a
    /// commit-msg hook may run where no repository can be opened, and needs no tags).
    func configurationIfAny() throws(ChangelogError) -> Configuration {
        if repositoryPath == nil, config == nil, (try? Repository(discoveringFrom: ".")) == nil {
            return Configuration()
        }
        return try openRepository().1
    }

    private func openRepository() throws(ChangelogError) -> (Repository, Configuration) {
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
        do {
            repository = try Repository(discoveringFrom: repositoryPath ?? ".")
        } catch {
            throw ChangelogError(error)
        }
        return repository
    }
}
