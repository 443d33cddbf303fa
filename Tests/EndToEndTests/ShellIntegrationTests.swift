import FixtureSupport
import Foundation
import Testing

/// The completion scripts and the man page that `make install` installs, checked as a shell and
/// `man` read them.
@Suite struct ShellIntegrationTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
    }

    static func available(_ tool: String) -> Bool {
        ["/usr/bin/", "/bin/", "/usr/local/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + tool) }
    }

    private func completion(_ shell: String) throws -> String {
        let result = try sandbox.run(Sandbox.changelogBinary, ["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test(.enabled(if: available("bash"), "bash is not installed"))
    func bashLoadsTheCompletionAndCompletesSubcommands() throws {
        try sandbox.write("changelog.bash", try completion("bash"))
        let script = """
            source "$1" || exit 1
            complete -p changelog || exit 1
            COMP_WORDS=(changelog in); COMP_CWORD=1; COMP_LINE="changelog in"; COMP_POINT=${#COMP_LINE}
            _changelog changelog in changelog
            printf 'reply:%s\\n' "${COMPREPLY[@]}"
            """
        let result = try sandbox.run(
            "/usr/bin/env", ["bash", "--norc", "--noprofile", "-c", script, "bash", sandbox.root + "/changelog.bash"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(
            lines.first?.hasPrefix("complete ") == true && lines.first?.contains(" -F _changelog ") == true
                && lines.first?.hasSuffix(" changelog") == true, "\(result.stdout)")
        #expect(lines.contains("reply:init"), "\(result.stdout)")
    }

    @Test(arguments: ["zsh", "fish"])
    func zshAndFishScriptsNameEverySubcommand(shell: String) throws {
        let text = try completion(shell)
        for name in ["generate", "next", "check", "release", "notes", "backports", "hook", "init"] {
            #expect(text.contains(name), "\(shell): \(name)")
        }
        if shell == "zsh" { #expect(text.hasPrefix("#compdef changelog")) }
        if shell == "fish" { #expect(text.contains("complete -c 'changelog'")) }
    }

    /// The committed man page, as `make man` generates it with swift-argument-parser's plugin.
    static let manPage = Sandbox.packageRoot + "/docs/changelog.1"

    @Test(.enabled(if: available("man") && available("groff"), "man or groff is not installed (make test-deps installs them)"))
    func theManPageRendersAndDocumentsEveryCommandAndOption() throws {
        let result = try sandbox.run(
            "/usr/bin/env", ["man", "-P", "cat", "-l", Self.manPage], environment: ["MANWIDTH": "200", "MAN_KEEP_FORMATTING": ""])
        #expect(result.status == 0, "\(result.stderr)")
        let page = result.stdout
        #expect(page.contains("changelog"))

        // Every subcommand and long option the parser knows is in the page: a new flag without
        // `make man` fails here.
        let dump = try sandbox.run(Sandbox.changelogBinary, ["--experimental-dump-help"])
        #expect(dump.status == 0)
        let info = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var missing: [String] = []
        var checked = 0
        func visit(_ command: [String: Any]) {
            if let name = command["commandName"] as? String, !page.contains(name) { missing.append(name) }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                    let flag = "--" + (name["name"] as? String ?? "")
                    checked += 1
                    if !page.contains(flag) { missing.append("\(command["commandName"] ?? "?") \(flag)") }
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { visit(sub) }
        }
        visit(try #require(info["command"] as? [String: Any]))
        #expect(checked > 50, "the parser's description was read (\(checked) options)")
        #expect(missing.isEmpty, "not in docs/changelog.1 (run make man): \(missing)")
    }
}
