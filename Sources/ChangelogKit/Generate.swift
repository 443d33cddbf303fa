import ChangelogCore
import Git

/// `changelog [generate]`: plans the releases, renders them, and merges them into the changelog file.
public struct Generate {
    public let history: History
    public let request: GenerateRequest

    public init(history: History, request: GenerateRequest) {
        self.history = history
        self.request = request
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
        let plans = try plan()
        let names = plans.map { $0.version?.description ?? "Unreleased" }
        let composer = ReleaseComposer(layout: request.layout)

        if request.format == .json {
            var text = ""
            func write(_ chunk: String) { if request.outfile == nil { emit(chunk) } else { text += chunk } }
            write(JSONRenderer.opening)
            try orderedParallelMap(
                plans, { plan, index in JSONRenderer.fragment(plan.release(composer), first: index == 0) },
                consume: write)
            write(JSONRenderer.closing(empty: plans.isEmpty))
            if request.outfile == nil { return Outcome(releases: names, wroteFile: nil, byteCount: 0) }
            return try finish(Array(text.utf8), names: names, emit: emit)
        }

        let renderer = MarkdownRenderer(
            links: LinkContext(repositoryURL: request.repositoryURL, style: request.linkStyle),
            subtitle: request.subtitle, marksBackports: request.backports == .mark)
        guard infile != nil else {
            var text = ""
            try orderedParallelMap(plans, { plan, _ in renderer.render(plan.release(composer)) }) { section in
                if request.outfile == nil { emit(section) } else { text += section }
            }
            if request.outfile == nil { return Outcome(releases: names, wroteFile: nil, byteCount: 0) }
            return try finish(Array(text.utf8), names: names, emit: emit)
        }
        var sections: [String] = []
        try orderedParallelMap(plans, { plan, _ in renderer.render(plan.release(composer)) }) { sections.append($0) }
        // Oldest first, so each merge finds its neighbours already in place and version order holds.
        let incoming = zip(plans, sections).reversed().map { (text: $1, key: $0.key) }
        var keptKeys: [SectionKey] = []
        func merged(_ existing: [UInt8]?) -> [UInt8] {
            let result = ChangelogDocument(bytes: existing ?? []).merging(incoming, keepingEdited: !request.force)
            keptKeys = result.kept
            return result.bytes
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
            throw ChangelogError("the repository has no commits yet; commit something before generating a changelog")
        }
        let target = try history.resolve(request.to)
        let prefix = request.tagPrefix ?? history.tags.preferredPrefix
        if request.all {
            return try planAll(target: target, prefix: prefix)
        }
        let version: SemanticVersion?
        let previousName: String?
        let commits: [ParsedCommit]
        // The release the range starts at, when it starts at one (not at a --from revision).
        var previousRelease: VersionTag?
        if let from = request.from {
            version = try self.version(after: history.previousRelease(of: target), since: nil, target: target)
            let base = try history.resolve(from)
            // The compare link and JSON name a tag; a bare revision is shown as its short id.
            previousName = history.tags.last { $0.isOn(base) }?.name ?? String(base.hex.prefix(8))
            commits = try history.commits(from: base, to: target)
        } else if case .exact(let exact) = request.version {
            // Regenerating a tagged release must start below it, not at its own tag.
            version = exact
            let (previous, since) = try history.sincePreviousRelease(of: target, below: exact)
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
            head: version == nil ? request.to : nil, date: date.day, commits: commits)
        try history.applyBackports(
            to: &plan, after: previousRelease, target: target, shippedBefore: existingTag == nil ? nil : date,
            policy: request.policy, patchOnly: request.patchOnly, mode: request.backports)
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

    private func planAll(target: ObjectID, prefix: String) throws(ChangelogError) -> [ReleasePlan] {
        let releaseHistory = try history.releaseHistory(head: target)
        var plans: [ReleasePlan] = []
        for entry in releaseHistory.entries {
            if let tag = entry.tag {
                plans.append(
                    ReleasePlan(
                        version: tag.version, tag: tag.name, previousTag: entry.previous?.name,
                        date: (entry.date ?? request.today).day, commits: entry.commits))
            } else {
                // HEAD is past the last tag: those commits are Unreleased, or the version being cut.
                let version = try self.version(after: entry.previous, since: entry.commits, target: target)
                plans.append(
                    ReleasePlan(
                        version: version, tag: version.map { prefix + $0.description },
                        previousTag: entry.previous?.name, head: version == nil ? request.to : nil,
                        date: request.today.day, commits: entry.commits))
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
                        current: previous, since: entry.commits, target: target,
                        policy: request.policy, patchOnly: request.patchOnly))
            } else {
                limits.append(nil)
            }
        }
        guard let highest = limits.compactMap({ $0 }).max() else { return plans }
        let maintenance = try history.maintenanceReleases(
            of: candidates.filter { $0.version > lowest && $0.version < highest },
            target: target)
        guard !maintenance.isEmpty else { return plans }
        for (index, entry) in releaseHistory.entries.enumerated() {
            guard let previous = entry.previous, let limit = limits[index] else { continue }
            let relevant = maintenance.filter { release in
                release.tag.version > previous.version && release.tag.version < limit && entry.date.map { release.date < $0 } ?? true
            }
            plans[index].apply(backports: try history.backported(entry.commits, in: relevant), mode: request.backports)
        }
        for release in maintenance {
            plans.append(
                ReleasePlan(
                    version: release.tag.version, tag: release.tag.name, previousTag: release.previous?.name,
                    date: release.date.day, commits: release.commits))
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
