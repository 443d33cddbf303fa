/// What a commit message is, once read by the Conventional Commits 1.0.0 rules.
public enum ParsedMessage: Sendable, Equatable {
    /// `type(scope)!: description`, with body and footers.
    case conventional(ConventionalCommit)
    /// A merge commit: more than one parent, or a header git or a forge writes for merges.
    case merge
    /// git's own `Revert "..."`; the ids come from `This reverts commit <id>.` lines.
    case revert(Revert)
    /// `fixup!`, `squash!` or `amend!`: meant to be folded into another commit by `rebase --autosquash`.
    case autosquash(AutosquashKind)
    /// Not a Conventional Commit; the diagnostics say why.
    case invalid([Diagnostic])
}

public enum AutosquashKind: String, Sendable, Equatable {
    case fixup, squash, amend
}

public struct Revert: Sendable, Equatable {
    /// The header of the reverted commit, from between the quotes.
    public var revertedHeader: String
    /// Full or abbreviated ids named by `This reverts commit <id>.`
    public var revertedIDs: [String]
    /// The reverted header parsed again, when it is itself conventional (so a revert of a
    /// breaking change can be told apart).
    public var revertedCommit: ConventionalCommit?

    public init(revertedHeader: String, revertedIDs: [String], revertedCommit: ConventionalCommit?) {
        self.revertedHeader = revertedHeader
        self.revertedIDs = revertedIDs
        self.revertedCommit = revertedCommit
    }
}

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

/// A problem found in a message, with a position for a caret and a hint to fix it.
public struct Diagnostic: Sendable, Equatable {
    public var rule: Rule
    public var message: String
    /// 1-based line in the cleaned message (after CRLF and comment removal).
    public var line: Int
    /// 1-based column, counted in characters (grapheme clusters), so a caret lines up under emoji and CJK.
    public var column: Int

    public init(rule: Rule, message: String, line: Int, column: Int) {
        self.rule = rule
        self.message = message
        self.line = line
        self.column = column
    }

    /// Rule names are stable: `check` prints them and `[check]` configures them by name.
    public enum Rule: String, Sendable, Equatable, CaseIterable {
        case headerFormat = "header-format"
        case typeEmpty = "type-empty"
        case scopeEmpty = "scope-empty"
        case separator = "separator"
        case subjectEmpty = "subject-empty"
        case bodyBlankLine = "body-leading-blank"
        case footerFormat = "footer-format"
        case breakingChangeCase = "breaking-change-upper-case"
        case emptyMessage = "empty-message"
        case typeAllowed = "type-enum"
        case headerMaxLength = "header-max-length"
        case scopeAllowed = "scope-enum"
    }
}
