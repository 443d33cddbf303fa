import ChangelogCore
import Foundation
import Testing

@Suite struct ShellQuotingTests {
    @Test(arguments: ["main", "release/1.x", "v1.2.0-rc.1", "user@host:path", "--status-fd=2", "a,b+c%d_e"])
    func safeWordsStayBare(word: String) {
        #expect(ShellQuoting.quote(word) == word)
    }

    @Test func everythingElseIsSingleQuoted() {
        #expect(ShellQuoting.quote("") == "''")
        #expect(ShellQuoting.quote("my remote") == "'my remote'")
        #expect(ShellQuoting.quote("it's") == "'it'\\''s'")
        #expect(ShellQuoting.quote("$HOME;x") == "'$HOME;x'")
        #expect(ShellQuoting.quote("~/key") == "'~/key'")
        #expect(ShellQuoting.quote("=cmd") == "'=cmd'")
        #expect(ShellQuoting.command(["git", "push", "origin", "a;b"]) == "git push origin 'a;b'")
    }

    /// The shell itself reads each quoted word back as exactly the original argument.
    @Test func theShellReadsEveryWordBack() throws {
        let words = [
            "plain", "two words", "it's", "say \"hi\"", "$HOME", "$(touch pwned)", "`id`", "a;b", "x&y|z", "*", "?",
            "[ab]", "~", "#comment", "back\\slash", "new\nline", "tab\there", "ünï", "!!", "'", "''", "", "=x", "{a,b}",
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shell-quoting-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        process.currentDirectoryURL = directory
        process.arguments = ["-c", "for word in " + ShellQuoting.command(words) + "; do printf '%s\\0' \"$word\"; done"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let read = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        #expect(read == words)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
