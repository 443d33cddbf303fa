import ChangelogCore
import Git
import Platform
import SystemPackage

/// What `changelog release` was asked to do, after the command line and configuration are combined.
public struct ReleaseRequest {
    /// nil: the version `changelog next` suggests.
    public var version: SemanticVersion?
    public var prerelease: String?
    /// nil: as `tag.gpgSign` says, like `git tag`.
    public var sign: Bool?
    public var allowDirty = false
    public var allowDetached = false
    /// On a maintenance branch, release what it refuses: feat and breaking commits (as a patch, or on
    /// its version line), and a VERSION off its version line.
    public var allowFeatures = false
    public var dryRun = false
    /// Regenerate the version's section even when it was edited by hand.
    public var force = false
    /// The release date written in CHANGELOG.md.
    public var today: Timestamp
    public var links: LinkContext
    public var subtitle: String?
    /// `--style`, `[changelog] style`.
    public var style: ChangelogStyle = .default
    /// The changelog file, relative to the repository root.
    public var changelogPath = "CHANGELOG.md"

    public init(today: Timestamp, links: LinkContext) {
        self.today = today
        self.links = links
    }
}

/// What a release did (or, for a dry run, would do), in the order it happens.
public struct ReleaseReport {
    public struct FileUpdate: Equatable {
        /// Relative to the repository root.
        public var path: String
        public var summary: String
    }

    public struct CommitStep: Equatable {
        /// nil in a dry run.
        public var id: String?
        public var message: String
        public var paths: [String]

        /// The message's first line.
        public var subject: Substring { message.prefix { $0 != "\n" } }
    }

    public var version: SemanticVersion
    public var tagName: String
    public var previousTag: String?
    /// The release's section of CHANGELOG.md without its heading: what the tag message carries.
    public var notes: String
    public var files: [FileUpdate]
    public var commits: [CommitStep]
    public var tagID: String?
    public var signing: SigningSettings.Format?
    /// The branch that moved; nil when HEAD is detached.
    public var branch: String?
    /// What the user still has to run: the tool never pushes.
    public var pushCommand: String
    public var dryRun: Bool
    /// The version's section was in CHANGELOG.md already, edited by hand, and stays as it is.
    public var keptEditedSection = false
}

/// `changelog release`: CHANGELOG.md, version files, release commit and (signed) annotated tag, all
/// or nothing.
///
/// Everything that can fail for a reason of the user's (the version, the files, the identity, the
/// signature) is settled before anything visible changes: commit and tag objects are written to the
/// object database first, unreferenced and so invisible, and signed there. Only then are files,
/// index, branch and tag updated, each step recorded so a failure puts the previous state back.
public struct CutRelease {
    public let history: History
    public let configuration: Configuration
    public let request: ReleaseRequest

    public init(history: History, configuration: Configuration, request: ReleaseRequest) {
        self.history = history
        self.configuration = configuration
        self.request = request
    }

    /// Where the release's files are written; tests put in one that fails at a chosen write.
    var releaseFiles: any ReleaseFiles = DiskReleaseFiles()
    /// What the parts of one release read alike; a release of several packages shares one.
    var reads = ReleaseReads()

    var repository: Repository { history.repository }
    var settings: ReleaseSettings { configuration.release }

    public func run() throws(ChangelogError) -> ReleaseReport {
        let session = try begin()
        defer { session.lock?.release() }
        let paths = try releasePaths(root: session.root)
        try checkFiles(paths.written, read: paths.read, root: session.root)
        var contents = ReleaseContents(root: session.root)
        guard case .release(let part) = try part(head: session.head, target: session.target, paths: paths, contents: &contents) else {
            throw ChangelogError("nothing to release")  // a single release throws its own reason instead
        }
        let commits = try commits(
            changelogPaths: part.changelogPaths, versionPaths: part.versionPaths, contents: contents,
            message: ReleaseSettings.expand(settings.commitMessage, version: part.version, tag: part.tagName),
            changelogMessage: ReleaseSettings.expand(settings.changelogCommitMessage, version: part.version, tag: part.tagName),
            tagNames: [part.tagName], session: session)
        var report = ReleaseReport(
            version: part.version, tagName: part.tagName, previousTag: part.previousTag, notes: part.notes, files: part.files,
            commits: commits.steps, tagID: nil, signing: commits.signing?.format, branch: session.head.branchName,
            pushCommand: commits.pushCommand, dryRun: request.dryRun)
        report.keptEditedSection = part.keptEditedSection
        if request.dryRun { return report }

        let published = try publish(
            commits, tags: [.init(name: part.tagName, title: part.tagTitle, notes: part.notes)], label: part.version.description,
            session: session)
        for (index, id) in published.commits.enumerated() { report.commits[index].id = id.hex }
        report.tagID = published.tags.first?.hex
        return report
    }

    /// The files one part of a release reads and writes, resolved inside the working tree.
    struct Paths {
        var changelog: String
        var versionFiles: [VersionFile]
        /// The lock files that follow the version files.
        var locks: LockFiles
        /// The changelog, the version files and their lock files.
        var written: [String]
        /// The changelog and the version files, which must be regular files before they are read.
        var read: [String]
    }

    func workingRoot() throws(ChangelogError) -> String {
        guard let root = repository.workingDirectory else {
            throw ChangelogError("\(repository.gitDirectory) is a bare repository; release from a clone with a working tree")
        }
        return root
    }

    func releasePaths(root: String) throws(ChangelogError) -> Paths {
        let changelogFile = try WorkingTreePath.resolve(request.changelogPath, root: root)
        let versionFiles = try settings.files.map { file throws(ChangelogError) in
            var resolved = file
            resolved.path = try WorkingTreePath.resolve(file.path, root: root)
            return resolved
        }
        let read = [changelogFile] + versionFiles.map(\.path)
        let locks = try LockFiles(files: versionFiles, listed: settings.files.map(\.path), root: root, reads: reads)
        return Paths(changelog: changelogFile, versionFiles: versionFiles, locks: locks, written: read + locks.paths(), read: read)
    }

    /// The checks every file a release writes passes before anything is read or written.
    func checkFiles(_ written: [String], read: [String], root: String) throws(ChangelogError) {
        // Before anything reads them: a FIFO or device there would block a read, or be replaced.
        try checkRegularFiles(read, root: root)
        try checkClean(writing: written)
        try checkWritable(written, root: root)
    }

    /// A package that nothing asks to release, and why, in the words of the line that says so.
    enum PartOutcome {
        case release(ReleasePart)
        case skipped(String)
    }

    /// A part's version and tag, decided from the history alone, before any file is read.
    struct Decision {
        var version: SemanticVersion
        var tagName: String
        var current: VersionTag?
        /// The commits since `current`, newest first.
        var since: [ParsedCommit]
        var patchOnly: Bool
    }

    /// A part to release, or why there is nothing to release.
    enum Choice {
        case release(Decision)
        case skipped(String)
    }

    /// One package's (or the repository's) release, computed in memory: its version and tag, its
    /// changelog section and version files, written into `contents` (which earlier parts of the
    /// same release may have changed already). `skippable`: nothing to release is `.skipped`, not an error.
    func part(
        head: HeadState, target: ObjectID, paths: Paths, contents: inout ReleaseContents, skippable: Bool = false,
        atLeastPatch: Bool = false, dependencies: [DependencyUpdate] = []
    ) throws(ChangelogError) -> PartOutcome {
        switch try decide(head: head, target: target, skippable: skippable, atLeastPatch: atLeastPatch) {
        case .skipped(let reason): return .skipped(reason)
        case .release(let decision):
            return .release(try part(decision, target: target, paths: paths, contents: &contents, dependencies: dependencies))
        }
    }

    /// The version and tag of a part, or (`skippable`) why it has nothing to release; `atLeastPatch`:
    /// released because a package it depends on is.
    func decide(head: HeadState, target: ObjectID, skippable: Bool = false, atLeastPatch: Bool = false) throws(ChangelogError) -> Choice {
        // A dependent released with its dependency goes into the release's new commit, whose
        // changes (its requirement, its section) HEAD's release of it does not hold.
        if !atLeastPatch, let tag = history.tags.last(where: { $0.isOn(target) && !$0.version.isPrerelease }) {
            if skippable { return .skipped("HEAD is released as \(tag.name) already") }
            throw ChangelogError("HEAD is already released as \(tag.name); commit the changes to release first")
        }
        let (current, since) = try history.sincePreviousRelease(of: target)
        // A branch named for a version line (release/0.24) releases on that line; other patch-only ones patches.
        // A detached HEAD at a branch's tip (as CI checks out) releases by that branch's rules.
        let branch = head.branchName ?? history.detachedBranch()
        let line = configuration.branches.line(of: branch)
        let patchOnly = line == nil && configuration.branches.isPatchOnly(branch)
        if let line, let version = request.version, !line.contains(version), !request.allowFeatures {
            throw ChangelogError(
                "\(branch ?? "") carries the version line \(line), and \(version) is not on it; choose a \(line).z version, "
                    + "release \(version) from another branch, or pass --allow-features to release it here anyway")
        }
        if (patchOnly || line != nil) && !request.allowFeatures {
            try checkPatchesOnly(since, current: current, line: line, branch: branch ?? "")
        }
        // A dependent's patch is chosen as its own commits' bump is: past versions other branches tagged.
        let chosen = try chooseVersion(
            current: current, since: since, target: target, patchOnly: patchOnly, line: line, atLeast: atLeastPatch ? .patch : .none)
        guard let version = chosen else {
            let reason = Self.nothingToRelease(since.count, current: current)
            if skippable { return .skipped(reason) }
            throw ChangelogError("nothing to release: \(reason); pass a VERSION to release anyway")
        }
        // A pre-release at HEAD may be promoted (1.1.0-rc.1 -> 1.1.0), not replaced by a lower one.
        if let tag = history.tags.last(where: { $0.isOn(target) && $0.version >= version }) {
            throw ChangelogError("HEAD is already released as \(tag.name); commit the changes to release first")
        }
        let prefix = configuration.tagPrefix ?? history.tags.preferredPrefix
        let tagName = prefix + version.description
        try checkTagIsFree(tagName, version: version)
        return .release(Decision(version: version, tagName: tagName, current: current, since: since, patchOnly: patchOnly))
    }

    /// The part `decision` chose: its changelog section and version files, computed in memory.
    func part(
        _ decision: Decision, target: ObjectID, paths: Paths, contents: inout ReleaseContents, dependencies: [DependencyUpdate] = []
    ) throws(ChangelogError) -> ReleasePart {
        let (version, tagName, current, since) = (decision.version, decision.tagName, decision.current, decision.since)
        let changelogFile = paths.changelog
        let existing = try contents.read(changelogFile)
        var plan = ReleasePlan(version: version, tag: tagName, previousTag: current?.name, date: request.today, commits: since)
        try history.applyBackports(
            to: &plan, after: current, target: target, shippedBefore: nil, policy: configuration.bump,
            patchOnly: decision.patchOnly, mode: configuration.branches.backports)
        // The section as `changelog -C` would write it, so the next run finds it unedited.
        let showsContributors = configuration.contributors ?? false
        if showsContributors || configuration.template != nil {
            try reads.contributorIndex(repository).assign(to: &plan, after: current.map { [$0.commitID] } ?? [])
        }
        let renderer = MarkdownRenderer(
            links: request.links, subtitle: request.subtitle,
            marksBackports: configuration.branches.backports == .mark, style: request.style,
            categories: configuration.keepAChangelog, showsContributors: showsContributors)
        let release = plan.release(ReleaseComposer(layout: configuration.layout))
        var section: String
        if let file = configuration.template {
            section = try reads.template(file, root: contents.root).render(release, links: request.links, subtitle: request.subtitle)
            guard ChangelogDocument.findsAgain(section, as: .version(version)) else {
                throw ChangelogError.templateSectionNotFound(file, key: .version(version))
            }
        } else {
            section = renderer.render(release)
        }
        if !dependencies.isEmpty {
            // A template renders what it is given: the entries follow it in the default layout.
            section = DependencyNotes(style: configuration.template == nil ? request.style : .default)
                .adding(dependencies.map { ($0.name, $0.version) }, to: section)
        }
        // A section written for this version already and edited by hand since is kept, as `-C` keeps it.
        let previousDocument = ChangelogDocument(bytes: existing ?? [])
        let keepEdited = !request.force && previousDocument.hasEditedSection(for: .version(version), comparedWith: section)
        let spacing: SectionSpacing = request.style == .clog && configuration.template == nil ? .clog : .oneBlankLine
        var document = keepEdited ? existing ?? [] : previousDocument.merging(section, for: .version(version), spacing: spacing)
        if request.style == .keepAChangelog, !keepEdited {
            // The Unreleased heading stays on top, and the headings' links are defined at the bottom.
            document = ChangelogDocument(bytes: document).merging([(text: "## [Unreleased]\n", key: .unreleased)])
            let unreleased = Release(version: nil, tag: nil, previousTag: tagName, head: "HEAD", date: request.today, sections: [])
            let definitions = KeepAChangelogRenderer(base: renderer).linkDefinitions(for: [unreleased, release])
            document = ChangelogDocument(bytes: document).settingLinkDefinitions(definitions)
        }
        let notes = ChangelogDocument(bytes: document).body(of: .version(version)) ?? ""
        var files: [ReleaseReport.FileUpdate] = []
        if document != existing {
            contents.write(changelogFile, document)
            files.append(
                .init(path: changelogFile, summary: existing == nil ? "created with the \(version) section" : "the \(version) section"))
        }
        let versionPaths = try versionFileChanges(
            paths.versionFiles, locks: paths.locks, changelog: changelogFile, version: version, dependencies: dependencies,
            contents: &contents,
            into: &files)
        var part = ReleasePart(
            version: version, tagName: tagName, previousTag: current?.name, section: section, notes: notes,
            changelogPaths: document != existing ? [changelogFile] : [], versionPaths: versionPaths, files: files,
            tagTitle: ReleaseSettings.expand(settings.tagMessage, version: version, tag: tagName))
        part.keptEditedSection = keepEdited
        return part
    }

    /// Why nothing is released: `3 commits since v1.0.0, none of them a feat, fix, perf or breaking change`.
    static func nothingToRelease(_ count: Int, current: VersionTag?) -> String {
        let base = current.map { "since \($0.name)" } ?? "yet"
        return "\(count) commit\(count == 1 ? "" : "s") \(base), none of them a feat, fix, perf or breaking change"
    }

    // MARK: - Preflight

    func checkHead(_ head: HeadState) throws(ChangelogError) -> ObjectID {
        switch head {
        case .unborn:
            throw ChangelogError.unbornBranch(repository, fresh: "the repository has no commits yet; commit something before releasing")
        case .detached(let id) where !request.allowDetached:
            throw ChangelogError(
                "HEAD is detached at \(id.hex.prefix(8)); check out the branch to release (git switch <branch>), or pass --allow-detached")
        case .detached(let id), .branch(_, let id):
            return id
        }
    }

    /// A read-only file stops the release before anything changes, as it stops `-C`; its mode is
    /// read too, because root may write any file whatever its mode says.
    /// The files a release writes are committed files: anything else there (a FIFO, a device, a
    /// directory) is refused before it is read. A file that does not exist yet is created.
    private func checkRegularFiles(_ paths: [String], root: String) throws(ChangelogError) {
        for path in paths { try WorkingTreeFile.check(root + path, shownAs: path, use: "a release writes it") }
    }

    private func checkWritable(_ paths: [String], root: String) throws(ChangelogError) {
        for path in paths {
            guard FileSystem.exists(root + path) else { continue }
            if (try? FileSystem.checkWritableFile(root + path)) == nil {
                throw ChangelogError("\(path) is read-only; make it writable (chmod u+w \(path)) before releasing")
            }
        }
    }

    /// Uncommitted changes stop a release; with --allow-dirty they stay out of it, which is only
    /// possible for files the release does not write itself.
    private func checkClean(writing written: [String]) throws(ChangelogError) {
        let changes = try git { () throws(GitError) in try repository.uncommittedChanges() }
        guard !changes.isEmpty else { return }
        if request.allowDirty {
            let touched = changes.filter(written.contains)
            guard !touched.isEmpty else { return }
            throw ChangelogError(
                "uncommitted changes in \(touched.joined(separator: ", ")), which the release writes; commit or stash them first, even with --allow-dirty"
            )
        }
        let shown = changes.prefix(3).joined(separator: ", ")
        let more = changes.count > 3 ? " and \(changes.count - 3) more" : ""
        throw ChangelogError("uncommitted changes in \(shown)\(more); commit or stash them first, or pass --allow-dirty")
    }

    /// A patch-only branch ships fixes: a feature or breaking change there is usually a pick that
    /// went to the wrong branch, so it stops the release until the user says otherwise.
    /// So does a version line once it has a release, and before, anything that would leave it.
    private func checkPatchesOnly(
        _ since: [ParsedCommit], current: VersionTag?, line: VersionLine?,
        branch: String
    ) throws(ChangelogError) {
        let policy = configuration.bump
        let shipping = since.withoutCancelledReverts
        let held =
            try line.map { line throws(ChangelogError) in
                do throws(VersionChoice.Failure) {
                    return try VersionChoice.heldBack(shipping, current: current?.version, line: line, policy: policy).commits
                } catch { throw ChangelogError(error) }
            } ?? shipping.filter { commit in commit.entry.map { policy.bump(for: $0) > .patch } ?? false }
        guard !held.isEmpty else { return }
        let them = held.count == 1 ? "it" : "them"
        let asked = held.count == 1 ? "a commit asks" : "\(held.count) commits ask"
        if let line {
            throw ChangelogError(
                "\(branch) carries the version line \(line), but \(asked) for more than the line allows: \(held.summary); move \(them) off the branch, or pass --allow-features to release \(them) on the line"
            )
        }
        throw ChangelogError(
            "\(branch) is a patch-only branch ([branches] patch-only), but \(asked) for more than a patch: \(held.summary); move \(them) off the branch, or pass --allow-features to release \(them) in a patch release"
        )
    }

    private func chooseVersion(
        current: VersionTag?, since: [ParsedCommit], target: ObjectID, patchOnly: Bool,
        line: VersionLine?, atLeast: BumpLevel
    ) throws(ChangelogError) -> SemanticVersion? {
        if let version = request.version {
            if let current, version <= current.version {
                throw ChangelogError(
                    "\(version) is not greater than the current version \(current.version) (\(current.name)); choose a higher version, or omit it to release the suggested one"
                )
            }
            return version
        }
        let suggestion = try history.suggestVersion(
            at: target, current: current, since: since, policy: configuration.bump,
            prerelease: request.prerelease, tagPrefix: configuration.tagPrefix,
            patchOnly: patchOnly, line: line, atLeast: atLeast)
        guard let next = suggestion.next else { return nil }
        // A version taken by a later commit of this very branch means this clone is behind, and
        // releasing would publish the same changes a second time under another number.
        for taken in suggestion.skipped where try git({ () throws(GitError) in try repository.isDescendant(taken.commitID, of: target) }) {
            throw ChangelogError(
                "HEAD is behind \(taken.name), which was released from a later commit of this branch; pull first (git pull --tags)")
        }
        return next
    }

    private func checkTagIsFree(_ name: String, version: SemanticVersion) throws(ChangelogError) {
        if try git({ () throws(GitError) in try repository.referenceTarget("refs/tags/\(name)") }) != nil {
            throw ChangelogError(
                "the tag \(name) already exists; choose another version, or delete the tag (\(ShellQuoting.command(["git", "tag", "-d", name]))) if it was made by mistake"
            )
        }
        if let other = history.tags.first(where: { $0.version == version }) {
            throw ChangelogError("\(version) is already released as the tag \(other.name); choose another version")
        }
    }

    // MARK: - Files

    /// The new contents of every `[release] files` entry, all read and checked before anything is
    /// written, put into `contents`; returns the paths changed.
    private func versionFileChanges(
        _ versionFiles: [VersionFile], locks: LockFiles, changelog: String, version: SemanticVersion, dependencies: [DependencyUpdate],
        contents: inout ReleaseContents, into files: inout [ReleaseReport.FileUpdate]
    ) throws(ChangelogError) -> [String] {
        var changed: [String] = []
        for file in versionFiles {
            if file.path == changelog {
                throw ChangelogError("[release] files lists \(file.path), which is the changelog itself; remove it from the list")
            }
            guard let bytes = try contents.read(file.path) else {
                throw ChangelogError(
                    "cannot read \(file.path), listed in [release] files: no such file; fix the path or remove it from the list")
            }
            let old: String
            var updated: [UInt8]
            var moved: [DependencyVersions.Change] = []
            do {
                old = try file.currentVersion(in: bytes)
                updated = try file.updating(bytes, to: version)
                for dependency in dependencies {
                    let result = try DependencyVersions.updating(
                        updated, format: file.format, path: file.path, names: dependency.names, to: dependency.version)
                    updated = result.bytes
                    moved += result.changes
                }
            } catch {
                throw ChangelogError(error.description)
            }
            if let found = SemanticVersion(old) ?? SemanticVersion.parseTag(old)?.version, found > version {
                throw ChangelogError(
                    "\(file.path) holds \(found), above the \(version) being released; a release never moves a version file backwards: release a higher version, or fix \(file.path)"
                )
            }
            guard updated != bytes else { continue }
            contents.write(file.path, updated)
            changed.append(file.path)
            let requirements = moved.map { ", \($0.name) \($0.old) -> \($0.new)" }.joined()
            files.append(.init(path: file.path, summary: "\(old.isEmpty ? "(empty)" : old) -> \(version)\(requirements)"))
        }
        for lock in try locks.changes(to: version, dependencies: dependencies, contents: &contents) {
            contents.write(lock.path, lock.contents)
            // A listed workspace manifest also holds requirements on its members: one line says both.
            if let index = files.firstIndex(where: { $0.path == lock.path }) {
                files[index].summary += ", " + lock.summary
                continue
            }
            changed.append(lock.path)
            files.append(.init(path: lock.path, summary: lock.summary))
        }
        return changed
    }

    // MARK: - Signing and pushing

    /// Whether and how to sign, decided as `git tag` does: the flag, else `tag.gpgSign`; `gpg.format`
    /// and its program; `user.signingkey`.
    func signingSettings() throws(ChangelogError) -> SigningSettings? {
        func string(_ key: String) throws(ChangelogError) -> String? {
            try git { () throws(GitError) in try repository.configString(key) }
        }
        let configured = try git { () throws(GitError) in try repository.configBool("tag.gpgSign") }
        guard request.sign ?? configured ?? false else { return nil }
        let formatName = try string("gpg.format") ?? "openpgp"
        let format = try SigningSettings.Format(configValue: formatName)
        let program: String?
        switch format {
        case .openpgp:
            let specific = try string("gpg.openpgp.program")
            let general = try string("gpg.program")
            program = specific ?? general
        case .ssh:
            program = try string("gpg.ssh.program")
        }
        return SigningSettings(
            format: format, program: program, key: try string("user.signingkey"),
            timeoutSeconds: Double(settings.signTimeoutSeconds), environment: nil)
    }

    func pushCommand(branch: String?, tagNames: [String]) throws(ChangelogError) -> String {
        guard let branch else { return ShellQuoting.command(["git", "push", "origin"] + tagNames) }
        let remote = try git { () throws(GitError) in try repository.configString("branch.\(branch).remote") } ?? "origin"
        return ShellQuoting.command(["git", "push", "--follow-tags", remote, branch])
    }
}
