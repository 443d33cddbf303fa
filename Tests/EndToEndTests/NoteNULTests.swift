import FixtureSupport
import Foundation
import Testing

/// A note written with git may hold a NUL byte; it is read as git reads a commit message, up to the
/// NUL, by `amend --show`, the Markdown and the JSON alike.
@Suite struct NoteNULTests {
    @Test func aNoteIsCutAtItsFirstNULEverywhere() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit feat: one\ntag v1.0.0\ncommit fix: original subject\n")
        try sandbox.write("note", "fix: nul\0hidden\n")
        let blob = try sandbox.git("hash-object", "-w", sandbox.root + "/note").trimmingCharacters(in: .newlines)
        _ = try sandbox.git("notes", "--ref", "changelog", "add", "-C", blob, "HEAD")

        let shown = try sandbox.changelog("amend", "HEAD", "--show")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout == "fix: nul\n")

        let markdown = try sandbox.changelog("--setversion", "1.0.1")
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("* nul ("))
        #expect(!markdown.stdoutBytes.contains(0))
        #expect(!markdown.stdout.contains("hidden") && !markdown.stdout.contains("original"))

        let json = try sandbox.changelog("--setversion", "1.0.1", "-T", "json")
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains(#""subject": "nul""#))
        #expect(!json.stdout.contains("\\u0000") && !json.stdout.contains("hidden"))
    }
}
