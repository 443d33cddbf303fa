/// The outcome of linting one commit message.
public struct LintResult: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case conventional, merge, revert, fixup, invalid
    }

    /// The full commit id; nil for a message file (the commit-msg hook).
    public var id: String?
    /// The first line of the cleaned message.
    public var header: String
    public var kind: Kind
    /// A merge, revert or autosquash commit that the options say not to check.
    public var ignored: Bool
    /// Sorted by line and column.
    public var errors: [Diagnostic]
    /// Filled whenever the message parses as a Conventional Commit, even when a lint rule fails.
    public var commit: ConventionalCommit?
    /// The message after `CommitMessageParser.clean`: the lines that the diagnostics' line numbers
    /// refer to, for showing the offending line under each error.
    public var cleanedMessage: String

    public var valid: Bool { errors.isEmpty }

    public init(
        id: String?, header: String, kind: Kind, ignored: Bool, errors: [Diagnostic],
        commit: ConventionalCommit?, cleanedMessage: String
    ) {
        self.id = id
        self.header = header
        self.kind = kind
        self.ignored = ignored
        self.errors = errors
        self.commit = commit
        self.cleanedMessage = cleanedMessage
    }

    /// The first 8 characters of the id, or `message` for a message file.
    public var displayID: String { id.map { String($0.prefix(8)) } ?? "message" }

    /// Line `number` (1-based) of the cleaned message, or nil when there is no such line.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        for line in cleanedMessage.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == number { return String(line) }
            current += 1
        }
        return nil
    }
}
