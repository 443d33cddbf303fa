/// Renders a release as conventional-changelog's angular-style preset writes it through
/// release-please: `## [1.4.0](compare) (2026-11-21)`, two blank lines, `### ⚠ BREAKING CHANGES`
/// with each change's note, then `### Features`, `### Bug Fixes`, ... separated by two blank lines;
/// entries `* **scope:** subject ([abc1234](commit url)), closes [#12](url) [#13](url)`, with
/// seven-digit hashes, sorted by scope then subject as conventional-changelog sorts them.
///
/// A note of several lines (lists, code, paragraphs) keeps them, indented under its entry.
public struct ConventionalRenderer: ReleaseTextRenderer, Sendable {
    public var base: MarkdownRenderer

    public init(base: MarkdownRenderer) {
        self.base = base
    }

    public func render(_ release: Release, into out: inout String) {
        out += MarkdownRenderer.nameAnchor(release)
        out += "## " + base.comparedName(release)
        if let subtitle = base.subtitle { out += " " + subtitle }
        out += " (\(release.date.day))\n\n"
        // Each group opens with a blank line and a commit group closes with one more: two blank lines
        // between groups, one after the breaking changes, as the preset's template leaves them.
        if let breaking = release.sections.first(where: \.isBreaking) {
            out += "\n### ⚠ BREAKING CHANGES\n\n"
            for entry in Self.sorted(breaking.entries) {
                out += "* "
                if let component = entry.component { out += "**\(component):** " }
                let note = entry.conventional.breakingNote ?? collapsingSpaces(entry.conventional.subject)
                var lines = note.split(separator: "\n", omittingEmptySubsequences: false)[...]
                out += lines.removeFirst() + "\n"
                if !lines.isEmpty { appendIndented(lines.joined(separator: "\n"), into: &out) }
            }
        }
        for section in release.sections where !section.isBreaking {
            out += "\n### \(section.title)\n\n"
            for entry in Self.sorted(section.entries) {
                out += "* "
                if let component = entry.component { out += "**\(component):** " }
                out += collapsingSpaces(entry.conventional.subject)
                out += " (" + commitLink(entry.commit) + ")"
                appendReferences(entry.conventional.references, into: &out)
                base.appendAlsoIn(entry, into: &out)
                out += "\n"
            }
            out += "\n"
        }
        if base.showsContributors {
            MarkdownRenderer.appendContributors(release, heading: "\n### Contributors\n\n", bullet: "* ", into: &out)
        }
    }

    /// By scope (unscoped first, as conventional-changelog compares an absent scope), then subject;
    /// stable, so equal ones keep history order.
    private static func sorted(_ entries: [Release.Entry]) -> [Release.Entry] {
        let keys = entries.map { ($0.component ?? "", $0.conventional.subject) }
        return entries.indices.sorted { a, b in
            if keys[a].0 != keys[b].0 { return keys[a].0 < keys[b].0 }
            if keys[a].1 != keys[b].1 { return keys[a].1 < keys[b].1 }
            return a < b
        }.map { entries[$0] }
    }

    private func commitLink(_ commit: SourceCommit) -> String {
        let short = String(commit.id.hex.prefix(7))
        guard let url = base.links.repositoryURL else { return short }
        return "[\(short)](\(base.links.style.commit(url, commit.id.hex)))"
    }

    /// `, closes [#12](url) [#13](url)`: every reference, as the preset lists them.
    private func appendReferences(_ references: [Reference], into out: inout String) {
        var seen: [Reference] = []
        for reference in references {
            let same = { (other: Reference) in
                other.issue == reference.issue && other.kind == reference.kind && other.repository == reference.repository
            }
            if !seen.contains(where: same) { seen.append(reference) }
        }
        guard !seen.isEmpty else { return }
        out += ", closes"
        for reference in seen { out += " " + base.referenceLink(reference) }
    }
}
