import Testing

@testable import ChangelogCLI

@Suite struct HookCommandTests {
    @Test func install() throws {
        let command = try parse(["hook", "install"], as: HookCommand.Install.self)
        #expect(!command.force)
        let forced = try parse(["hook", "install", "--force", "--repo", "r"], as: HookCommand.Install.self)
        #expect(forced.force && forced.repositoryOptions.repositoryPath == "r")
    }

    @Test func installIsTheOnlySubcommand() {
        expectUsageError(["hook", "remove"], "Unexpected argument 'remove'")
    }
}
