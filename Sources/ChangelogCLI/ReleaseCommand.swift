import ArgumentParser
import ChangelogCore
import ChangelogKit
import Git

struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Cut a release: CHANGELOG.md, version files, release commit and annotated tag.",
        discussion: """
            Without VERSION, releases the version `changelog next` suggests. Updates CHANGELOG.md as \
            `changelog -C` does and the files listed under [release] files, commits them on the current \
            branch and tags the commit; the tag is signed when --sign is given or tag.gpgSign is set \
            (gpg.format openpgp or ssh, user.signingkey). All or nothing: a failing step puts files, \
            index, branch and tags back as they were, and so does SIGINT, SIGTERM or SIGHUP. After a \
            crash or kill -9 the release is pending (its journal is in the git directory): every release \
            refuses to start until `changelog release --continue` finishes it or `changelog release \
            --abort` undoes it. One release at a time per repository. Never pushes: prints the push \
            command to run.

            In a monorepo, -P NAME releases one package ([packages.NAME]): its tag prefix, changelog \
            and files. --all-packages, or -P given several times, releases every selected package \
            with something to release (the others are named and skipped) in one release commit, with \
            one annotated tag per package; all or nothing, as a single release. A package listed in \
            another's depends-on brings that dependent along: it gets at least a patch release with a \
            Dependencies entry, and the requirements on the dependency in its files move to the new version.
            """
    )

    @Argument(help: ArgumentHelp("The version to release, e.g. 1.4.0 (default: the suggested one).", valueName: "version"))
    var version: VersionArgument?

    @Option(help: ArgumentHelp("Continue or start a pre-release line with this identifier, e.g. rc.", valueName: "id"))
    var prerelease: String?

    @Flag(inversion: .prefixedNo, help: "Sign the tag (default: as tag.gpgSign says).")
    var sign: Bool?

    @Flag(help: "Release even with uncommitted changes (they stay uncommitted).")
    var allowDirty = false

    @Flag(help: "Release from a detached HEAD.")
    var allowDetached = false

    @Flag(
        help:
            "On a maintenance branch, release feat and breaking commits anyway (as a patch, or on its version line), or a VERSION off its line."
    )
    var allowFeatures = false

    @Flag(help: "In a monorepo, release every package that has something to release, in one commit with a tag each.")
    var allPackages = false

    @OptionGroup var links: LinkOptions

    @OptionGroup var styleOption: StyleOption

    @OptionGroup var repositoryOptions: RepositoryOptions

    @Flag(help: "Show every step and the release notes; change nothing.")
    var dryRun = false

    @Flag(help: "Regenerate the version's CHANGELOG section even when it was edited by hand.")
    var force = false

    @Flag(help: "Undo a pending (interrupted) release: files, index, branch and tags as before it.")
    var abort = false

    @Flag(name: .customLong("continue"), help: "Finish a pending (interrupted) release.")
    var continueRelease = false

    func validate() throws {
        if abort || continueRelease {
            let option = abort ? "--abort" : "--continue"
            if abort && continueRelease { throw ValidationError("--abort and --continue exclude each other; choose one") }
            let others =
                version != nil || prerelease != nil || sign != nil || allowDirty || allowDetached || allowFeatures
                || links.isGiven || dryRun || force || repositoryOptions.config != nil || allPackages
                || !repositoryOptions.packages.isEmpty
            if others {
                throw ValidationError("\(option) settles the pending release as it was planned; give it no other option but --repo")
            }
        }
        if allPackages && !repositoryOptions.packages.isEmpty {
            throw ValidationError("--all-packages releases every package; drop -P/--package, or drop --all-packages")
        }
        if version != nil && (allPackages || repositoryOptions.packages.count > 1) {
            throw ValidationError("VERSION is one package's version; release that package alone (-P NAME VERSION), or drop VERSION")
        }
        if let version { _ = try version.validated() }
        if version != nil && prerelease != nil {
            throw ValidationError("--prerelease chooses the version; drop it, or drop VERSION")
        }
        if let prerelease, !NextCommand.isIdentifier(prerelease) {
            throw ValidationError("'\(prerelease)' is not a pre-release identifier; use letters, digits and hyphens, e.g. rc or beta")
        }
    }

    func run() throws {
        try reportingErrors { () throws(ChangelogError) in
            if abort || continueRelease {
                let pending = PendingRelease(repository: try repositoryOptions.repositoryOnly())
                let (summary, warnings) = abort ? try pending.abort() : try pending.finish()
                Terminal.write(summary)
                warnings.forEach(Terminal.warning)
                return
            }
            if allPackages || repositoryOptions.packages.count > 1 {
                try releasePackages(try repositoryOptions.openRepository())
                return
            }
            // Opened once: which kind of release this is depends on the configuration.
            let opened = try repositoryOptions.openRepository()
            // A package others depend on is released with them (depends-on); the root changelog
            // gathers any package's release (packages-in-root).
            if let name = repositoryOptions.package,
                opened.1.packagesInRoot == true || !PackageSettings.dependents(of: [name], in: opened.1.packages).isEmpty
            {
                try releasePackages(opened)
                return
            }
            let (history, configuration) = try repositoryOptions.history(of: opened, refusingMissingPaths: true)
            var request = try releaseRequest(links: links.context(history, configuration), configuration)
            request.changelogPath = repositoryOptions.changelogFile(configuration)
            let report = try CutRelease(history: history, configuration: configuration, request: request).run()
            if report.keptEditedSection {
                Terminal.note(
                    "kept the \(report.version) section of \(request.changelogPath) as it is: it differs from what would be "
                        + "generated (edited by hand?), and its text is the release notes; --force regenerates it")
            }
            Terminal.write(Self.describe(report))
        }
    }

    /// The request every release makes from the options, one package's or several.
    private func releaseRequest(links: LinkContext, _ configuration: Configuration) throws(ChangelogError) -> ReleaseRequest {
        var request = ReleaseRequest(today: Terminal.today(), links: links)
        request.version = version?.version
        request.prerelease = prerelease
        request.sign = sign
        request.allowDirty = allowDirty
        request.allowDetached = allowDetached
        request.allowFeatures = allowFeatures
        request.dryRun = dryRun
        request.force = force
        request.subtitle = configuration.subtitle
        request.style = try styleOption.resolved(configuration)
        return request
    }

    /// A release of several packages (`--all-packages`, `-P a -P b`), or of one with the packages
    /// it brings along.
    private func releasePackages(_ opened: (Repository, Configuration)) throws(ChangelogError) {
        let (repository, configuration, include, exclude) = try repositoryOptions.forPackageRelease(opened)
        // Packages named with -P must be there; --all-packages only warns about one that is not.
        let named = configuration.packages.filter { allPackages || repositoryOptions.packages.contains($0.name) }
        try PackagePaths.check(named, in: repository, refusing: !allPackages, warn: Terminal.warning)
        let request = try releaseRequest(links: links.context(repository, configuration), configuration)
        var cut = CutPackageReleases(
            repository: repository, configuration: configuration, names: allPackages ? [] : repositoryOptions.packages,
            request: request)
        cut.include = include
        cut.exclude = exclude
        let report = try cut.run()
        for package in report.packages where package.keptEditedSection {
            Terminal.note(
                "kept the \(package.version) section of \(package.name)'s changelog as it is: it differs from what would be "
                    + "generated (edited by hand?), and its text is the release notes; --force regenerates it")
        }
        Terminal.write(Self.describe(report))
    }

    /// A release of several packages, as `describe` shows one.
    static func describe(_ report: PackagesReleaseReport) -> String {
        var out =
            report.dryRun
            ? "dry run: release \(report.summary); nothing was changed\n"
            : "released \(report.summary)\n"
        for package in report.packages {
            out += "  \(package.name) \(package.version) (\(package.previousTag.map { "after \($0)" } ?? "the first release"))\n"
        }
        for skipped in report.skipped {
            out += "  skipped \(skipped.name): nothing to release (\(skipped.reason))\n"
        }
        out += steps(files: report.files, commits: report.commits, branch: report.branch, dryRun: report.dryRun)
        let signing = report.signing.map { " signed (\($0.rawValue))" } ?? ""
        for package in report.packages {
            out += "  \(report.dryRun ? "would tag" : "tagged") \(package.tagName)\(report.commits.isEmpty ? " at HEAD" : "")\(signing)\n"
        }
        if report.dryRun {
            for package in report.packages {
                out +=
                    package.notes.isEmpty
                    ? "\nrelease notes of \(package.name) \(package.version): none (no commit in the range is listed in a changelog section)\n"
                    : "\nrelease notes of \(package.name) \(package.version):\n\n\(package.notes)\n"
            }
        } else {
            out += "\nnext: \(report.pushCommand)\n"
        }
        return out
    }

    /// The files updated and the commits made, as done or (in a dry run) as they would be done.
    private static func steps(
        files: [ReleaseReport.FileUpdate], commits: [ReleaseReport.CommitStep], branch: String?, dryRun: Bool
    ) -> String {
        var out = ""
        for file in files {
            out += "  \(dryRun ? "would update" : "updated") \(file.path): \(file.summary)\n"
        }
        for commit in commits {
            let id = commit.id.map { " \($0.prefix(8))" } ?? ""
            out += "  \(dryRun ? "would commit" : "committed")\(id) \"\(commit.subject)\"\(branch.map { " on \($0)" } ?? "")\n"
        }
        return out
    }

    /// The steps, as done or (in a dry run) as they would be done, then what is left to do.
    static func describe(_ report: ReleaseReport) -> String {
        var out =
            report.dryRun
            ? "dry run: release \(report.version) (\(report.previousTag.map { "after \($0)" } ?? "the first release")); nothing was changed\n"
            : "released \(report.version) (\(report.previousTag.map { "after \($0)" } ?? "the first release"))\n"
        out += steps(files: report.files, commits: report.commits, branch: report.branch, dryRun: report.dryRun)
        let signing = report.signing.map { " signed (\($0.rawValue))" } ?? ""
        out += "  \(report.dryRun ? "would tag" : "tagged") \(report.tagName)\(report.commits.isEmpty ? " at HEAD" : "")\(signing)\n"
        if report.dryRun && report.notes.isEmpty {
            out += "\nrelease notes: none (no commit in the range is listed in a changelog section)\n"
        } else if report.dryRun {
            out += "\nrelease notes:\n\n\(report.notes)\n"
        } else {
            out += "\nnext: \(report.pushCommand)\n"
        }
        return out
    }
}
