import ChangelogCore
import Testing

@testable import ChangelogCLI

@Suite struct CheckCommandTests {
    @Test func defaults() throws {
        let command = try parse(["check"], as: CheckCommand.self)
        #expect(command.range == nil)
        #expect(command.messageFile == nil)
        #expect(command.format == .text)
    }

    @Test func everyOption() throws {
        let range = try parse(["check", "v1.0.0..HEAD", "--format", "github", "--repo", "r", "--config", "c.toml"], as: CheckCommand.self)
        #expect(range.range == "v1.0.0..HEAD")
        #expect(range.format == .github)
        #expect(range.repositoryOptions.repositoryPath == "r" && range.repositoryOptions.config == "c.toml")
        let hook = try parse(["check", "--message-file", "-", "--format", "json"], as: CheckCommand.self)
        #expect(hook.messageFile == "-")
        #expect(hook.format == .json)
        #expect(try parse(["check", "v1.0.0"], as: CheckCommand.self).range == "v1.0.0")
    }

    @Test func aRangeOrAMessageNotBoth() {
        expectUsageError(["check", "HEAD", "--message-file", "x"], "check either a range or a --message-file, not both")
    }

    @Test func rangesAreAToB() {
        expectUsageError(["check", "a...b"], "'a...b' is a symmetric range; check takes A..B (the commits in B that are not in A)")
        expectUsageError(["check", "..b"], "'..b' has no start; write A..B, e.g. v1.2.0..HEAD")
    }

    @Test func anUnknownFormatListsTheKnownOnes() {
        guard let refused = refusal(["check", "--format", "xml"]) else { return }
        #expect(refused.exitCode == ExitStatus.usage.rawValue)
        #expect(
            refused.fullMessage == """
                Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'json' or 'github'.
                Help:  --format <format>  text, json or github (GitHub Actions annotations).
                Usage: changelog check [<range>] [--message-file <file>] [--format <format>] [--repo <path>] [--config <file>] [--package <name> ...] [--include-path <glob> ...] [--exclude-path <glob> ...]
                  See 'changelog check --help' for more information.
                """)
    }
}
