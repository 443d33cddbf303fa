/// Renders a release as clog 0.9.3 writes it, byte for byte, for the commits clog would list (the
/// section ends where clog's does: after its last entry, or after the heading's two blank lines).
///
/// clog's layout: an anchor, `## VERSION (date)` (`###` for a patch version), two blank lines,
/// `#### Title` sections (Features, Bug Fixes, Performance, then Breaking Changes, then configured
/// ones), entries grouped by component (unscoped first, then in byte order), a component with
/// several entries as one `* **scope:**` line with the entries nested under it, and the subject
/// after the single space clog keeps from the header (`*   subject`, `* **scope:**  subject`).
/// Links are clog's: `[hash](url)` even without a repository (the url is then the short hash),
/// `closes` for Closes/Fixes/Resolves and `breaks` for Breaks references.
///
/// Not copied from clog: its commit reading (the parser decides types, breaking changes and
/// references), its random section order, and dropping a multi-line `BREAKING CHANGE:` note, which
/// is written indented under its entry in Breaking Changes (a one-line note stays unwritten, as clog).
public struct ClogRenderer: ReleaseTextRenderer, Sendable {
    public var links: LinkContext
    public var subtitle: String?

    /// `[changelog] contributors = true`: a Contributors group closes the section.
    public var showsContributors: Bool

    public init(links: LinkContext, subtitle: String? = nil, showsContributors: Bool = false) {
        self.links = links
        self.subtitle = subtitle.flatMap { $0.isEmpty ? nil : $0 }
        self.showsContributors = showsContributors
    }

    public func render(_ release: Release, into out: inout String) {
        out += MarkdownRenderer.anchor(release.anchorName)
        let isPatch = release.version.map { $0.patch != 0 } ?? false
        out += isPatch ? "### " : "## "
        out += release.displayName
        if let subtitle { out += " " + subtitle }
        out += " (\(release.date.day))\n\n"
        var afterNote = false
        for section in Self.ordered(release.sections) {
            afterNote = false
            out += "\n#### \(Self.title(section))\n\n"
            for group in Self.components(section.entries) {
                let nested = group.component != nil && group.entries.count > 1
                let prefix: String
                if nested {
                    out += "* **\(group.component!):**\n"
                    prefix = "  * "
                } else if let component = group.component {
                    prefix = "* **\(component):** "
                } else {
                    prefix = "*  "
                }
                for entry in group.entries {
                    // A note is set off by blank lines; the section still ends at its last line.
                    if afterNote { out += "\n" }
                    afterNote = false
                    out += prefix + " " + collapsingSpaces(entry.conventional.subject)
                    out += " ([\(entry.commit.shortID)](\(commitURL(entry.commit.id.hex)))"
                    appendReferences(entry.conventional.references, into: &out)
                    out += ")\n"
                    if section.isBreaking, let note = entry.conventional.breakingNote, note.contains("\n") {
                        out += "\n"
                        appendIndented(note, indent: nested ? "    " : "  ", into: &out)
                        afterNote = true
                    }
                }
            }
        }
        if showsContributors {
            if afterNote && !release.contributors.isEmpty { out += "\n" }
            MarkdownRenderer.appendContributors(release, heading: "\n#### Contributors\n\n", bullet: "*   ", closing: "", into: &out)
        }
    }

    /// What clog writes between a new section and the changelog it prepends it to: releases
    /// rendered one after another (`--all`) are spaced as successive clog runs leave them.
    public static let separator = "\n\n\n"

    /// clog's titles for the default sections.
    private static func title(_ section: Release.Section) -> String {
        section.title == "Performance Improvements" ? "Performance" : section.title
    }

    /// Features, Bug Fixes and Performance, then Breaking Changes, then the configured sections, as
    /// clog's section map orders them; clog has no Reverts section (it never reads a revert).
    private static func ordered(_ sections: [Release.Section]) -> [Release.Section] {
        let standard = ["Features", "Bug Fixes", "Performance Improvements"]
        let first = standard.compactMap { title in sections.first { !$0.isBreaking && $0.title == title } }
        let breaking = sections.filter(\.isBreaking)
        let rest = sections.filter { !$0.isBreaking && !standard.contains($0.title) && $0.title != "Reverts" }
        return first + breaking + rest
    }

    /// The entries by component as clog's map keeps them: unscoped first, then by the component's
    /// bytes; history order within each.
    private static func components(_ entries: [Release.Entry]) -> [(component: String?, entries: [Release.Entry])] {
        var groups: [String: [Release.Entry]] = [:]
        for entry in entries { groups[entry.component ?? "", default: []].append(entry) }
        return groups.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { key in
            (key.isEmpty ? nil : key, groups[key]!)
        }
    }

    /// clog's commit link: `/commit/` on GitHub and GitLab, `/commits/` on Bitbucket Server,
    /// `/commit/?id=` on cgit; the short hash without a repository.
    private func commitURL(_ id: String) -> String {
        guard let base = links.repositoryURL else { return String(id.prefix(8)) }
        switch links.style {
        case .github, .gitlab: return "\(base)/commit/\(id)"
        case .stash: return "\(base)/commits/\(id)"
        case .cgit: return "\(base)/commit/?id=\(id)"
        }
    }

    /// `, closes [#1](url), [#2](url)` for Closes/Fixes/Resolves and `, breaks [#3](url)` for Breaks;
    /// clog links issues of this repository only, and only on GitHub and GitLab.
    private func appendReferences(_ references: [Reference], into out: inout String) {
        var closes: [String] = []
        var breaks: [String] = []
        for reference in references where reference.kind == .issue && reference.repository == nil {
            switch reference.action.lowercased() {
            case "closes", "close", "closed", "fixes", "fix", "fixed", "resolves", "resolve", "resolved":
                if !closes.contains(reference.issue) { closes.append(reference.issue) }
            case "breaks", "broke":
                if !breaks.contains(reference.issue) { breaks.append(reference.issue) }
            default:
                continue
            }
        }
        if !closes.isEmpty { out += ", closes " + closes.map(issueLink).joined(separator: ", ") }
        if !breaks.isEmpty { out += ", breaks " + breaks.map(issueLink).joined(separator: ", ") }
    }

    private func issueLink(_ issue: String) -> String {
        guard let base = links.repositoryURL, links.style == .github || links.style == .gitlab else { return "[#\(issue)](\(issue))" }
        return "[#\(issue)](\(base)/issues/\(issue))"
    }
}
