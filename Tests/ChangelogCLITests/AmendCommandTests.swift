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
