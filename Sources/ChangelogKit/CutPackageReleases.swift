import ChangelogCore
import Git

/// What a release of several packages did (or, for a dry run, would do).
public struct PackagesReleaseReport {
    public struct Package {
        public var name: String
        public var version: SemanticVersion
        public var tagName: String
        public var previousTag: String?
        /// The package's section without its heading: what its tag message carries.
        public var notes: String
        /// Its section was in its changelog already, edited by hand, and stays as it is.
        public var keptEditedSection: Bool
    }

    public struct Skipped: Equatable {
        public var name: String
        public var reason: String
    }

    /// In release order.
    public var packages: [Package]
    /// Selected packages with nothing to release, in configuration order.
    public var skipped: [Skipped]
    public var files: [ReleaseReport.FileUpdate]
    public var commits: [ReleaseReport.CommitStep]
    public var signing: SigningSettings.Format?
    public var branch: String?
    public var pushCommand: String
    public var dryRun: Bool

    /// `api 1.4.0, web 2.0.1`.
    public var summary: String { packages.map { "\($0.name) \($0.version)" }.joined(separator: ", ") }
}

/// `changelog release --all-packages` (or `-P a -P b`): every selected package with something to
/// release gets its version, changelog section, version files and tag; one release commit holds
/// every changed file, one annotated (signed) tag per package marks it. All or nothing, through
/// the single release's journal, lock and rollback.
public struct CutPackageReleases {
    public let repository: Repository
    /// The repository's configuration, not scoped to a package.
    public let configuration: Configuration
    /// The packages asked for, by name; empty: every configured package.
    public let names: [String]
    public let request: ReleaseRequest
    /// `--include-path` and `--exclude-path`, applied within every package.
    public var include: [PathGlob] = []
    public var exclude: [PathGlob] = []

    /// Where the release's files are written; tests put in one that fails at a chosen write.
    var releaseFiles: any ReleaseFiles = DiskReleaseFiles()

    public init(repository: Repository, configuration: Configuration, names: [String], request: ReleaseRequest) {
        self.repository = repository
        self.configuration = configuration
        self.names = names
        self.request = request
    }

    public func run() throws(ChangelogError) -> PackagesReleaseReport {
        let selected = try selectedPackages()
        // Dependents come along: a release of api is one of every package that depends on it.
        let dependents = PackageSettings.dependents(of: selected, in: configuration.packages)
        // Only the packages that may be released are asked about each commit.
        let candidates = configuration.packages.filter { selected.contains($0.name) || dependents.contains($0.name) }
        let histories = try MonorepoStatus.histories(of: candidates, repository: repository, include: include, exclude: exclude)
        // The packages' ranges overlap: each commit is read once and kept.
        repository.keepCommits()
        var cuts: [String: CutRelease] = [:]
        let reads = ReleaseReads()
        for (package, history) in zip(candidates, histories) {
            let scoped = configuration.scoped(to: package)
            var packageRequest = request
            packageRequest.changelogPath = scoped.changelog ?? package.changelogPath
            // A VERSION is the one named package's (`release -P api 2.0.0`), never a dependent's.
            if !names.contains(package.name) { packageRequest.version = nil }
            var cut = CutRelease(history: history, configuration: scoped, request: packageRequest)
            cut.releaseFiles = releaseFiles
            cut.reads = reads
            cuts[package.name] = cut
        }
        let order = Self.dependenciesFirst(configuration.packages).map(\.name).filter { cuts[$0] != nil }
        guard let first = order.first.flatMap({ cuts[$0] }) else {
            throw ChangelogError("no packages are configured; add a [packages.NAME] table with a path to .changelog.toml")
        }

        let session = try first.begin()
        defer { session.lock?.release() }
        let (root, head, target) = (session.root, session.head, session.target)
        // Which packages are released, from their histories alone: a package with nothing to
        // release is skipped before its files are looked for (its directory may be gone).
        var decisions: [String: CutRelease.Decision] = [:]
        var skipped: [PackagesReleaseReport.Skipped] = []
        for name in order {
            guard let cut = cuts[name], let package = try? configuration.package(named: name) else { continue }
            // A dependent nobody asked for is released only when a dependency is.
            let forced = package.dependsOn.contains { decisions[$0] != nil }
            if !selected.contains(name) && !forced { continue }
            switch try cut.decide(head: head, target: target, skippable: true, atLeastPatch: forced) {
            case .release(let decision): decisions[name] = decision
            case .skipped(let reason): skipped.append(.init(name: name, reason: reason))
            }
        }
        guard !decisions.isEmpty else {
            let reasons = skipped.map { "\($0.name): \($0.reason)" }.joined(separator: "; ")
            throw ChangelogError(
                "nothing to release in any package (\(reasons)); release one with -P NAME VERSION to release it anyway")
        }
        let released = order.filter { decisions[$0] != nil }
        var paths: [String: CutRelease.Paths] = [:]
        var written: [String] = []
        var read: [String] = []
        for name in released {
            guard let cut = cuts[name] else { continue }
            let resolved = try cut.releasePaths(root: root)
            // Through a symbolic link two changelogs may be one file, which would hold one section
            // for both packages' version and give its notes to both tags.
            if let other = released.first(where: { paths[$0]?.changelog == resolved.changelog }) {
                throw ChangelogError.sharedChangelog(other, name, file: resolved.changelog)
            }
            paths[name] = resolved
            written += resolved.written.filter { !written.contains($0) }
            read += resolved.read.filter { !read.contains($0) }
        }
        // The repository's own changelog, when it gathers the packages' sections.
        let rootChangelog =
            configuration.packagesInRoot == true
            ? try WorkingTreePath.resolve(configuration.changelog ?? "CHANGELOG.md", root: root) : nil
        if let rootChangelog, !written.contains(rootChangelog) {
            written.append(rootChangelog)
            read.append(rootChangelog)
        }
        try first.checkFiles(written, read: read, root: root)

        var contents = ReleaseContents(root: root)
        var parts: [(name: String, part: ReleasePart)] = []
        for name in released {
            guard let cut = cuts[name], let decision = decisions[name], let packagePaths = paths[name],
                let package = try? configuration.package(named: name)
            else { continue }
            var updates: [DependencyUpdate] = []
            for dependency in package.dependsOn {
                guard let released = parts.first(where: { $0.name == dependency }) else { continue }
                updates.append(
                    DependencyUpdate(
                        name: dependency, version: released.part.version,
                        names: try manifestNames(of: dependency, paths: paths[dependency], contents: &contents)))
            }
            let part = try cut.part(decision, target: target, paths: packagePaths, contents: &contents, dependencies: updates)
            parts.append((name, part))
        }
        var rootPaths: [String] = []
        var rootUpdate: [ReleaseReport.FileUpdate] = []
        if let rootChangelog {
            let existing = try contents.read(rootChangelog)
            let document = ChangelogDocument(bytes: existing ?? [])
            let name = RootChangelogSection.name(day: request.today.day, in: document)
            let section = RootChangelogSection(packages: parts.map { .init(name: $0.name, version: $0.part.version, notes: $0.part.notes) })
            let merged = document.merging(section.render(name: name), for: .named(name))
            if merged != existing {
                contents.write(rootChangelog, merged)
                rootPaths = [rootChangelog]
                let verb = existing == nil ? "created with the" : "the"
                rootUpdate = [
                    .init(
                        path: rootChangelog,
                        summary: "\(verb) \(name) section (\(parts.map { "\($0.name) \($0.part.version)" }.joined(separator: ", ")))")
                ]
            }
        }
        let tagNames = parts.map(\.part.tagName)
        let changelogPaths = parts.flatMap(\.part.changelogPaths) + rootPaths
        let versions = parts.map { "\($0.name) \($0.part.version)" }.joined(separator: ", ")
        let defaults = ReleaseSettings()
        let settings = configuration.release
        let commits = try first.commits(
            changelogPaths: changelogPaths, versionPaths: parts.flatMap(\.part.versionPaths), contents: contents,
            message: Self.message(
                first.settings.commitMessage, isDefault: settings.commitMessage == defaults.commitMessage,
                short: "chore: release \(parts.count) packages", versions: versions, tagNames: tagNames),
            changelogMessage: Self.message(
                first.settings.changelogCommitMessage, isDefault: settings.changelogCommitMessage == defaults.changelogCommitMessage,
                short: "docs: changelog for \(parts.count) packages", versions: versions, tagNames: tagNames),
            tagNames: tagNames, session: session)
        var report = PackagesReleaseReport(
            packages: parts.map { name, part in
                .init(
                    name: name, version: part.version, tagName: part.tagName, previousTag: part.previousTag, notes: part.notes,
                    keptEditedSection: part.keptEditedSection)
            },
            skipped: skipped, files: parts.flatMap(\.part.files) + rootUpdate, commits: commits.steps,
            signing: commits.signing?.format, branch: head.branchName, pushCommand: commits.pushCommand, dryRun: request.dryRun)
        if request.dryRun { return report }

        let published = try first.publish(
            commits, tags: parts.map { .init(name: $0.part.tagName, title: $0.part.tagTitle, notes: $0.part.notes) },
            label: report.summary, session: session)
        for (index, id) in published.commits.enumerated() { report.commits[index].id = id.hex }
        return report
    }

    /// `template` (the first part's, scoped: `chore: tag {tag}` by default) given the tags and
    /// versions of every part. A default message whose list runs past a subject's 72 characters
    /// becomes `short`, with the tags listed in the body, one a line.
    static func message(_ template: String, isDefault: Bool, short: String, versions: String, tagNames: [String]) -> String {
        let expanded = ReleaseSettings.expand(template, version: versions, tag: tagNames.joined(separator: ", "))
        guard isDefault, expanded.count > 72 else { return expanded }
        return short + "\n\n" + tagNames.joined(separator: "\n")
    }

    /// `packages` with every package after those it depends on, otherwise in file order (the
    /// configuration has no cycles).
    static func dependenciesFirst(_ packages: [PackageSettings]) -> [PackageSettings] {
        var sorted: [PackageSettings] = []
        var placed: Set<String> = []
        while sorted.count < packages.count {
            let before = sorted.count
            for package in packages where !placed.contains(package.name) {
                guard package.dependsOn.allSatisfy({ placed.contains($0) || !packages.map(\.name).contains($0) }) else { continue }
                sorted.append(package)
                placed.insert(package.name)
                break
            }
            if sorted.count == before { return sorted + packages.filter { !placed.contains($0.name) } }
        }
        return sorted
    }

    /// The names manifests require `package` by: its configured name, and the `name` of each of its
    /// package.json and Cargo.toml files.
    private func manifestNames(of package: String, paths: CutRelease.Paths?, contents: inout ReleaseContents) throws(ChangelogError)
        -> Set<String>
    {
        var names: Set<String> = [package]
        for file in paths?.versionFiles ?? [] {
            guard let bytes = try contents.read(file.path),
                let name = DependencyVersions.packageName(in: bytes, format: file.format, path: file.path)
            else { continue }
            names.insert(name)
        }
        return names
    }

    /// The names of the packages to release: those asked for (each must be configured), else all.
    private func selectedPackages() throws(ChangelogError) -> Set<String> {
        guard !configuration.packages.isEmpty else {
            throw ChangelogError("no packages are configured; add a [packages.NAME] table with a path to .changelog.toml")
        }
        if names.isEmpty { return Set(configuration.packages.map(\.name)) }
        var selected: Set<String> = []
        for name in names {
            do {
                _ = try configuration.package(named: name)
            } catch {
                throw ChangelogError(error)
            }
            selected.insert(name)
        }
        return selected
    }
}
