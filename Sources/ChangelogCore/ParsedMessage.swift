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
