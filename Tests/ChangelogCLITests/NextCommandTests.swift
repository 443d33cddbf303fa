import ChangelogCore
import Testing

@testable import ChangelogCLI

@Suite struct NextCommandTests {
    @Test func defaults() throws {
        let command = try parse(["next"], as: NextCommand.self)
        #expect(command.prerelease == nil)
        #expect(command.format == .text)
        #expect(command.to == "HEAD")
        #expect(command.repositoryOptions.repositoryPath == nil && command.repositoryOptions.config == nil)
    }

    @Test func everyOption() throws {
        let command = try parse(
            ["next", "--prerelease", "rc", "--format", "json", "--to", "release/1.3", "--repo", "x", "-c", "y.toml"],
            as: NextCommand.self)
        #expect(command.prerelease == "rc")
        #expect(command.format == .json)
        #expect(command.to == "release/1.3")
        #expect(command.repositoryOptions.repositoryPath == "x" && command.repositoryOptions.config == "y.toml")
        #expect(try parse(["next", "--prerelease", "beta-2"], as: NextCommand.self).prerelease == "beta-2")
    }

    @Test(arguments: ["r c", "1", "", "rc.1", "é"])
    func aPrereleaseIdentifierIsLettersDigitsAndHyphens(_ identifier: String) {
        expectUsageError(
            ["next", "--prerelease", identifier],
            "'\(identifier)' is not a pre-release identifier; use letters, digits and hyphens, e.g. rc or beta")
    }

    /// An unset CI variable makes `--to ""`: a usage error, not HEAD.
    @Test func anEmptyRevisionIsAUsageError() {
        let sentence = "needs a revision, e.g. HEAD, a branch or a tag; an empty one names nothing"
        expectUsageError(["next", "--to", ""], "--to \(sentence)")
        expectUsageError(["status", "--to", ""], "--to \(sentence)")
        expectUsageError(["--to", ""], "--to \(sentence)")
        expectUsageError(["--from", ""], "--from \(sentence)")
        expectUsageError(["backports", "--onto", ""], "--onto \(sentence)")
    }

    @Test func formatsAreTextOrJSON() {
        expectUsageError(
            ["next", "--format", "markdown"],
            "The value 'markdown' is invalid for '--format <format>'. Please provide one of 'text' and 'json'.")
    }
}
