/// Sorts one release's commits into its sections.
public struct ReleaseComposer: Sendable {
    public var layout: SectionLayout

    public init(layout: SectionLayout = .standard) {
        self.layout = layout
    }

    /// `commits` in history order, newest first (git log's order); the sections keep that order
    /// within each scope group.
    ///
    /// `alsoIn` maps a commit id to the maintenance releases that shipped the same change first.
    public func sections(for commits: [ParsedCommit], alsoIn: [CommitID: [SemanticVersion]] = [:]) -> [Release.Section] {
        let dropped = commits.cancelledByReverts.union(commits.copiesOfOthers)
        var breaking: [Release.Entry] = []
        var bySection = Array(repeating: [Release.Entry](), count: layout.definitions.count)
        var others: [Release.Entry] = []
        for (index, parsed) in commits.enumerated() where !dropped.contains(index) {
            guard let conventional = parsed.entry else {
                if layout.otherTitle != nil, case .invalid = parsed.message, let entry = Self.otherEntry(parsed.commit) {
                    others.append(entry)
                }
                continue
            }
            let entry = Release.Entry(
                commit: parsed.commit, conventional: conventional,
                component: layout.component(forScope: conventional.scope),
                alsoIn: alsoIn.isEmpty ? [] : alsoIn[parsed.commit.id] ?? [])
            if conventional.isBreaking { breaking.append(entry) }
            if let section = layout.sectionIndex(forType: conventional.type) { bySection[section].append(entry) }
        }
        var sections: [Release.Section] = []
        if !breaking.isEmpty {
            sections.append(Release.Section(title: SectionLayout.breakingTitle, entries: grouped(breaking), isBreaking: true))
        }
        for (definition, entries) in zip(layout.definitions, bySection) where !entries.isEmpty {
            sections.append(Release.Section(title: definition.title, entries: grouped(entries)))
        }
        if let title = layout.otherTitle, !others.isEmpty {
            sections.append(Release.Section(title: title, entries: others))
        }
        return sections
    }

    /// A commit that is not a Conventional Commit, as an entry of the `other` section: its first
    /// line is the subject, the rest the body. A message with no text is left out, having nothing to list.
    static func otherEntry(_ commit: SourceCommit) -> Release.Entry? {
        let lines = commit.message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? line.dropLast() : line
        }
        guard let first = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let subject = String(lines[first].drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        let rest = lines[(first + 1)...].drop { $0.allSatisfy(\.isWhitespace) }
        var bodyLines = Array(rest)
        while let last = bodyLines.last, last.allSatisfy(\.isWhitespace) { bodyLines.removeLast() }
        let body = bodyLines.isEmpty ? nil : bodyLines.joined(separator: "\n")
        let conventional = ConventionalCommit(
            type: "", scope: nil, isBreaking: false, subject: subject, body: body, footers: [], breakingNote: nil, references: [])
        return Release.Entry(commit: commit, conventional: conventional, component: nil, isConventional: false)
    }

    /// Scoped entries first, grouped by component in alphabetical order, then unscoped ones; the
    /// sort is stable, so history order holds inside each group.
    private func grouped(_ entries: [Release.Entry]) -> [Release.Entry] {
        // Sort small keys, not the entries: an entry is a large value and swapping it is costly.
        let keys = entries.map { $0.component?.lowercased() }
        let order = entries.indices.sorted { a, b in
            switch (keys[a], keys[b]) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a < b
            }
        }
        return order.map { entries[$0] }
    }
}
