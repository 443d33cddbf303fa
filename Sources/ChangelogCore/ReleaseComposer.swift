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
        let dropped = commits.cancelledByReverts
        var breaking: [Release.Entry] = []
        var bySection = Array(repeating: [Release.Entry](), count: layout.definitions.count)
        for (index, parsed) in commits.enumerated() where !dropped.contains(index) {
            guard let conventional = parsed.entry else { continue }
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
        return sections
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
