import ArgumentParser
import Testing

@testable import ChangelogCLI

@Suite struct InitCommandParsingTests {
    @Test func flags() throws {
        let plain = try parse(["init"], as: InitCommand.self)
        #expect(!plain.dryRun && !plain.force)
        let both = try parse(["init", "--dry-run", "--force", "--repo", "/tmp/x"], as: InitCommand.self)
        #expect(both.dryRun && both.force)
        #expect(both.repositoryOptions.repositoryPath == "/tmp/x")
    }

    @Test func configIsRefused() throws {
        let refused = try #require(refusal(["init", "-c", "other.toml"]))
        #expect(refused.message == "init always writes .changelog.toml at the repository root; drop -c/--config")
        #expect(refused.exitCode == 64)
    }
}
