import ArgumentParser
import ChangelogCore
import ChangelogKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that commits follow Conventional Commits (for CI and the commit-msg hook).",
        discussion: """
            Without a range, checks the commits since the latest version tag reachable from HEAD (the \
            whole history when there is none). Merge commits, git's own reverts and fixup!/squash!/amend! \
            commits are reported as ignored. Exit status: 0 all pass, 1 some fail, 2 repository error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, github }

    @Argument(help: ArgumentHelp("The commits to check: A..B, or A for A..HEAD.", valueName: "range"))
    var range: String?

    @Option(help: ArgumentHelp("Check one message from this file instead (- for stdin), as a commit-msg hook does.", valueName: "file"))
    var messageFile: String?

    @Option(help: ArgumentHelp("text, json or github (GitHub Actions annotations).", valueName: "format"))
    var format: Format = .text

    @OptionGroup var repositoryOptions: RepositoryOptions

    func validate() throws {
        if range != nil && messageFile != nil {
            throw ValidationError("check either a range or a --message-file, not both")
        }
        if let range, range.contains("...") {
            throw ValidationError("'\(range)' is a symmetric range; check takes A..B (the commits in B that are not in A)")
        }
        if let range, range.hasPrefix("..") {
            throw ValidationError("'\(range)' has no start; write A..B, e.g. v1.2.0..HEAD")
        }
    }

    func run() throws {
        var failed = false
        try reportingErrors { () throws(ChangelogError) in
            let results: [LintResult]
            if let messageFile {
                let options = try repositoryOptions.configurationIfAny().check
                let text = try readMessage(messageFile)
                results = [CheckRun(options: options).lint(messageFile: text)]
            } else {
                let (history, configuration) = try repositoryOptions.open()
                let commits = try history.commitsToCheck(range: range)
                results = CheckRun(options: configuration.check).lint(commits)
            }
            switch format {
            case .text: Terminal.write(LintReport.text(results, color: Terminal.wantsColor))
            case .github: Terminal.write(LintReport.github(results))
            case .json: Terminal.write(LintReport.json(results))
            }
            failed = LintReport.failedCount(results) > 0
        }
        if failed { throw ExitCode(ExitStatus.checkFailed) }
    }

    private func readMessage(_ path: String) throws(ChangelogError) -> String {
        let bytes: [UInt8]
        if path == "-" {
            bytes = try AtomicFile.read(descriptor: 0, name: "the standard input")
        } else {
            guard let read = try AtomicFile.read(path) else {
                throw ChangelogError("cannot read \(path): no such file; pass the message file git gives the hook (\"$1\")")
            }
            bytes = read
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
