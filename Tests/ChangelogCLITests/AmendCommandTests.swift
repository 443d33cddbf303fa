import ArgumentParser
import ChangelogKit
import Testing

@testable import ChangelogCLI

@Suite struct AmendCommandTests {
    @Test func eachFlagIsItsAction() throws {
        #expect(try parse(["amend", "HEAD", "-m", "fix: x"], as: AmendCommand.self).action == .message("fix: x"))
        #expect(try parse(["amend", "HEAD", "--edit"], as: AmendCommand.self).action == .edit)
        #expect(try parse(["amend", "HEAD", "--hide"], as: AmendCommand.self).action == .hide)
        #expect(try parse(["amend", "HEAD", "--show"], as: AmendCommand.self).action == .show)
        #expect(try parse(["amend", "abc123", "--remove"], as: AmendCommand.self).commit == "abc123")
    }

    @Test func exactlyOneAction() throws {
        #expect(try #require(refusal(["amend", "HEAD"])).message == "say what to do: --message TEXT, --edit, --hide, --show or --remove")
        let two = try #require(refusal(["amend", "HEAD", "--hide", "-m", "fix: x"]))
        #expect(two.message == "choose one of --message, --edit, --hide, --show and --remove")
        #expect(two.exitCode == 64)
    }
}

/// Commands that do the same whatever package or paths refuse `-P` and the path globs instead of
/// ignoring them.
@Suite struct CommitSelectionRefusalTests {
    @Test(arguments: [
        (["init", "-P", "api"], "init"), (["init", "--include-path", "src/**"], "init"),
        (["hook", "install", "--exclude-path", "docs/**"], "hook install"), (["amend", "HEAD", "--hide", "-P", "api"], "amend"),
        (["amend", "HEAD", "--show", "-P", "nosuch"], "amend"),
    ])
    func refused(arguments: [String], command: String) throws {
        let refused = try #require(refusal(arguments))
        #expect(refused.message == "\(command) works on the whole repository; drop -P/--package, --include-path and --exclude-path")
        #expect(refused.exitCode == 64)
    }
}
