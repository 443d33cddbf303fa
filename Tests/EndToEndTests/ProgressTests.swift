import FixtureSupport
import Foundation
import Testing

/// `--all`'s progress line: on a terminal's stderr only, never in CI or a pipe, never on stdout.
@Suite struct ProgressTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    /// A person's terminal settings: colours allowed, no CI.
    static let interactive = ["NO_COLOR": "", "TERM": "xterm-256color"]

    @Test func noProgressWhenStderrIsAPipe() throws {
        let result = try sandbox.run(Sandbox.changelogBinary, ["--all"], in: sandbox.root + "/repo", environment: Self.interactive)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(!result.stdout.contains("rendering"))
        #expect(!result.stdout.contains("\r"))
        let quiet = try sandbox.changelog("--all")
        #expect(result.stdout == quiet.stdout, "the output is the same with or without a terminal's settings")
    }

    /// Runs `changelog --all` under script(1), whose pseudo-terminal is the child's stdout and stderr;
    /// returns everything the terminal received.
    private func onATerminal(_ environment: [String: String]) throws -> String {
        let typescript = sandbox.root + "/typescript"
        let command = "'\(Sandbox.changelogBinary)' --all -o '\(sandbox.root)/out.md'"
        let result = try sandbox.run(
            "/usr/bin/env", ["script", "-q", "-e", "-c", command, typescript], in: sandbox.root + "/repo", environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return try String(decoding: Data(contentsOf: URL(fileURLWithPath: typescript)), as: UTF8.self)
    }

    @Test(.enabled(if: ShellIntegrationTests.available("script"), "script(1) from util-linux is not installed"))
    func progressOnATerminalIsErasedWhenDone() throws {
        let terminal = try onATerminal(Self.interactive)
        #expect(terminal.contains("changelog: reading the history…"))
        #expect(terminal.contains("changelog: rendering releases 4/4 (100%)"))
        // The line is erased at the end; what follows is the closing note alone.
        let erase = "\r\u{1B}[K"
        let afterLast = try #require(terminal.components(separatedBy: erase).last)
        #expect(afterLast.hasPrefix("changelog: wrote "), "\(afterLast.debugDescription)")
        #expect(!(try sandbox.read("out.md")).contains("rendering"))
    }

    @Test(
        .enabled(if: ShellIntegrationTests.available("script"), "script(1) from util-linux is not installed"),
        arguments: [["CI": "true"], ["GITHUB_ACTIONS": "true"], ["NO_COLOR": "1"], ["TERM": "dumb"]])
    func noProgressOnATerminalWhenOptedOut(change: [String: String]) throws {
        let terminal = try onATerminal(Self.interactive.merging(change) { $1 })
        #expect(!terminal.contains("rendering"), "\(change)")
        #expect(!terminal.contains("reading the history"), "\(change)")
        #expect(terminal.contains("changelog: wrote "))
    }
}
