/// Renders a release as keepachangelog.com 1.1.0 lays it out: `## [1.4.0] - 2026-11-21` (or
/// `## [Unreleased]`), then `### Added`, `### Changed`, `### Deprecated`, `### Removed`, `### Fixed`,
/// `### Security` with `- ` entries.
///
/// Each listed commit goes to the category its type maps to (`KeepAChangelogCategories`); a breaking
/// change is marked `**Breaking:**` in its category, its note indented under it. The link reference
/// definitions the headings use are `linkDefinitions(for:)`, merged at the bottom of the file.
public struct KeepAChangelogRenderer: ReleaseTextRenderer, Sendable {
    /// The links, subtitle and backport marks, and the categories.
    public var base: MarkdownRenderer

    public init(base: MarkdownRenderer) {
        self.base = base
    }

    public func render(_ release: Release, into out: inout String) {
        out += MarkdownRenderer.nameAnchor(release)
        out += "## [\(release.displayName)]"
        if let subtitle = base.subtitle { out += " " + subtitle }
        if release.version != nil || release.name != nil { out += " - \(release.date.day)" }
        out += "\n\n"
        var categories = Array(repeating: [(entry: Release.Entry, breaking: Bool)](), count: KeepAChangelogCategories.titles.count)
        var listed = Set<CommitID>()
        for section in release.sections where !section.isBreaking {
            for entry in section.entries {
                listed.insert(entry.commit.id)
                categories[base.categories.category(forType: entry.conventional.type)].append((entry, entry.conventional.isBreaking))
            }
        }
        // A breaking change of a type no section lists (a breaking chore) still needs a place.
        for section in release.sections where section.isBreaking {
            for entry in section.entries where !listed.contains(entry.commit.id) {
                categories[base.categories.category(forType: entry.conventional.type)].append((entry, true))
            }
        }
        for (title, entries) in zip(KeepAChangelogCategories.titles, categories) where !entries.isEmpty {
            out += "### \(title)\n\n"
            for (entry, breaking) in entries {
                base.appendEntryLine(entry, bullet: breaking ? "- **Breaking:** " : "- ", into: &out)
                if breaking, let note = entry.conventional.breakingNote {
                    out += "\n"
                    appendIndented(note, into: &out)
                    out += "\n"
                }
            }
            out += "\n"
        }
        if base.showsContributors {
            MarkdownRenderer.appendContributors(release, heading: "### Contributors\n\n", bullet: "- ", into: &out)
        }
    }

    /// The link reference definitions the headings of `releases` (newest first) use: each version's
    /// compare link from the release before it (its tag's page for the first release), and
    /// `[unreleased]` from the newest tag to HEAD. Empty without a repository URL.
    public func linkDefinitions(for releases: [Release]) -> [(label: String, url: String)] {
        guard let url = base.links.repositoryURL else { return [] }
        let style = base.links.style
        var definitions: [(label: String, url: String)] = []
        for release in releases {
            guard let to = release.tag ?? release.head else { continue }
            let label = release.version == nil && release.name == nil ? "unreleased" : release.displayName
            if let from = release.previousTag {
                definitions.append((label, style.compare(url, from: from, to: to)))
            } else if let tag = release.tag {
                definitions.append((label, style.tagPage(url, tag)))
            }
        }
        return definitions
    }
}
