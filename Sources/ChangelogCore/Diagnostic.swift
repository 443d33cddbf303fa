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
