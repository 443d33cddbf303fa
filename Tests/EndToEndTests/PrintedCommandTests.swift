import FixtureSupport
import Foundation
import Testing

/// Every command the tool prints for the user to run reaches the shell as the words it means.
@Suite struct PrintedCommandTests {
    /// Runs a printed `git …` line through /bin/sh with git replaced by printf: the arguments the
    /// shell would have passed, one per line, and no side effect in the directory.
    private func wordsTheShellSees(_ command: String, in sandbox: Sandbox) throws -> [String] {
        #expect(command.hasPrefix("git "))
        let directory = sandbox.root + "/shell"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = "git() { printf '%s\\n' \"$@\"; }; " + command
        let result = try sandbox.run("/bin/sh", ["-c", script], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func thePushCommandQuotesBranchAndRemote() throws {
        let scene = try ReleaseScene()
        let branch = "it's-$HOME;touch-x&(y)`id`\"q\""
        _ = try scene.git("checkout", "-q", "-b", branch)
        _ = try scene.git("config", "branch.\(branch).remote", "my remote")
        let result = try scene.changelog("release")
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").last.map(String.init))
        #expect(line.hasPrefix("next: "))
        let words = try wordsTheShellSees(String(line.dropFirst(6)), in: scene.sandbox)
        #expect(words == ["push", "--follow-tags", "my remote", branch])
    }
}
