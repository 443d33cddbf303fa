import FixtureSupport
import Foundation
import Testing

/// `changelog amend`: corrections kept as git notes, read by every command, checked with `git notes`.
@Suite struct AmendTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(
            text: "commit feat: one\ntag v1.0.0\ncommit fix: typo in the sbuject\ncommit Update stuff\ncommit feat: keep\n")
    }

    private func id(_ revision: String) throws -> String {
        try sandbox.git("rev-parse", revision).trimmingCharacters(in: .newlines)
    }

    @Test func aCorrectionIsANoteEveryCommandReads() throws {
        let typo = try id("HEAD~2")
        let result = try sandbox.changelog("amend", "HEAD~2", "--message", "feat(api)!: a new subject\n\nBREAKING CHANGE: gone")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "corrected \(typo.prefix(8)): changelogs now read 'feat(api)!: a new subject'\n")
        // git itself reads the note back: the oracle.
        #expect(try sandbox.git("notes", "--ref", "changelog", "show", typo) == "feat(api)!: a new subject\n\nBREAKING CHANGE: gone\n")

        let markdown = try sandbox.changelog()
        #expect(markdown.stdout.contains("* **api:** a new subject ("))
        #expect(!markdown.stdout.contains("sbuject"))
        #expect(markdown.stdout.contains("#### Breaking Changes"))
        #expect(try sandbox.changelog("next").stdout == "2.0.0\n", "the corrected breaking change drives the bump")

        let json = try sandbox.changelog("-T", "json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let release = try #require((document["releases"] as? [[String: Any]])?.first)
        let commits = (release["sections"] as? [[String: Any]] ?? []).flatMap { $0["commits"] as? [[String: Any]] ?? [] }
        let amended = commits.filter { $0["amended"] as? Bool == true }.compactMap { $0["id"] as? String }
        #expect(Set(amended) == [typo], "only the corrected commit is marked")
        #expect(try sandbox.changelog("amend", "HEAD~2", "--show").stdout == "feat(api)!: a new subject\n\nBREAKING CHANGE: gone\n")
    }

    @Test func checkPassesACommitWhoseCorrectionIsValid() throws {
        #expect(try sandbox.changelog("check").status == 1, "'Update stuff' is no Conventional Commit")
        #expect(try sandbox.changelog("amend", "HEAD~1", "-m", "docs: update the guide").status == 0)
        let check = try sandbox.changelog("check")
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func anInvalidCorrectionIsRefusedAndNothingIsWritten() throws {
        let result = try sandbox.changelog("amend", "HEAD~2", "--message", "Fixed it")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("changelog: error: the correction 'Fixed it' is not a Conventional Commit"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try sandbox.run("/usr/bin/env", ["git", "notes", "--ref", "changelog", "list"], in: sandbox.root + "/repo").stdout == "")
    }

    @Test func hideLeavesTheCommitOutAndRemoveBringsItBack() throws {
        #expect(try sandbox.changelog("amend", "HEAD", "--hide").status == 0)
        #expect(!(try sandbox.changelog().stdout.contains("keep (")))
        #expect(try sandbox.changelog("amend", "HEAD", "--show").stdout == "[changelog hide]\n")
        let removed = try sandbox.changelog("amend", "HEAD", "--remove")
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try sandbox.changelog().stdout.contains("keep ("))
        let again = try sandbox.changelog("amend", "HEAD", "--remove")
        #expect(again.status == 2)
        #expect(again.stderr.contains("has no correction to remove"))
    }

    @Test func editOpensTheEditorOnTheCommitsMessage() throws {
        // An "editor" that shows what it was given on stderr and writes the correction.
        let editor = sandbox.root + "/editor.sh"
        try "#!/bin/sh\ncat \"$1\" >&2\nprintf 'fix: corrected in the editor\\n# a comment\\n' > \"$1\"\n".write(
            toFile: editor, atomically: true, encoding: .utf8)
        _ = try sandbox.run("/bin/chmod", ["+x", editor])
        let result = try sandbox.run(
            Sandbox.changelogBinary, ["amend", "HEAD~2", "--edit"], in: sandbox.root + "/repo", environment: ["GIT_EDITOR": editor])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("fix: typo in the sbuject\n"), "the editor starts from the commit's message")
        #expect(try sandbox.git("notes", "--ref", "changelog", "show", "HEAD~2") == "fix: corrected in the editor\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/repo/.git/CHANGELOG_AMEND_MSG"))
    }

    @Test func oneActionAtATime() throws {
        #expect(try sandbox.changelog("amend", "HEAD").status == 64)
        #expect(try sandbox.changelog("amend", "HEAD", "--hide", "--show").status == 64)
    }
}
