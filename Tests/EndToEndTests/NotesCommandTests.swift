import FixtureSupport
import Foundation
import Testing

/// `changelog notes`: one release's text, from the changelog file when it has it, else generated.
@Suite struct NotesCommandTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    @Test func theLatestReleaseReachableFromHeadIsGeneratedWithoutItsHeading() throws {
        let result = try sandbox.changelog("notes")
        #expect(result.status == 0, "\(result.stderr)")
        let section = try sandbox.changelog("--setversion", "1.0.0", "--to", "v1.0.0")
        let body = section.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3)
            .joined(separator: "\n").trimmingCharacters(in: .newlines)
        #expect(result.stdout == body + "\n")
        #expect(result.stdout.hasPrefix("#### Breaking Changes\n\n* **api:** remove the legacy flag"))
    }

    @Test func aNamedVersionAndJSON() throws {
        let markdown = try sandbox.changelog("notes", "0.2.0")
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("#### Features\n\n"))
        #expect(!markdown.stdout.split(separator: "\n").contains { $0.hasPrefix("## ") || $0.hasPrefix("<a name") })
        let json = try sandbox.changelog("notes", "v0.2.0", "-T", "json")
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any]
        let releases = object?["releases"] as? [[String: Any]]
        #expect(releases?.count == 1)
        #expect(releases?.first?["tag"] as? String == "v0.2.0")
        #expect(releases?.first?["previousTag"] as? String == "v0.1.0")
    }

    @Test func manualEditsInTheChangelogWin() throws {
        try sandbox.write(
            "repo/CHANGELOG.md",
            """
            # Changelog

            <a name="1.0.0"></a>
            ## [1.0.0](https://example.com) (2026-01-06)

            Our first stable release, edited by hand.

            * a line we wrote

            <a name="0.2.0"></a>
            ## 0.2.0 (2026-01-05)

            * older

            """)
        let result = try sandbox.changelog("notes")
        #expect(result.stdout == "Our first stable release, edited by hand.\n\n* a line we wrote\n")
        // A version with no tag yet but a section in the file is shown from the file.
        try sandbox.write("repo/CHANGELOG.md", "## 9.9.9 (2026-12-01)\n\n* planned\n")
        #expect(try sandbox.changelog("notes", "9.9.9").stdout == "* planned\n")
    }

    @Test func unknownVersionsAndUntaggedHistoriesSaySo() throws {
        let unknown = try sandbox.changelog("notes", "7.0.0")
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr
                == "changelog: error: no tag for 7.0.0 and no 7.0.0 section in the changelog; check the version (git tag --list), or release it first\n"
        )
        // A tag of a tree is there, but it is no release: the message says which.
        _ = try sandbox.git("tag", "v7.0.0", "HEAD^{tree}")
        let tree = try sandbox.changelog("notes", "7.0.0")
        #expect(tree.status == 2)
        #expect(
            tree.stderr
                == "changelog: error: 'v7.0.0' names a tree or a blob, not a commit, and the changelog has no 7.0.0 section; "
                + "name a commit, a branch or a tag of a commit\n")
        let bad = try sandbox.changelog("notes", "seven")
        #expect(bad.status == 64)
        let other = try Sandbox()
        _ = try other.build(text: "commit feat: one\n")
        let untagged = try other.changelog("notes")
        #expect(untagged.status == 2)
        #expect(untagged.stderr.contains("no version tag is reachable from HEAD"))
    }
}
