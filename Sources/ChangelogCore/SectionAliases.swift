/// A section title (or a component's display name) and the commit types (or scopes) that map to it.
public struct SectionAliases: Sendable, Equatable {
    public var title: String
    public var aliases: [String]

    public init(title: String, aliases: [String]) {
        self.title = title
        self.aliases = aliases
    }
}
