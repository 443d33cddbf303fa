/// Renders releases as the Markdown sections docs/contract.md specifies (clog's layout).
public struct MarkdownRenderer: Sendable {
    public var links: LinkContext
    /// clog's `--subtitle`: printed after the version in the heading.
    public var subtitle: String?
    /// `[branches] backports = "mark"`: entries shipped first by a maintenance release say so.
    public var marksBackports: Bool

    public init(links: LinkContext, subtitle: String? = nil, marksBackports: Bool = false) {
        self.links = links
        self.subtitle = subtitle.flatMap { $0.isEmpty ? nil : $0 }
        self.marksBackports = marksBackports
    }

    /// One release section, ending with a single blank line so sections stack cleanly.
    public func render(_ release: Release) -> String {
        var out = ""
        render(release, into: &out)
        return out
    }

    public func render(_ release: Release, into out: inout String) {
        let name = release.version?.description ?? "Unreleased"
        out += "<a name=\"\(release.version?.description ?? "unreleased")\"></a>\n"
        out += "## "
        var title = name
        if let subtitle { title += " " + subtitle }
        if let base = links.repositoryURL, let previous = release.previousTag, let current = release.tag ?? release.head {
            out += "[\(title)](\(links.style.compare(base, from: previous, to: current)))"
        } else {
            out += title
        }
        out += " (\(release.date))\n\n"
        for section in release.sections {
            out += "#### \(section.title)\n\n"
            let isBreaking = section.isBreaking
            for entry in section.entries {
                renderEntry(entry, breaking: isBreaking, into: &out)
            }
            if !isBreaking { out += "\n" }
        }
    }

    private func renderEntry(_ entry: Release.Entry, breaking: Bool, into out: inout String) {
        out += "* "
        if let component = entry.component { out += "**\(component):** " }
        out += collapsingSpaces(entry.conventional.subject)
        out += " ("
        out += commitLink(entry.commit)
        renderReferences(entry.conventional.references, into: &out)
        out += ")"
        if marksBackports && !entry.alsoIn.isEmpty {
            out += " (also in \(entry.alsoIn.map(\.description).joined(separator: ", ")))"
        }
        out += "\n"
        if breaking {
            let note = entry.conventional.breakingNote ?? collapsingSpaces(entry.conventional.subject)
            out += "\n"
            for line in note.split(separator: "\n", omittingEmptySubsequences: false) {
                out += line.isEmpty ? "\n" : "  \(line)\n"
            }
            out += "\n"
        }
    }

    private func commitLink(_ commit: SourceCommit) -> String {
        guard let base = links.repositoryURL else { return commit.shortID }
        return "[\(commit.shortID)](\(links.style.commit(base, commit.id.hex)))"
    }

    /// `, closes [#12](…), [#13](…), fixes [#4](…)`: references grouped by action, in first-seen order.
    private func renderReferences(_ references: [Reference], into out: inout String) {
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

    private func referenceLink(_ reference: Reference) -> String {
        let text = (reference.repository ?? "") + (reference.kind == .mergeRequest ? "!" : "#") + reference.issue
        guard let base = links.repositoryURL, let url = links.style.issue(base, reference) else { return text }
        return "[\(text)](\(url))"
    }
}

/// Subjects come from people: fold runs of spaces and tabs so no double spaces reach the Markdown.
func collapsingSpaces(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x09 }) || text.contains("  ") else { return text }
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
