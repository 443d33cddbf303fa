import ChangelogCore
import Testing

@testable import ChangelogCLI

@Suite struct BackportsCommandTests {
    @Test func ontoIsRequired() {
        guard let refused = refusal(["backports"]) else { return }
        #expect(refused.message == "Missing expected argument '--onto <branch>'")
        #expect(refused.exitCode == ExitStatus.usage.rawValue)
    }

    @Test func everyOption() throws {
        let command = try parse(["backports", "--onto", "origin/release/1.3"], as: BackportsCommand.self)
        #expect(command.onto == "origin/release/1.3")
        #expect(command.format == .text)
        let json = try parse(
            ["backports", "--onto", "1-3-stable", "--format", "json", "--repo", "r", "-c", "c.toml"],
            as: BackportsCommand.self)
        #expect(json.format == .json)
        #expect(json.repositoryOptions.repositoryPath == "r" && json.repositoryOptions.config == "c.toml")
        expectUsageError(
            ["backports", "--onto", "x", "--format", "github"],
            "The value 'github' is invalid for '--format <format>'. Please provide one of 'text' and 'json'.")
    }
}
