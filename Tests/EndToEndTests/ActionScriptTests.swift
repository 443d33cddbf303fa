import FixtureSupport
import Foundation
import Git
import Testing

/// action.yml's step script, run as a GitHub runner runs it: with the inputs and the runner's files
/// in the environment.
@Suite struct ActionScriptTests {
    let sandbox: Sandbox
    let fixture: BuiltFixture
    static let script = Sandbox.packageRoot + "/.github/action/run.sh"

    init() throws {
        sandbox = try Sandbox()
        fixture = try sandbox.build(
            text: """
                author Ada Lovelace <ada@example.com>
                start 2026-01-05T10:00:00+01:00
                commit feat: first
                label base
                tag v1.0.0
                commit fix: close the handle
                commit update stuff
                label bad
                """)
        try sandbox.write("github-output", "")
    }

    private func run(_ inputs: [String: String]) throws -> Sandbox.Result {
        var environment = inputs
        environment["CHANGELOG_BIN"] = Sandbox.changelogBinary
        environment["GITHUB_OUTPUT"] = sandbox.root + "/github-output"
        return try sandbox.run("/bin/sh", [Self.script], in: sandbox.root + "/repo", environment: environment)
    }

    private func id(_ label: String) throws -> String {
        try #require(fixture.labels[label]).hex
    }

    @Test func checkAnnotatesThePullRequestsCommitsAndFails() throws {
        let result = try run(["INPUT_COMMAND": "check", "PR_BASE_SHA": try id("base"), "PR_HEAD_SHA": "HEAD"])
        #expect(result.status == 1, "\(result.stderr)")
        let errors = result.stdout.split(separator: "\n").filter { $0.hasPrefix("::error ") }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.contains("\(try! id("bad").prefix(8)) update stuff") }, "\(result.stdout)")
        #expect(!result.stdout.contains("close the handle"))
    }

    @Test func checkPassesAGoodRange() throws {
        let result = try run(["INPUT_COMMAND": "check", "INPUT_RANGE": "v1.0.0..HEAD~1"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("::error"))
    }

    @Test func notesArePrintedAndSetAsAnOutput() throws {
        let result = try run(["INPUT_COMMAND": "notes", "INPUT_VERSION": "1.0.0"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("* first ("))
        let output = try sandbox.read("github-output")
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        let opening = try #require(lines.first)
        #expect(opening.hasPrefix("notes<<CHANGELOG_"))
        let delimiter = opening.dropFirst("notes<<".count)
        #expect(lines.dropFirst().contains { $0 == delimiter })
        #expect(output.contains("* first ("))
    }

    @Test func nextSetsTheVersion() throws {
        let result = try run(["INPUT_COMMAND": "next"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "1.0.1\n")
        #expect(try sandbox.read("github-output").contains("version<<CHANGELOG_") == true)
        #expect(try sandbox.read("github-output").contains("\n1.0.1\n") == true)
    }

    @Test func anUnknownCommandIsAnError() throws {
        let result = try run(["INPUT_COMMAND": "publish"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown command 'publish'"))
    }

    @Test func actionYMLRunsTheScripts() throws {
        let action = try String(contentsOfFile: Sandbox.packageRoot + "/action.yml", encoding: .utf8)
        #expect(action.contains("using: composite"))
        #expect(action.contains("$GITHUB_ACTION_PATH/.github/action/run.sh"))
        #expect(action.contains("$GITHUB_ACTION_PATH/.github/action/build.sh"))
        #expect(FileManager.default.isExecutableFile(atPath: Sandbox.packageRoot + "/.github/action/build.sh"))
        #expect(FileManager.default.isExecutableFile(atPath: Self.script))
    }
}
