import ArgumentParser
import ChangelogCore
import Testing

@testable import ChangelogCLI

@Suite struct NotesCommandTests {
    @Test func defaults() throws {
        let command = try parse(["notes"], as: NotesCommand.self)
        #expect(command.version == nil)
        #expect(command.format == .markdown)
        #expect(command.changelogFile == nil)
        #expect(command.links.repository == nil && command.links.linkStyle == nil)
    }

    @Test func everyOption() throws {
        let short = try parse(
            ["notes", "1.3.1", "-T", "json", "-C", "docs/CHANGES.md", "-r", "https://example.com/o/r", "-l", "github"],
            as: NotesCommand.self)
        let long = try parse(
            [
                "notes", "v1.3.1", "--format", "json", "--changelog", "docs/CHANGES.md", "--repository",
                "https://example.com/o/r", "--link-style", "github", "--repo", "r", "--config", "c.toml",
            ],
            as: NotesCommand.self)
        for command in [short, long] {
            #expect(command.version?.version == SemanticVersion("1.3.1"))
            #expect(command.format == .json)
            #expect(command.changelogFile == "docs/CHANGES.md")
            #expect(command.links.repository == "https://example.com/o/r" && command.links.linkStyle == .github)
        }
        #expect(long.repositoryOptions.repositoryPath == "r" && long.repositoryOptions.config == "c.toml")
    }

    @Test func aVersionThatIsNotSemanticIsAUsageError() {
        expectUsageError(["notes", "seven"], "'seven' is not a semantic version; write it as MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1")
    }

    /// The link options are the shared group, listed where they always were.
    @Test func theLinkOptionsAreInTheUsage() {
        #expect(
            NotesCommand.usageString() == "notes [<version>] [--format <format>] [--changelog <file>] "
                + "[--repository <url>] [--link-style <style>] [--style <style>] [--template <file>] [--repo <path>] [--config <file>] [--package <name> ...] "
                + "[--include-path <glob> ...] [--exclude-path <glob> ...]")
    }
}
