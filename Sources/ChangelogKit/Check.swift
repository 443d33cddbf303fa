import ChangelogCore
import Git

extension History {
    /// The commits `changelog check` lints: `A..B` (`A..` means `A..HEAD`; a single revision `A`
    /// means `A..HEAD`, as commitlint's `--from` does), else everything since the latest version
    /// tag reachable from HEAD, or the whole history when there is none.
    public func commitsToCheck(range: String?) throws(ChangelogError) -> [SourceCommit] {
        guard let range else {
            if repository.isHeadUnborn { return [] }
            // Linting parses each message under its own rules: the range is not parsed here.
            return try listed(releaseRange(of: resolve("HEAD")) { _ in true }.commits)
        }
        // The command line rejects `A...B` and `..B` before this point.
        let parts = range.split(separator: "..", omittingEmptySubsequences: false).map(String.init)
        let to = parts.count > 1 && !parts[1].isEmpty ? parts[1] : "HEAD"
        return try listed(sourceCommits(from: resolve(parts[0]), to: resolve(to)))
    }
}

/// `changelog check`'s linting of history commits and of a commit-msg hook's message file.
public struct CheckRun {
    public var linter: CommitLinter

    public init(options: LintOptions) {
        linter = CommitLinter(options: options)
    }

    public func lint(_ commits: [SourceCommit]) -> [LintResult] {
        commits.map { linter.lint(message: $0.message, id: $0.id.hex, parentCount: $0.parentCount, stripComments: false) }
    }

    public func lint(messageFile text: String) -> LintResult {
        linter.lint(message: text, id: nil, parentCount: 1, stripComments: true)
    }
}
