import FixtureSupport
import Foundation
import Testing

/// Commits whose author has no email (`Name <>`, or no `<…>` at all) exist in real histories and
/// `git log` shows them; every command reads them as git does instead of failing.
@Suite struct IdentityWithoutEmailTests {
    @Test func everyCommandReadsThem() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
        _ = try sandbox.git("reset", "-q", "--hard")
        let tree = try sandbox.git("rev-parse", "HEAD^{tree}").trimmingCharacters(in: .newlines)
        var parent = try sandbox.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        let commits = [
            ("Jo Bloggs <> 1795219200 +0000", "feat: read by its empty email"),
            ("Jo Bloggs 1795219300 +0000", "fix: read without any email"),
        ]
        for (identity, subject) in commits {
            try sandbox.write("object", "tree \(tree)\nparent \(parent)\nauthor \(identity)\ncommitter \(identity)\n\n\(subject)\n")
            let hashed = try sandbox.run(
                "/usr/bin/env", ["git", "hash-object", "-t", "commit", "-w", "--literally", sandbox.root + "/object"],
                in: sandbox.root + "/repo")
            try #require(hashed.status == 0, "\(hashed.stderr)")
            parent = hashed.stdout.trimmingCharacters(in: .newlines)
        }
        _ = try sandbox.git("update-ref", "refs/heads/main", parent)

        let json = try sandbox.changelog("-T", "json")
        #expect(json.status == 0, "\(json.stderr)")
        #expect(
            json.stdout.contains("\"author\": {\n                \"name\": \"Jo Bloggs\",\n                \"email\": \"\"\n"),
            "\(json.stdout)")
        #expect(json.stdout.contains("\"author\": {\n                \"name\": \"\",\n                \"email\": \"\"\n"), "\(json.stdout)")
        #expect(json.stdout.contains("read without any email"))

        let markdown = try sandbox.changelog()
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("* read by its empty email") && markdown.stdout.contains("* read without any email"))

        for arguments in [["--all"], ["check"], ["notes", "1.0.0"], ["release", "--dry-run"], ["backports", "--onto", "main"]] {
            let result = try sandbox.changelog(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let next = try sandbox.changelog("next")
        #expect(next.stdout == "2.0.0\n", "\(next.stderr)")

        // The release commit goes on top of them.
        let release = try sandbox.changelog("release")
        #expect(release.status == 0, "\(release.stderr)")
        #expect(try sandbox.git("log", "-1", "--format=%P") == parent + "\n")
        #expect(try sandbox.git("describe", "--exact-match", "HEAD") == "v2.0.0\n")
    }
}
