import ChangelogCore
import Git

/// `changelog [generate]`: plans the releases, renders them, and merges them into the changelog file.
public struct Generate {
    public let history: History
    public let request: GenerateRequest
    /// Told how a long run (`--all`) advances; the command line decides whether anyone sees it.
    public var progress: ((Progress) -> Void)?

    public init(history: History, request: GenerateRequest, progress: ((Progress) -> Void)? = nil) {
        self.history = history
        self.request = request
        self.progress = progress
    }

    /// The stages of a run, for a progress display.
    public enum Progress: Equatable {
        case readingHistory
        /// `done` of `total` releases rendered.
        case rendered(done: Int, total: Int)
        /// Reported last, also when the run fails.
        case finished
    }

    /// What the run did, for the command's closing message.
    public struct Outcome {
        /// The releases written (or printed), newest first; not those kept as they were.
        public var releases: [String]
        public var wroteFile: String?
        public var byteCount: Int
        /// Sections of the changelog file that differ from what would be generated (edited by
        /// hand) and were kept, newest first.
        public var kept: [String] = []
        /// The file already held exactly the result: nothing was written.
        public var unchanged = false
    }

    /// Runs the generation. Rendered text that goes to stdout is handed to `emit` as it is produced,
    /// so a whole-history JSON document is never held in memory twice.
    public func run(emit: (String) -> Void) throws(ChangelogError) -> Outcome {
        if let outfile = request.outfile, !request.dryRun { try AtomicFile.checkWritable(outfile) }
        // Merging into the output file itself (-C, or an existing -o): the file is read under its
        // lock, right before it is replaced, so a concurrent run's section is never lost. What is not
        // a regular file (a FIFO, a device, /dev/stdout) is never read: the sections are written
        // through it, as with -o alone.
        let inPlace = request.infile != nil && request.infile == request.outfile
        let replaceable = try request.outfile.map { path throws(ChangelogError) in try AtomicFile.isReplaceable(path) } ?? false
        let infile = inPlace && !replaceable ? nil : request.infile
        var existing: [UInt8]?
        if let infile, !inPlace || request.dryRun {
            existing = try AtomicFile.read(infile)
            if existing == nil, !inPlace {
                throw ChangelogError("cannot read \(infile): no such file; check the path given to -i/--infile")
            }
        }
        defer { progress?(.finished) }
        if request.all { progress?(.readingHistory) }
        let plans = try plan()
        let names = plans.map(\.displayName)
        let composer = ReleaseComposer(layout: request.layout)
        var rendered = 0
        /// Counts a rendered release for the progress display (whole histories only).
        func advance() {
            guard request.all, let progress else { return }
            rendered += 1
            progress(.rendered(done: rendered, total: plans.count))
        }

        if request.format == .json {
            var text = ""
            func write(_ chunk: String) { if request.outfile == nil { emit(chunk) } else { text += chunk } }
            write(JSONRenderer.opening)
            try orderedParallelMap(plans, { plan, index in JSONRenderer.fragment(plan.release(composer), first: index == 0) }) {
                write($0)
                advance()
            }
            write(JSONRenderer.closing(empty: plans.isEmpty))
            if request.outfile == nil { return Outcome(releases: names, wroteFile: nil, byteCount: 0) }
            return try finish(Array(text.utf8), names: names, emit: emit)
        }

        let links = LinkContext(repositoryURL: request.repositoryURL, style: request.linkStyle)
        let renderer = MarkdownRenderer(
            links: links, subtitle: request.subtitle, marksBackports: request.backports == .mark, style: request.style,
            categories: request.categories, showsContributors: request.showsContributors)
        let template = request.template, subtitle = request.subtitle
        let render: @Sendable (Release) -> String = { release in
            template?.render(release, links: links, subtitle: subtitle) ?? renderer.render(release)
        }
        let definitions = linkDefinitions(plans, renderer: renderer)
        // clog sets each release off from what follows by more blank lines than one.
        let spacing: SectionSpacing = request.style == .clog && template == nil ? .clog : .oneBlankLine
        guard infile != nil else {
            var text = ""
            var first = true
            try orderedParallelMap(plans, { plan, _ in render(plan.release(composer)) }) { section in
                // clog's sections end at their last line; clog puts this between one and the next.
                let spaced = spacing == .clog && !first ? ClogRenderer.separator + section : section
                first = false
                if request.outfile == nil { emit(spaced) } else { text += spaced }
                advance()
            }
            // Into a file, clog ends each release with its separator, the last one too.
            if spacing == .clog, request.outfile != nil, !plans.isEmpty { text += ClogRenderer.separator }
            if !definitions.isEmpty {
                let block = definitions.map { "[\($0.label)]: \($0.url)\n" }.joined()
                if request.outfile == nil { emit(block) } else { text += block }
            }
            if request.outfile == nil { return Outcome(releases: names, wroteFile: nil, byteCount: 0) }
            return try finish(Array(text.utf8), names: names, emit: emit)
        }
        var sections: [String] = []
        try orderedParallelMap(plans, { plan, _ in render(plan.release(composer)) }) {
            sections.append($0)
            advance()
        }
        // Oldest first, so each merge finds its neighbours already in place and version order holds.
        var incoming = zip(plans, sections).reversed().map { (text: $1, key: $0.key) }
        if let template, let lost = incoming.first(where: { !ChangelogDocument.findsAgain($0.text, as: $0.key) }) {
            throw ChangelogError.templateSectionNotFound(template.file, key: lost.key)
        }
        // keep-a-changelog keeps an Unreleased heading on top, above the release it just became.
        if request.style == .keepAChangelog, !plans.contains(where: { $0.key == .unreleased }) {
            incoming.append((text: "## [Unreleased]\n", key: .unreleased))
        }
        var keptKeys: [SectionKey] = []
        func merged(_ existing: [UInt8]?) -> [UInt8] {
            let result = ChangelogDocument(bytes: existing ?? []).merging(incoming, keepingEdited: !request.force, spacing: spacing)
            keptKeys = result.kept
            guard !definitions.isEmpty else { return result.bytes }
            return ChangelogDocument(bytes: result.bytes).settingLinkDefinitions(definitions)
        }
        func outcome(_ bytes: [UInt8], file: String?) -> Outcome {
            let kept = keptKeys.reversed().map(\.description)
            return Outcome(releases: names.filter { !kept.contains($0) }, wroteFile: file, byteCount: bytes.count, kept: kept)
        }
        guard let outfile = request.outfile else {
            let document = merged(existing)
            emit(String(decoding: document, as: UTF8.self))
            return outcome(document, file: nil)
        }
        if request.dryRun {
            let document = merged(existing)
            let written = zip(plans, sections).filter { plan, _ in !keptKeys.contains(plan.key) }.map(\.1)
            emit(written.joined())
            return outcome(document, file: nil)
        }
        if inPlace {
            var document: [UInt8] = []
            let done = try AtomicFile.update(outfile) { existing throws(ChangelogError) in
                document = merged(existing)
                return document
            }
            var result = outcome(document, file: done == .unchanged ? nil : outfile)
            result.unchanged = done == .unchanged
            return result
        }
        let document = merged(existing)
        try AtomicFile.write(document, to: outfile, locking: true, removingStaleLock: true)
        return outcome(document, file: outfile)
    }

    /// keep-a-changelog's link reference definitions for the headings of `plans` (newest first), and
    /// `[unreleased]` from the newest release to HEAD; none in the other styles.
    private func linkDefinitions(_ plans: [ReleasePlan], renderer: MarkdownRenderer) -> [(label: String, url: String)] {
        guard request.style == .keepAChangelog else { return [] }
        var releases = plans.map { plan in
            Release(
                version: plan.version, tag: plan.tag, previousTag: plan.previousTag, head: plan.head, date: plan.date,
                sections: [], name: plan.name)
        }
        if !plans.contains(where: { $0.key == .unreleased }), let newest = plans.first?.tag {
            releases.insert(Release(version: nil, tag: nil, previousTag: newest, head: "HEAD", date: request.today, sections: []), at: 0)
        }
        return KeepAChangelogRenderer(base: renderer).linkDefinitions(for: releases)
    }

    /// Writes the result to the outfile; a dry run shows what would be written instead and touches
    /// nothing.
    private func finish(_ bytes: [UInt8], names: [String], emit: (String) -> Void) throws(ChangelogError) -> Outcome {
        guard let outfile = request.outfile else { return Outcome(releases: names, wroteFile: nil, byteCount: bytes.count) }
        if request.dryRun {
            emit(String(decoding: bytes, as: UTF8.self))
            return Outcome(releases: names, wroteFile: nil, byteCount: bytes.count)
        }
        try AtomicFile.write(bytes, to: outfile, locking: true, removingStaleLock: true)
        return Outcome(releases: names, wroteFile: outfile, byteCount: bytes.count)
    }

    /// The releases to render, newest first; each is composed from its commits when rendered.
    public func plan() throws(ChangelogError) -> [ReleasePlan] {
        if history.repository.isHeadUnborn && request.to == "HEAD" {
            throw ChangelogError.unbornBranch(
                history.repository, fresh: "the repository has no commits yet; commit something before generating a changelog")
        }
        let target = try history.resolve(request.to)
        let prefix = request.tagPrefix ?? history.tags.preferredPrefix
        if request.all {
            var plans = try planAll(target: target, prefix: prefix)
            if request.includesContributors { try ContributorIndex(repository: history.repository).assign(toAll: &plans) }
            return plans
        }
        let version: SemanticVersion?
        let previousName: String?
        let commits: [ParsedCommit]
        // The release the range starts at, when it starts at one (not at a --from revision).
        var previousRelease: VersionTag?
        // Where the earlier history, which tells first-time contributors apart, starts.
        var bases: [ObjectID] = []
        if let from = request.from {
            version = try self.version(after: history.previousRelease(of: target), since: nil, target: target)
            let base = try history.resolve(from)
            bases = [base]
            // The compare link and JSON name a tag; a bare revision is shown as its short id.
            previousName = history.tags.last { $0.isOn(base) }?.name ?? String(base.hex.prefix(8))
            commits = try history.commits(from: base, to: target)
        } else if let exact = exactVersion {
            // Regenerating a tagged release must start below it, not at its own tag.
            version = exact
            let (previous, since) = try history.sincePreviousRelease(of: history.releaseEnd(of: exact, at: target), below: exact)
            (previousRelease, previousName, commits) = (previous, previous?.name, since)
        } else {
            // A bumped or suggested version is above every reachable tag: the walk that finds the
            // latest one also gives the range.
            let (previous, since) = try history.sincePreviousRelease(of: target)
            version = try self.version(after: previous, since: since, target: target)
            (previousRelease, previousName, commits) = (previous, previous?.name, since)
        }
        let tagName = version.map { prefix + $0.description }
        // Regenerating a tagged release takes the tag's own date; a new version gets today's.
        let existingTag = version.flatMap { v in history.tags.first { $0.version == v && $0.isOn(target) } }
        let date = try existingTag.map { tag throws(ChangelogError) in try history.date(of: tag) } ?? request.today
        var plan = ReleasePlan(
            version: version, tag: existingTag?.name ?? tagName, previousTag: previousName,
            head: version == nil ? request.to : nil, date: date, commits: commits)
        plan.name = sectionName
        try history.applyBackports(
            to: &plan, after: previousRelease, target: target, shippedBefore: existingTag == nil ? nil : date,
            policy: request.policy, patchOnly: request.patchOnly, mode: request.backports)
        if request.includesContributors {
            if let previousRelease { bases = [previousRelease.commitID] }
            try ContributorIndex(repository: history.repository).assign(to: &plan, after: bases)
        }
        return [plan]
    }

    /// The version of the section for the commits after `latest`: from `--setversion`, `-M/-m/-p`
    /// or `--bump`, which fails when nothing warrants a release. `since` is the range when the caller
    /// has walked it already.
    private func version(after latest: VersionTag?, since: [ParsedCommit]?, target: ObjectID) throws(ChangelogError) -> SemanticVersion? {
        switch request.version {
        case .unreleased:
            return nil
        case .exact(let version):
            return version
        case .named:
            return exactVersion
        case .bumpLatest(let level):
            return (latest?.version ?? SemanticVersion(major: 0, minor: 0, patch: 0)).bumped(level)
        case .suggested:
            let range: [ParsedCommit]
            if let since { range = since } else { range = try history.commits(from: latest?.commitID, to: target) }
            let suggestion = try history.suggestVersion(
                at: target, current: latest, since: range, policy: request.policy,
                prerelease: nil, tagPrefix: request.tagPrefix, patchOnly: request.patchOnly)
            guard let next = suggestion.next else {
                throw ChangelogError(
                    "--bump: no commit since \(suggestion.current?.name ?? "the start") warrants a release (no feat, fix, perf or breaking change); pass --setversion to choose one",
                    exitCode: ExitStatus.nothingToRelease.rawValue)
            }
            return next
        }
    }

    /// The version `--setversion` names exactly (`1.4.0`, `v0.14.2`); nil for other names.
    private var exactVersion: SemanticVersion? {
        switch request.version {
        case .exact(let version): version
        case .named(let text): SemanticVersion.parseTag(text)?.version
        default: nil
        }
    }

    /// The section's name when `--setversion` text is not the version written plainly.
    private var sectionName: String? {
        guard case .named(let text) = request.version, text != exactVersion?.description else { return nil }
        return text
    }

    private func planAll(target: ObjectID, prefix: String) throws(ChangelogError) -> [ReleasePlan] {
        let releaseHistory = try history.releaseHistory(head: target)
        // Its 200,000 commits are done with once the plans hold theirs.
        defer { releaseInBackground(releaseHistory) }
        var plans: [ReleasePlan] = []
        for entry in releaseHistory.entries {
            if let tag = entry.tag {
                plans.append(
                    ReleasePlan(
                        version: tag.version, tag: tag.name, previousTag: entry.previous?.name,
                        date: entry.date ?? request.today, unparsed: entry.commits))
            } else {
                // HEAD is past the last tag: those commits are Unreleased, or the version being cut,
                // which their parse decides; the plan keeps that parse.
                let commits = entry.commits.map(ParsedCommit.init)
                let version = try self.version(after: entry.previous, since: commits, target: target)
                var plan = ReleasePlan(
                    version: version, tag: version.map { prefix + $0.description },
                    previousTag: entry.previous?.name, head: version == nil ? request.to : nil,
                    date: request.today, commits: commits)
                plan.name = sectionName
                plans.append(plan)
            }
        }
        // Releases of maintenance branches that fall in this history's version sequence (above its
        // first release, below where it stands) get sections of their own, and the changes they
        // shipped first are not listed again (as configured).
        let candidates = releaseHistory.unreachableTags.filter { !$0.version.isPrerelease }
        guard !candidates.isEmpty, let lowest = releaseHistory.entries.compactMap(\.tag?.version).min() else { return plans }
        // Each release's upper bound: its version, or for Unreleased the version its commits call for.
        var limits: [SemanticVersion?] = []
        for (plan, entry) in zip(plans, releaseHistory.entries) {
            if let version = plan.version {
                limits.append(version)
            } else if let previous = entry.previous {
                limits.append(
                    try history.unreleasedLimit(
                        current: previous, since: plan.commits, target: target,
                        policy: request.policy, patchOnly: request.patchOnly))
            } else {
                limits.append(nil)
            }
        }
        guard let highest = limits.compactMap({ $0 }).max() else { return plans }
        // Their walks end in this history, whose commits were read already.
        let maintenance = try history.repository.reading(from: releaseHistory.graph) { () throws(ChangelogError) in
            try history.maintenanceReleases(of: candidates.filter { $0.version > lowest && $0.version < highest }, target: target)
        }
        guard !maintenance.isEmpty else { return plans }
        // One index of what they shipped serves every release: each commit is looked at once.
        let backports = history.backportIndex(maintenance)
        var asked: [(plan: Int, question: BackportQuestion)] = []
        for (index, entry) in releaseHistory.entries.enumerated() {
            guard let previous = entry.previous, let limit = limits[index] else { continue }
            asked.append(
                (index, BackportQuestion(commits: entry.commits, above: previous.version, below: limit, shippedBefore: entry.date)))
        }
        for (asked, alsoIn) in zip(asked, try history.backported(asked.map(\.question), in: backports)) {
            plans[asked.plan].apply(backports: alsoIn, mode: request.backports)
        }
        for release in maintenance {
            plans.append(
                ReleasePlan(
                    version: release.tag.version, tag: release.tag.name, previousTag: release.previous?.name,
                    date: release.date, commits: release.commits))
        }
        // Newest first, Unreleased on top, as the sections stand in the file.
        return plans.enumerated().sorted { a, b in
            switch (a.element.version, b.element.version) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x > y
            }
        }.map(\.element)
    }
}
