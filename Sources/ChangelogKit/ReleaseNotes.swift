import ChangelogCore
import Git

/// `changelog notes`: one release's text, to paste into a forge release or a deploy ticket.
public struct ReleaseNotes {
    public let history: History
    public let layout: SectionLayout
    public let links: LinkContext
    public let backports: BranchSettings.BackportMode
    /// The style notes are generated in when the changelog file lacks the section.
    public let style: ChangelogStyle
    /// `[changelog] template` or `--template`: generated notes are the template's section for the
    /// release, as `changelog -C` would write it, without its heading.
    public var template: ChangelogTemplate?
    /// What the template's context gives as `subtitle` (`[changelog] subtitle`).
    public var subtitle: String?

    public init(
        history: History, layout: SectionLayout, links: LinkContext, backports: BranchSettings.BackportMode = .omit,
        style: ChangelogStyle = .default
    ) {
        self.history = history
        self.layout = layout
        self.links = links
        self.backports = backports
        self.style = style
    }

    /// The release `version` names, else the latest version tag reachable from HEAD.
    public func release(_ version: SemanticVersion?) throws(ChangelogError) -> (version: SemanticVersion, tag: VersionTag?) {
        if let version {
            return (version, history.tags.last { $0.version == version })
        }
        if history.repository.isHeadUnborn {
            throw ChangelogError.unbornBranch(history.repository, fresh: "the repository has no commits yet, so no release to show")
        }
        let head = try history.resolve("HEAD")
        guard let latest = try history.previousRelease(of: head) else {
            throw ChangelogError("no version tag is reachable from HEAD; pass the VERSION whose notes you want, or release one first")
        }
        return (latest.version, latest)
    }

    /// The section's Markdown without its heading: the changelog file's own text when it has the
    /// section (manual edits win), else generated from the tag's history.
    public func markdown(_ version: SemanticVersion?, changelog: [UInt8]?) throws(ChangelogError) -> String {
        let (version, tag) = try release(version)
        if let changelog, let body = ChangelogDocument(bytes: changelog).body(of: .version(version)) {
            return body
        }
        guard let tag else { throw missing(version) }
        if let template {
            let section = template.render(try generated(tag, contributors: true), links: links, subtitle: subtitle)
            // A template whose section the changelog would not find again (no anchor or heading
            // naming the version) has no heading to drop: all of it is the notes.
            // (A rendered section ends with exactly one blank line, or is empty.)
            return ChangelogDocument(text: section).body(of: .version(version)) ?? String(section.dropLast(2))
        }
        let renderer = MarkdownRenderer(links: links, marksBackports: backports == .mark, style: style)
        let section = renderer.render(try generated(tag))
        return ChangelogDocument(text: section).body(of: .version(version)) ?? ""
    }

    /// The release as docs/contract.md's JSON document, always generated from history.
    public func json(_ version: SemanticVersion?) throws(ChangelogError) -> String {
        let (version, tag) = try release(version)
        guard let tag else { throw missing(version) }
        var renderer = JSONRenderer()
        return renderer.begin() + renderer.render(try generated(tag, contributors: true)) + renderer.end()
    }

    /// The release as `changelog --setversion V --to TAG` plans it: one definition of a tagged
    /// release's range, date and backports.
    private func generated(_ tag: VersionTag, contributors: Bool = false) throws(ChangelogError) -> Release {
        var request = GenerateRequest(today: Environment.now())
        request.version = .exact(tag.version)
        request.to = tag.commitID.hex
        request.layout = layout
        request.backports = backports
        request.includesContributors = contributors
        let plans = try Generate(history: history, request: request).plan()
        return plans[0].release(ReleaseComposer(layout: layout))
    }

    private func missing(_ version: SemanticVersion) -> ChangelogError {
        // A tag of a tree or a blob is no release, but it is there: say so, not that it is missing.
        for name in ["v\(version)", "\(version)"] {
            do {
                _ = try history.repository.resolveCommit("refs/tags/\(name)")
            } catch  where error.kind == .notACommit {
                return .notACommit(name, noSectionFor: version)
            } catch {
                continue
            }
        }
        return ChangelogError(
            "no tag for \(version) and no \(version) section in the changelog; check the version (git tag --list), or release it first")
    }
}
