import Testing

@testable import ChangelogCLI

@Suite struct ProgressPolicyTests {
    /// A terminal's environment with `changes` applied (nil removes a variable).
    private func shows(terminal: Bool = true, _ changes: [String: String?] = [:]) -> Bool {
        var environment: [String: String] = ["TERM": "xterm-256color", "HOME": "/home/ada"]
        for (name, value) in changes { environment[name] = value }
        return ProgressPolicy.shows(stderrIsTerminal: terminal, environment: { environment[$0] })
    }

    @Test func aPersonAtATerminalSeesProgress() {
        #expect(shows())
        #expect(shows(["TERM": nil]), "no TERM is not an opt-out")
        #expect(shows(["NO_COLOR": ""]), "NO_COLOR counts only when not empty (no-color.org)")
        #expect(shows(["CI": ""]))
    }

    @Test func neverWhenStderrIsNotATerminal() {
        #expect(!shows(terminal: false))
        #expect(!shows(terminal: false, ["TERM": "xterm"]))
    }

    @Test(arguments: ProgressPolicy.ciVariables)
    func neverInCI(variable: String) {
        #expect(!shows([variable: "true"]))
        #expect(!shows([variable: "1"]))
    }

    @Test func neverWhenTheUserOptsOut() {
        #expect(!shows(["NO_COLOR": "1"]))
        #expect(!shows(["CHANGELOG_NO_PROGRESS": "1"]))
        #expect(!shows(["TERM": "dumb"]))
        #expect(!shows(["TERM": ""]))
    }
}
