import FixtureSupport
import Foundation
import Testing

/// clog's `--setversion` takes any name for a section and writes it as given; a rerun finds it again.
@Suite struct SectionNameTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    @Test(arguments: ["VERSION", "api-v1.2.3", "1.2"])
    func anyNameIsWrittenAsGivenOnTopAndARerunChangesNothing(name: String) throws {
        try sandbox.write("repo/CHANGELOG.md", "# Changelog\n")
        _ = try sandbox.changelog("-C", "CHANGELOG.md", "--all", "--to", "v1.0.0")
        var result = try sandbox.changelog("-C", "CHANGELOG.md", "--setversion", name)
        #expect(result.status == 0, "\(result.stderr)")
        let written = try sandbox.read("repo/CHANGELOG.md")
        #expect(
            written.hasPrefix(
                "# Changelog\n\n<a name=\"\(name)\"></a>\n## [\(name)](https://github.com/acme/widget/compare/v1.0.0...HEAD) (2026-11-21)\n"
            ))
        #expect(written.contains("<a name=\"1.0.0\"></a>"))
        result = try sandbox.changelog("-C", "CHANGELOG.md", "--setversion", name)
        #expect(result.stderr == "changelog: CHANGELOG.md already holds what would be written; nothing changed\n")
        #expect(try sandbox.read("repo/CHANGELOG.md") == written)
    }

    /// A section clog wrote for `--setversion v0.14.2` is the same release: regenerated in place,
    /// its anchor kept, and nothing changes on a rerun.
    @Test func aTypedVIsKeptAndClogsSectionIsRegeneratedInPlace() throws {
        try sandbox.write("repo/.clog.toml", "[clog]\nrepository = \"https://github.com/acme/widget\"\n")
        let clogs = "<a name=\"v0.14.2\"></a>\n### v0.14.2 (2026-11-21)\n\n\n#### Features\n\n*   an old wording\n"
        try sandbox.write("repo/CHANGELOG.md", clogs + "\n\n\n<a name=\"0.1.0\"></a>\n## 0.1.0 (2026-01-05)\n")
        let result = try sandbox.changelog("-C", "CHANGELOG.md", "--setversion=v0.14.2", "--force")
        #expect(result.status == 0, "\(result.stderr)")
        let written = try sandbox.read("repo/CHANGELOG.md")
        #expect(
            written.hasPrefix("<a name=\"v0.14.2\"></a>\n### v0.14.2 (2026-11-21)\n\n\n#### Features\n\n* **api:**  remove the legacy flag")
        )
        #expect(written.hasSuffix("\n\n<a name=\"0.1.0\"></a>\n## 0.1.0 (2026-01-05)\n"))
        #expect(!written.contains("an old wording"))
        let again = try sandbox.changelog("-C", "CHANGELOG.md", "--setversion=v0.14.2")
        #expect(again.status == 0)
        #expect(try sandbox.read("repo/CHANGELOG.md") == written)
    }
}
