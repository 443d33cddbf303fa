/// Renders releases as the Markdown sections docs/contract.md specifies (clog's layout).
public struct MarkdownRenderer: ReleaseTextRenderer, Sendable {
    public var links: LinkContext
    /// clog's `--subtitle`: printed after the version in the heading, outside its link (as clog's
    /// text follows the version).
    public var subtitle: String?
    /// `[branches] backports = "mark"`: entries shipped first by a maintenance release say so.
    public var marksBackports: Bool
    /// `[changelog] contributors = true`: a Contributors block closes each release.
    public var showsContributors: Bool

    /// `[changelog] style`, `--style`: the layout the sections are written in.
    public var style: ChangelogStyle
    /// keep-a-changelog's categories for the commit types.
    public var categories: KeepAChangelogCategories

    public init(
        links: LinkContext, subtitle: String? = nil, marksBackports: Bool = false, style: ChangelogStyle = .default,
        categories: KeepAChangelogCategories = .standard, showsContributors: Bool = false
    ) {
        self.links = links
        self.subtitle = subtitle.flatMap { $0.isEmpty ? nil : $0 }
        self.marksBackports = marksBackports
        self.style = style
        self.categories = categories
        self.showsContributors = showsContributors
    }

    /// One release section in the style in use; the default one ends with a single blank line so
    /// sections stack cleanly.
    public func render(_ release: Release, into out: inout String) {
        switch style {
        case .default: break
        case .clog:
            return ClogRenderer(links: links, subtitle: subtitle, showsContributors: showsContributors).render(release, into: &out)
        case .keepAChangelog: return KeepAChangelogRenderer(base: self).render(release, into: &out)
        case .conventional: return ConventionalRenderer(base: self).render(release, into: &out)
        }
        out += Self.anchor(release.anchorName)
        out += "## " + comparedName(release)
        if let subtitle { out += " " + subtitle }
        out += " (\(release.date.day))\n\n"
        for section in release.sections {
            out += "#### \(section.title)\n\n"
            let isBreaking = section.isBreaking
            for entry in section.entries {
                renderEntry(entry, breaking: isBreaking, into: &out)
            }
            if !isBreaking { out += "\n" }
        }
        if showsContributors { Self.appendContributors(release, heading: "#### Contributors\n\n", bullet: "* ", into: &out) }
    }

    /// `<a name="1.4.0"></a>` and its line break.
    static func anchor(_ name: String) -> String {
        "<a name=\"\(name)\"></a>\n"
    }

    /// For the styles whose headings carry no anchor: one for a name that is no version
    /// (`--setversion` naming a section), which only an anchor finds again.
    static func nameAnchor(_ release: Release) -> String {
        guard release.version == nil, let name = release.name else { return "" }
        return anchor(name)
    }

    /// The heading's name, linked to the comparison with the previous release when there is one
    /// and a repository to compare in.
    func comparedName(_ release: Release) -> String {
        guard let base = links.repositoryURL, let previous = release.previousTag, let current = release.tag ?? release.head else {
            return release.displayName
        }
        return "[\(release.displayName)](\(links.style.compare(base, from: previous, to: current)))"
    }

    /// `[changelog] contributors = true`: the release's contributors under `heading`, one `bullet`
    /// line each, first-timers marked, then `closing`; nothing when there are none.
    static func appendContributors(
        _ release: Release, heading: String, bullet: String, closing: String = "\n", into out: inout String
    ) {
        guard !release.contributors.isEmpty else { return }
        out += heading
        for contributor in release.contributors {
            out += bullet + (contributor.name.isEmpty ? contributor.email : contributor.name)
            out += contributor.isFirstTime ? " (first contribution)\n" : "\n"
        }
        out += closing
    }

    /// An entry's line: `bullet`, its component, subject, commit and references, and (marking
    /// backports) the maintenance releases that shipped it first.
    func appendEntryLine(_ entry: Release.Entry, bullet: String, into out: inout String) {
        out += bullet
        if let component = entry.component { out += "**\(component):** " }
        out += collapsingSpaces(entry.conventional.subject)
        out += " ("
        out += commitLink(entry.commit)
        renderReferences(entry.conventional.references, into: &out)
        out += ")"
        appendAlsoIn(entry, into: &out)
        out += "\n"
    }

    /// ` (also in 1.3.1)` when backports are marked and a maintenance release shipped the entry first.
    func appendAlsoIn(_ entry: Release.Entry, into out: inout String) {
        guard marksBackports && !entry.alsoIn.isEmpty else { return }
        out += " (also in \(entry.alsoIn.map(\.description).joined(separator: ", ")))"
    }

    func renderEntry(_ entry: Release.Entry, breaking: Bool, into out: inout String) {
        appendEntryLine(entry, bullet: "* ", into: &out)
        if breaking {
            let note = entry.conventional.breakingNote ?? collapsingSpaces(entry.conventional.subject)
            out += "\n"
            appendIndented(note, into: &out)
            out += "\n"
        }
    }

    func commitLink(_ commit: SourceCommit) -> String {
        Self.commitLink(commit, links: links)
    }

    /// `[1a2b3c4d](<repo>/commit/<id>)`, or the short hash without a repository.
    static func commitLink(_ commit: SourceCommit, links: LinkContext) -> String {
        guard let base = links.repositoryURL else { return commit.shortID }
        return "[\(commit.shortID)](\(links.style.commit(base, commit.id.hex)))"
    }

    /// `, closes [#12](…), [#13](…), fixes [#4](…)`: references grouped by action, in first-seen order.
    func renderReferences(_ references: [Reference], into out: inout String) {
        var actions: [String] = []
        var byAction: [String: [Reference]] = [:]
        for reference in references {
            let action = reference.action.lowercased()
            if byAction[action] == nil { actions.append(action) }
            if !(byAction[action]?.contains(reference) ?? false) { byAction[action, default: []].append(reference) }
        }
        for action in actions {
            out += ", \(action) "
            out += byAction[action]!.map(referenceLink).joined(separator: ", ")
        }
    }

    func referenceLink(_ reference: Reference) -> String {
        Self.referenceLink(reference, links: links)
    }

    /// `[#12](<repo>/issues/12)` (`!3` a merge request, `o/r#12` another repository's), or the
    /// text alone without a link.
    static func referenceLink(_ reference: Reference, links: LinkContext) -> String {
        let text = (reference.repository ?? "") + (reference.kind == .mergeRequest ? "!" : "#") + reference.issue
        guard let base = links.repositoryURL, let url = links.style.issue(base, reference) else { return text }
        return "[\(text)](\(url))"
    }
}

/// Subjects come from people: fold runs of spaces and tabs so no double spaces reach the Markdown.
func collapsingSpaces(_ text: String) -> String {
    // One pass over the bytes decides; almost every subject has nothing to fold.
    var afterSpace = false
    let needsFolding = text.utf8.contains { byte in
        defer { afterSpace = byte == 0x20 }
        return byte == 0x09 || (byte == 0x20 && afterSpace)
    }
    guard needsFolding else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var previousWasSpace = false
    for scalar in text.unicodeScalars {
        let isSpace = scalar == " " || scalar == "\t"
        if isSpace && previousWasSpace { continue }
        result.unicodeScalars.append(isSpace ? " " : scalar)
        previousWasSpace = isSpace
    }
    return result
}

/// A note as written, each line indented by `indent` under its list entry (blank lines stay empty),
/// so lists, code fences and paragraphs keep their shape inside the entry.
func appendIndented(_ note: String, indent: String = "  ", into out: inout String) {
    for line in note.split(separator: "\n", omittingEmptySubsequences: false) {
        out += line.isEmpty ? "\n" : indent + line + "\n"
    }
}
