public struct Footer: Sendable, Equatable {
    /// As written, except `BREAKING-CHANGE`, which is kept as written too; compare with `isBreakingChange`.
    public var token: String
    /// Multi-line values keep their line breaks; trailing blank lines are dropped.
    public var value: String
    public var separator: Separator

    public enum Separator: String, Sendable, Equatable {
        case colon = ": "
        case hash = " #"
    }

    public init(token: String, value: String, separator: Separator) {
        self.token = token
        self.value = value
        self.separator = separator
    }

    public var isBreakingChange: Bool { token == "BREAKING CHANGE" || token == "BREAKING-CHANGE" }
}
