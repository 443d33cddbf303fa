/// What `changelog check` enforces; read from `[check]` in the configuration.
public struct LintOptions: Sendable, Equatable {
    /// Allowed types, compared case-insensitively (the specification makes types case-insensitive).
    /// Empty allows any type.
    public var types: [String] = ["feat", "fix", "perf", "refactor", "docs", "style", "test", "build", "ci", "chore", "revert"]
    /// The longest header allowed, in Characters.
    public var headerMaxLength = 100
    /// Allowed scopes, compared as written; empty allows any scope. A header without a scope is always allowed.
    public var scopes: [String] = []
    /// Rules whose diagnostics are dropped.
    public var disabledRules: Set<Diagnostic.Rule> = []
    /// Merge commits, git's `Revert "..."` and `fixup!`/`squash!`/`amend!` commits are not checked
    /// when these are true; when false they are linted as ordinary messages (and so fail `header-format`).
    public var ignoreMerges = true, ignoreReverts = true, ignoreAutosquash = true

    public init() {}
}
