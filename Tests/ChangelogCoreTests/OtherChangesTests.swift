import Foundation
import Testing

@testable import ChangelogCore

private func c(_ short: String, _ message: String, parents: Int = 1) -> ParsedCommit {
    CoreCommitFactory.commit(short, message, parents: parents)
}

/// The layout with `[changelog] other = "Other Changes"`.
private let withOther: SectionLayout = {
    var layout = SectionLayout.standard
    layout.otherTitle = "Other Changes"
    return layout
}()

private let history = [
    c("00000001", "Merge branch 'topic'", parents: 2),
    c("00000002", "fixup! feat: add notes"),
    c("00000003", "Update the README\n\nMore words here.\nAnd here.\n\n"),
    c("00000004", "feat: add notes"),
    c("00000005", "squash! Update the README"),
    c("00000006", "  WIP: tidy the parser  "),
    c("00000007", "chore: bump deps"),
    c("00000008", "Merge pull request #4 from o/branch"),
    c("00000009", "amend! feat: add notes"),
    c("0000000a", "\n\n"),
]

@Suite("[changelog] other")
struct OtherChangesTests {
    @Test("Without `other` the commits that are not Conventional Commits are left out, as before")
    func offByDefault() {
        let sections = ReleaseComposer().sections(for: history)
        #expect(sections.map(\.title) == ["Features"])
        #expect(sections.flatMap(\.entries).allSatisfy { $0.isConventional })
    }

    @Test("With `other` they are listed last, in history order; merges, autosquash commits and empty messages are not")
    func listedLast() throws {
        let sections = ReleaseComposer(layout: withOther).sections(for: history)
        #expect(sections.map(\.title) == ["Features", "Other Changes"])
        let other = try #require(sections.last)
        #expect(other.entries.map(\.commit.shortID) == ["00000003", "00000006"])
        #expect(other.entries.map(\.conventional.subject) == ["Update the README", "WIP: tidy the parser"])
        #expect(other.entries.map(\.conventional.body) == ["More words here.\nAnd here.", nil])
        #expect(other.entries.allSatisfy { !$0.isConventional && $0.component == nil && !$0.conventional.isBreaking })
        #expect(!other.isBreaking)
    }

    @Test("The section follows configured ones, and a non-conventional commit reverted in the release leaves with its revert")
    func afterConfiguredAndReverts() {
        let layout = withOther.adding(sections: [("Documentation", ["docs"])], components: [])
        #expect(layout.otherTitle == "Other Changes")
        let sections = ReleaseComposer(layout: layout).sections(for: [
            c("00000001", "Revert \"Update the README\"\n\nThis reverts commit \(CoreCommitFactory.id("00000003"))."),
            c("00000002", "docs: explain init"),
            c("00000003", "Update the README"),
            c("00000004", "Tidy up"),
        ])
        #expect(sections.map(\.title) == ["Documentation", "Other Changes"])
        #expect(sections.last?.entries.map(\.conventional.subject) == ["Tidy up"])
    }

    @Test("Markdown lists them like any entry; JSON gives them \"type\": null")
    func rendered() throws {
        let release = Release(
            version: SemanticVersion("1.4.0"), tag: "v1.4.0", previousTag: "v1.3.0", date: Timestamp(gitDate: "2026-11-21T12:00:00Z")!,
            sections: ReleaseComposer(layout: withOther).sections(for: [c("00000001", "feat: a"), c("00000002", "Tidy  up")]))
        let markdown = MarkdownRenderer(links: LinkContext(repositoryURL: nil, style: .github)).render(release)
        #expect(markdown.hasSuffix("#### Features\n\n* a (00000001)\n\n#### Other Changes\n\n* Tidy up (00000002)\n\n"))

        let json = JSONRenderer.document([release])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let releases = try #require(document["releases"] as? [[String: Any]])
        let sections = try #require(releases.first?["sections"] as? [[String: Any]])
        #expect(sections.map { $0["title"] as? String } == ["Features", "Other Changes"])
        let other = try #require((sections[1]["commits"] as? [[String: Any]])?.first)
        #expect(other["type"] is NSNull)
        #expect(other["subject"] as? String == "Tidy  up")
        let feature = try #require((sections[0]["commits"] as? [[String: Any]])?.first)
        #expect(feature["type"] as? String == "feat")
    }

    @Test("`other` is read from [changelog], must not be empty, and exists only in .changelog.toml")
    func configuration() throws {
        let parsed = try Configuration.parse("[changelog]\nother = \"Other Changes\"\n", file: ".changelog.toml", flavor: .changelog)
        #expect(parsed.other == "Other Changes")
        #expect(try Configuration.parse("", file: ".changelog.toml", flavor: .changelog).other == nil)
        #expect(throws: ConfigurationError.self) {
            try Configuration.parse("[changelog]\nother = \"\"\n", file: ".changelog.toml", flavor: .changelog)
        }
        #expect(throws: ConfigurationError.self) {
            try Configuration.parse("[changelog]\nother = true\n", file: ".changelog.toml", flavor: .changelog)
        }
        do {
            _ = try Configuration.parse("[clog]\nother = \"Other\"\n", file: ".clog.toml", flavor: .clog)
            Issue.record("`other` in .clog.toml was accepted")
        } catch {
            #expect(error.description.contains("exists only in .changelog.toml"))
        }
    }
}
