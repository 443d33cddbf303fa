import ChangelogCore
import Git

extension History {
    /// The commits `changelog check` lints: `A..B` (`A..` means `A..HEAD`; a single revision `A`
    /// means `A..HEAD`, as commitlint's `--from` does), else everything since the latest version
    /// tag reachable from HEAD, or the whole history when there is none.
    public func commitsToCheck(range: String?) throws(ChangelogError) -> [SourceCommit] {
        guard let range else {
            if repository.isHeadUnborn { return [] }
            return try sincePreviousRelease(of: resolve("HEAD")).commits
        }
        if range.contains("...") {
            throw ChangelogError("'\(range)' is a symmetric range; check takes A..B (the commits in B that are not in A)", exitCode: 64)
        }
        let parts = range.components(separatedBy: "..")
        let from = parts[0]
        let to = parts.count > 1 && !parts[1].isEmpty ? parts[1] : "HEAD"
        guard !from.isEmpty else {
            throw ChangelogError("'\(range)' has no start; write A..B, e.g. v1.2.0..HEAD", exitCode: 64)
        }
        return try commits(from: resolve(from), to: resolve(to))
    }
}

/// `changelog check`'s linting of history commits and of a commit-msg hook's message file.
public struct CheckRun {
    public var linter: CommitLinter

    public init(options: LintOptions) {
        linter = CommitLinter(options: options)
    }

    public func lint(_ commits: [SourceCommit]) -> [LintResult] {
        commits.map { linter.lint(message: $0.message, id: $0.id, parentCount: $0.parentCount, stripComments: false) }
    }

    public func lint(messageFile text: String) -> LintResult {
        linter.lint(message: text, id: nil, parentCount: 1, stripComments: true)
    }
}
