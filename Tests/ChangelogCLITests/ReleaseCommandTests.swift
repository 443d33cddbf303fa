import ChangelogCore
import Testing

@testable import ChangelogCLI

@Suite struct ReleaseCommandTests {
    @Test func defaults() throws {
        let command = try parse(["release"], as: ReleaseCommand.self)
        #expect(command.version == nil)
        #expect(command.prerelease == nil)
        #expect(command.sign == nil, "nil, so tag.gpgSign decides")
        #expect(!command.allowDirty && !command.allowDetached && !command.allowFeatures)
        #expect(command.links.repository == nil && command.links.linkStyle == nil)
        #expect(!command.dryRun && !command.force && !command.abort && !command.continueRelease)
    }

    @Test func everyOption() throws {
        let command = try parse(
            [
                "release", "v1.4.0", "--sign", "--allow-dirty", "--allow-detached", "--allow-features",
                "-r", "https://example.com/o/r", "-l", "cgit", "--repo", "r", "-c", "c.toml", "--dry-run", "--force",
            ],
            as: ReleaseCommand.self)
        #expect(command.version?.version == SemanticVersion("1.4.0"))
        #expect(command.sign == true)
        #expect(command.allowDirty && command.allowDetached && command.allowFeatures)
        #expect(command.links.repository == "https://example.com/o/r" && command.links.linkStyle == .cgit)
        #expect(command.repositoryOptions.repositoryPath == "r" && command.repositoryOptions.config == "c.toml")
        #expect(command.dryRun && command.force)
        #expect(try parse(["release", "--no-sign", "--prerelease", "rc"], as: ReleaseCommand.self).sign == false)
        #expect(try parse(["release", "--prerelease", "rc"], as: ReleaseCommand.self).prerelease == "rc")
        let long = try parse(["release", "--repository", "https://example.com", "--link-style", "stash"], as: ReleaseCommand.self)
        #expect(long.links.repository == "https://example.com" && long.links.linkStyle == .stash)
    }

    @Test func settlingAPendingReleaseTakesOnlyTheRepository() throws {
        #expect(try parse(["release", "--abort"], as: ReleaseCommand.self).abort)
        let finish = try parse(["release", "--continue", "--repo", "elsewhere"], as: ReleaseCommand.self)
        #expect(finish.continueRelease && finish.repositoryOptions.repositoryPath == "elsewhere")
        expectUsageError(["release", "--abort", "--continue"], "--abort and --continue exclude each other; choose one")
        let others: [[String]] = [
            ["1.4.0"], ["--prerelease", "rc"], ["--sign"], ["--no-sign"], ["--allow-dirty"], ["--allow-detached"],
            ["--allow-features"], ["-r", "u"], ["-l", "github"], ["--dry-run"], ["--force"], ["-c", "c.toml"],
        ]
        for other in others {
            expectUsageError(
                ["release", "--abort"] + other,
                "--abort settles the pending release as it was planned; give it no other option but --repo")
            expectUsageError(
                ["release", "--continue"] + other,
                "--continue settles the pending release as it was planned; give it no other option but --repo")
        }
    }

    @Test func versionAndPrerelease() {
        expectUsageError(["release", "1.2"], "'1.2' is not a semantic version; write it as MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1")
        expectUsageError(["release", "1.2.0", "--prerelease", "rc"], "--prerelease chooses the version; drop it, or drop VERSION")
        expectUsageError(
            ["release", "--prerelease", "r.c"],
            "'r.c' is not a pre-release identifier; use letters, digits and hyphens, e.g. rc or beta")
    }
}
