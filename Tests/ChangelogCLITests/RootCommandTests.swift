import ArgumentParser
import ChangelogCore
import Testing

@testable import ChangelogCLI

@Suite struct RootCommandTests {
    @Test func noArgumentsIsGenerate() throws {
        _ = try parse([], as: GenerateCommand.self)
    }

    @Test func theHelpListsEverySubcommandWithGenerateAsTheDefault() {
        let help = Changelog.helpMessage(columns: 400)
        let names = ["generate (default)", "next", "check", "release", "notes", "backports", "hook", "init", "status", "amend"]
        let listed = help.split(separator: "\n", omittingEmptySubsequences: false).drop { $0 != "SUBCOMMANDS:" }.dropFirst()
            .prefix { !$0.isEmpty }.map { $0.trimmingPrefix("  ").split(separator: "  ").first.map(String.init) }
        #expect(listed == names)
        #expect(help.contains("  next                    Print the next version the commits since the last release call for."))
        #expect(help.hasPrefix("OVERVIEW: Release notes, versions and tags from Conventional Commits."))
    }

    @Test func versionIsACleanExit() {
        do {
            _ = try Changelog.parseAsRoot(["--version"])
            Issue.record("--version parsed as a command")
        } catch {
            #expect(Changelog.exitCode(for: error).rawValue == ExitStatus.success.rawValue)
            #expect(Changelog.fullMessage(for: error) == "0.1.0")
        }
    }

    @Test func unknownOptionsAndSubcommandsAreUsageErrors() {
        expectUsageError(["--nope"], "Unknown option '--nope'. Did you mean '--to'?")
        expectUsageError(["next", "extra"], "Unexpected argument 'extra'")
    }

    /// The statuses are docs/contract.md's, and a usage error is ArgumentParser's own.
    @Test func theNamedExitStatusesAreTheContracts() {
        #expect(ExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 3, 64])
        #expect(ExitCode.validationFailure.rawValue == ExitStatus.usage.rawValue)
        #expect(ExitCode(ExitStatus.checkFailed).rawValue == 1)
    }
}
