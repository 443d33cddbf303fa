import FixtureSupport
import Foundation
import Testing

/// Each style through the built binary on the `widget` history: the whole history, merging into a
/// file that holds earlier sections and text of its own, a release, and reruns that change nothing;
/// compared byte for byte with Fixtures/widget/style-*.md.
@Suite struct StyleGoldenTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    static let styles = ["default", "clog", "keep-a-changelog", "conventional"]

    @Test(arguments: styles)
    func theWholeHistory(style: String) throws {
        let result = try sandbox.changelog("--all", "--style", style)
        #expect(result.status == 0, "\(result.stderr)")
        // The default style is today's layout: its golden is the one from before styles.
        let golden = style == "default" ? "widget/all.md" : "widget/style-\(style)-all.md"
        #expect(result.stdout == (style == "default" ? try Sandbox.fixture(golden) : try Sandbox.golden(golden, actual: result.stdout)))
    }

    @Test(arguments: styles)
    func mergedIntoAFileThenReleasedAndRerun(style: String) throws {
        let intro = "# Changelog\n\nEvery change worth knowing, by release. This text is ours.\n"
        try sandbox.write("repo/CHANGELOG.md", intro)
        var result = try sandbox.changelog("-C", "CHANGELOG.md", "--all", "--to", "v0.2.0", "--style", style)
        #expect(result.status == 0, "\(result.stderr)")
        let early = try sandbox.read("repo/CHANGELOG.md")
        #expect(early.hasPrefix(intro + "\n"))

        // The later releases and Unreleased go where the style puts them; the rest stays as it was.
        result = try sandbox.changelog("-C", "CHANGELOG.md", "--all", "--style", style)
        #expect(result.status == 0, "\(result.stderr)")
        let merged = try sandbox.read("repo/CHANGELOG.md")
        #expect(merged == (try Sandbox.golden("widget/style-\(style)-merged.md", actual: merged)))
        #expect(merged.hasPrefix(intro + "\n"))
        // The earlier sections are byte-identical (keep-a-changelog's link definitions after them change).
        let older = try #require(
            early.range(of: ["keep-a-changelog", "conventional"].contains(style) ? "## [0.2.0]" : "<a name=\"0.2.0\">"))
        var olderSections = String(early[older.lowerBound...])
        if style == "keep-a-changelog", let links = olderSections.range(of: "\n[unreleased]: ") {
            olderSections = String(olderSections[..<links.lowerBound])
        }
        #expect(merged.contains(olderSections))
        #expect(style == "keep-a-changelog" || merged.hasSuffix(olderSections))
        try expectNoOp(["-C", "CHANGELOG.md", "--all", "--style", style], file: merged)

        // Releasing turns Unreleased into the version (keep-a-changelog keeps an empty Unreleased on top).
        result = try sandbox.changelog("-C", "CHANGELOG.md", "--setversion", "1.1.0", "--style", style)
        #expect(result.status == 0, "\(result.stderr)")
        let released = try sandbox.read("repo/CHANGELOG.md")
        #expect(released == (try Sandbox.golden("widget/style-\(style)-release.md", actual: released)))
        try expectNoOp(["-C", "CHANGELOG.md", "--setversion", "1.1.0", "--style", style], file: released)
    }

    private func expectNoOp(_ arguments: [String], file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let again = try sandbox.changelog(arguments)
        #expect(again.status == 0, "\(again.stderr)", sourceLocation: sourceLocation)
        #expect(
            again.stderr == "changelog: CHANGELOG.md already holds what would be written; nothing changed\n", sourceLocation: sourceLocation
        )
        #expect(try sandbox.read("repo/CHANGELOG.md") == file, sourceLocation: sourceLocation)
    }
}
