/// Someone who wrote or co-wrote a commit of a release, as `.mailmap` names them.
public struct Contributor: Sendable, Equatable, Hashable {
    public var name: String
    public var email: String
    /// No commit of any earlier release has them as author or co-author.
    public var isFirstTime: Bool

    public init(name: String, email: String, isFirstTime: Bool = false) {
        self.name = name
        self.email = email
        self.isFirstTime = isFirstTime
    }

    /// Who this is, for telling people apart: the address (git compares addresses case-insensitively,
    /// and one person's name is spelled many ways), or the name when there is no address.
    public var key: String { Self.key(name: name, email: email) }

    public static func key(name: String, email: String) -> String {
        email.isEmpty ? "name:" + name : email.lowercased()
    }

    public static func key(_ person: Person) -> String { key(name: person.name, email: person.email) }
}
