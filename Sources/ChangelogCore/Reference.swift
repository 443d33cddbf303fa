public struct Reference: Sendable, Equatable, Hashable {
    /// The footer token that made the reference, capitalised as `Closes`, `Fixes`, `Resolves`, `Refs`.
    public var action: String
    /// The number (or `owner/repo#number` form's number) without `#` or `!`.
    public var issue: String
    public var kind: Kind
    /// `owner/repo` when the reference names another repository (`o/r#12`).
    public var repository: String?

    public enum Kind: String, Sendable, Equatable, Hashable {
        /// `#12`
        case issue
        /// GitLab's `!123`
        case mergeRequest
    }

    public init(action: String, issue: String, kind: Kind = .issue, repository: String? = nil) {
        self.action = action
        self.issue = issue
        self.kind = kind
        self.repository = repository
    }
}
