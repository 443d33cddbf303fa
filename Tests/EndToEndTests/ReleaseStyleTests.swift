import FixtureSupport
import Foundation
import Testing

/// `release --style` (or `[changelog] style`) writes the changelog as `generate -C` does in that
/// style, and the tag carries the notes read back from it.
@Suite struct ReleaseStyleTests {
    @Test(arguments: ["clog", "keep-a-changelog", "conventional"])
    func aReleaseWritesTheStyleAsGenerateDoes(style: String) throws {
        let scene = try ReleaseScene()
        try scene.sandbox.write("expected.md", try scene.sandbox.read("repo/CHANGELOG.md"))
        let generated = try scene.changelog("--setversion", "2.0.0", "-C", scene.sandbox.root + "/expected.md", "--style", style)
        #expect(generated.status == 0, "\(generated.stderr)")
        let result = try scene.changelog("release", "--style", style)
        #expect(result.status == 0, "\(result.stderr)")
        let changelog = try scene.sandbox.read("repo/CHANGELOG.md")
        #expect(changelog == (try scene.sandbox.read("expected.md")))
        if style == "keep-a-changelog" {
            #expect(changelog.hasPrefix("# Changelog\n\nHand-written intro.\n\n## [Unreleased]\n\n## [2.0.0] - "))
            #expect(
                changelog.hasSuffix(
                    "\n\n[unreleased]: https://github.com/acme/widget/compare/v2.0.0...HEAD\n"
                        + "[2.0.0]: https://github.com/acme/widget/compare/v1.0.0...v2.0.0\n"))
        }
        let notes = try scene.changelog("notes", "--style", style)
        #expect(notes.status == 0)
        #expect(try scene.git("cat-file", "tag", "v2.0.0").hasSuffix("\n\nRelease 2.0.0\n\n" + notes.stdout))
    }

    @Test func theConfiguredStyleIsUsed() throws {
        let scene = try ReleaseScene(config: "[changelog]\nstyle = \"conventional\"\n")
        let result = try scene.changelog("release", "2.0.0")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try scene.sandbox.read("repo/CHANGELOG.md").hasPrefix(
                "# Changelog\n\nHand-written intro.\n\n## [2.0.0](https://github.com/acme/widget/compare/v1.0.0...v2.0.0) ("))
    }
}
