/// The exit statuses docs/contract.md promises, by name, so no command spells a bare number.
/// A `release` rolled back by a signal exits 128 + the signal's number, which is not listed here.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    /// `check` found commits or a message that break the rules.
    case checkFailed = 1
    /// A repository, file or configuration error, explained in one line on stderr.
    case failure = 2
    /// `next` (and `--bump`): nothing since the last release warrants one.
    case nothingToRelease = 3
    /// A usage error: swift-argument-parser's message and usage (its `ExitCode.validationFailure`, EX_USAGE).
    case usage = 64
}
