import FixtureSupport
import Foundation
import Testing

/// Contributors on the `widget` history (Ada from the start, Grace from 1.0.0), with newcomers,
/// co-authors and a `.mailmap` added on top.
@Suite struct ContributorsTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    private func commit(_ message: String, by author: String) throws {
        _ = try sandbox.git("commit", "--allow-empty", "-q", "--author", author, "-m", message)
    }

    private func contributors(_ arguments: String...) throws -> [[String: Any]] {
        let result = try sandbox.changelog(arguments + ["-T", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        let release = try #require((document["releases"] as? [[String: Any]])?.first)
        return try #require(release["contributors"] as? [[String: Any]])
    }

    private func summary(_ list: [[String: Any]]) -> [String] {
        list.map { "\($0["name"] as? String ?? "?") <\($0["email"] as? String ?? "?")>\(($0["firstTime"] as? Bool) == true ? " new" : "")" }
    }

    @Test func authorsAndCoAuthorsWithNewcomersMarked() throws {
        try commit("fix: pair with a newcomer\n\nCo-authored-by: Alan Turing <alan@example.com>", by: "Grace Hopper <grace@example.com>")
        try commit("docs: not listed, still a contribution", by: "Barbara Liskov <barbara@example.com>")
        let list = try contributors("--setversion", "1.1.0")
        // Grace's first commit was in 1.0.0: found in the earlier history, not new.
        #expect(
            summary(list) == [
                "Ada Lovelace <ada@example.com>", "Alan Turing <alan@example.com> new", "Barbara Liskov <barbara@example.com> new",
                "Grace Hopper <grace@example.com>",
            ])
    }

    @Test func theFirstReleaseWhereSomeoneAppearsMarksThemWithAll() throws {
        let result = try sandbox.changelog("--all", "-T", "json")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        let releases = try #require(document["releases"] as? [[String: Any]])
        let byVersion = releases.map { release in
            ((release["version"] as? String) ?? "Unreleased", summary(release["contributors"] as? [[String: Any]] ?? []))
        }
        #expect(byVersion.map(\.0) == ["Unreleased", "1.0.0", "0.2.0", "0.1.0"])
        #expect(byVersion[1].1 == ["Ada Lovelace <ada@example.com>", "Grace Hopper <grace@example.com> new"])
        #expect(byVersion[3].1 == ["Ada Lovelace <ada@example.com> new"])
        #expect(byVersion[0].1 == ["Ada Lovelace <ada@example.com>"])
    }

    @Test func mailmapMergesIdentitiesAsGitDoes() throws {
        try sandbox.write(
            "repo/.mailmap", "Grace M. Hopper <grace@example.com>\nGrace M. Hopper <grace@example.com> <hopper@navy.example>\n")
        try commit("fix: from the old address", by: "G. Hopper <hopper@navy.example>")
        try commit(
            "feat: with a co-author's old address\n\nCo-authored-by: Hopper <HOPPER@navy.example>", by: "Ada Lovelace <ada@example.com>")
        let list = try contributors("--setversion", "1.1.0")
        #expect(summary(list) == ["Ada Lovelace <ada@example.com>", "Grace M. Hopper <grace@example.com>"])
        // The oracle: git maps the old address to the same person.
        #expect(try sandbox.git("check-mailmap", "G. Hopper <hopper@navy.example>") == "Grace M. Hopper <grace@example.com>\n")
    }

    @Test func shownInMarkdownWhenConfigured() throws {
        try commit("feat: a newcomer's feature", by: "Alan Turing <alan@example.com>")
        let plain = try sandbox.changelog("--setversion", "1.1.0")
        #expect(!plain.stdout.contains("Contributors"))
        try sandbox.write("repo/.changelog.toml", "[changelog]\ncontributors = true\n")
        let shown = try sandbox.changelog("--setversion", "1.1.0")
        #expect(shown.status == 0)
        #expect(shown.stdout.hasSuffix("#### Contributors\n\n* Ada Lovelace\n* Alan Turing (first contribution)\n\n"))
        #expect(shown.stdout.hasPrefix(plain.stdout))
    }

    @Test func aContributorsBlockMergesAndARerunIsANoOp() throws {
        try sandbox.write("repo/.changelog.toml", "[changelog]\ncontributors = true\nchangelog = \"CHANGELOG.md\"\n")
        #expect(try sandbox.changelog("--all").status == 0)
        let written = try sandbox.read("repo/CHANGELOG.md")
        #expect(written.contains("#### Contributors\n\n* Ada Lovelace\n* Grace Hopper (first contribution)\n\n<a name=\"0.2.0\"></a>"))
        let again = try sandbox.changelog("--all")
        #expect(again.status == 0)
        #expect(try sandbox.read("repo/CHANGELOG.md") == written)
    }

    @Test func notesInJSONHaveThemToo() throws {
        let result = try sandbox.changelog("notes", "1.0.0", "-T", "json")
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"contributors\": ["))
        #expect(result.stdout.contains("\"firstTime\": true"))
    }
}
