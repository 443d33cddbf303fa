/// Which commit types go to which section, in which order, and how scopes are displayed.
public struct SectionLayout: Sendable, Equatable {
    public struct Definition: Sendable, Equatable {
        public var title: String
        public var types: [String]

        public init(title: String, types: [String]) {
            self.title = title
            self.types = types
        }
    }

    public static let breakingTitle = "Breaking Changes"

    /// Sections after Breaking Changes, in output order.
    public private(set) var definitions: [Definition]
    /// Scope alias (lower-cased) to display name.
    public private(set) var componentNames: [String: String]
    private var sectionByType: [String: Int]
    /// `[changelog] other`: the last section's title, listing commits that are not Conventional
    /// Commits (merges and autosquash commits aside); nil leaves them out.
    public var otherTitle: String?

    public static let standard = SectionLayout(
        definitions: [
            Definition(title: "Features", types: ["feat"]),
            Definition(title: "Bug Fixes", types: ["fix"]),
            Definition(title: "Performance Improvements", types: ["perf"]),
            Definition(title: "Reverts", types: ["revert"]),
        ], componentNames: [:])

    public init(definitions: [Definition], componentNames: [String: String]) {
        self.definitions = definitions
        self.componentNames = componentNames
        sectionByType = [:]
        for (index, definition) in definitions.enumerated() {
            for type in definition.types { sectionByType[type.lowercased()] = index }
        }
    }

    /// The defaults with configured sections merged in: an alias list whose title names a default
    /// section extends it (clog's `Features = ["feat", "feature"]`); other titles add sections after
    /// the defaults, in file order. A type moves to the last section that names it.
    public func adding(sections: [(title: String, aliases: [String])], components: [(name: String, aliases: [String])]) -> SectionLayout {
        var definitions = self.definitions
        // Which definitions hold each type, and where each title is: thousands of configured
        // sections must not cost a scan of every definition per alias.
        var holders: [String: [Int]] = [:]
        var indexByTitle: [String: Int] = [:]
        for (index, definition) in definitions.enumerated() {
            for type in definition.types { holders[type, default: []].append(index) }
            if indexByTitle[definition.title] == nil { indexByTitle[definition.title] = index }
        }
        for section in sections {
            let aliases = section.aliases.map { $0.lowercased() }
            for alias in Set(aliases) {
                for index in holders[alias] ?? [] { definitions[index].types.removeAll { $0 == alias } }
            }
            let index: Int
            if let existing = indexByTitle[section.title] {
                index = existing
                definitions[index].types += aliases
            } else {
                index = definitions.count
                indexByTitle[section.title] = index
                definitions.append(Definition(title: section.title, types: aliases))
            }
            for alias in aliases { holders[alias] = [index] }
        }
        var names = componentNames
        for component in components {
            for alias in component.aliases { names[alias.lowercased()] = component.name }
        }
        var layout = SectionLayout(definitions: definitions, componentNames: names)
        layout.otherTitle = otherTitle
        return layout
    }

    public func sectionIndex(forType type: String) -> Int? { sectionByType[type] }

    public func component(forScope scope: String?) -> String? {
        guard let scope else { return nil }
        return componentNames[scope.lowercased()] ?? scope
    }
}
