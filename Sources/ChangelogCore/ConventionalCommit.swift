public struct ConventionalCommit: Sendable, Equatable {
    /// Lower-cased: the specification makes types case-insensitive.
    public var type: String
    public var scope: String?
    /// True when the header has `!` or a `BREAKING CHANGE`/`BREAKING-CHANGE` footer is present.
    public var isBreaking: Bool
    /// The header's description, trimmed.
    public var subject: String
    /// The text between the header and the footers, trimmed of surrounding blank lines; nil when empty.
    public var body: String?
    /// Every footer, including `BREAKING CHANGE`, in message order.
    public var footers: [Footer]
    /// The value of the first breaking-change footer; nil when only `!` marks the change.
    public var breakingNote: String?
    /// Issue and merge-request references found in the footers.
    public var references: [Reference]

    public init(
        type: String, scope: String?, isBreaking: Bool, subject: String, body: String?,
        footers: [Footer], breakingNote: String?, references: [Reference]
    ) {
        self.type = type
        self.scope = scope
        self.isBreaking = isBreaking
        self.subject = subject
        self.body = body
        self.footers = footers
        self.breakingNote = breakingNote
        self.references = references
    }
}
