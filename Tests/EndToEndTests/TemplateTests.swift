import FixtureSupport
import Foundation
import Testing

/// `--template` and `[changelog] template` on the `widget` history.
@Suite struct TemplateTests {
    let sandbox: Sandbox
    static let example = Sandbox.packageRoot + "/Examples/changelog.mustache"

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    @Test func theExampleRendersEveryRelease() throws {
        let result = try sandbox.changelog("--all", "--template", Self.example)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == (try Sandbox.golden("widget/template-all.md", actual: result.stdout)))
    }

    @Test func aConfiguredTemplateMergesIntoTheChangelogAndARerunChangesNothing() throws {
        try sandbox.write("repo/changelog.mustache", try String(contentsOfFile: Self.example, encoding: .utf8))
        try sandbox.write("repo/.changelog.toml", "[changelog]\ntemplate = \"changelog.mustache\"\nchangelog = \"CHANGELOG.md\"\n")
        let first = try sandbox.changelog("--all")
        #expect(first.status == 0)
        let written = try sandbox.read("repo/CHANGELOG.md")
        #expect(written == "# Changelog\n\n" + (try Sandbox.fixture("widget/template-all.md")).trimmingSuffixNewlines() + "\n")
        let again = try sandbox.changelog("--all")
        #expect(again.status == 0)
        #expect(again.stderr.contains("already holds what would be written"))
        #expect(try sandbox.read("repo/CHANGELOG.md") == written)
        // Releasing Unreleased as 1.1.0 replaces its section, in the template's layout.
        let release = try sandbox.changelog("--setversion", "1.1.0")
        #expect(release.status == 0)
        let updated = try sandbox.read("repo/CHANGELOG.md")
        #expect(
            updated.hasPrefix(
                "# Changelog\n\n<a name=\"1.1.0\"></a>\n## [1.1.0](https://github.com/acme/widget/compare/v1.0.0...v1.1.0) - "))
        #expect(!updated.contains("Unreleased"))
        #expect(updated.hasSuffix(written.components(separatedBy: "<a name=\"1.0.0\"></a>")[1]))
    }

    /// `release` writes the section as `-C` does, template and contributors included.
    @Test func releaseWritesTheSectionAsGenerateDoes() throws {
        let scene = try ReleaseScene(
            config: "[changelog]\ntemplate = \"changelog.mustache\"\ncontributors = true\n[release]\nfiles = [\"VERSION\"]\n")
        try scene.sandbox.write("repo/changelog.mustache", try String(contentsOfFile: Self.example, encoding: .utf8))
        _ = try scene.git("add", "-A")
        _ = try scene.git("commit", "-q", "-m", "docs: the changelog's template")
        // What `generate -C` makes of the same file, written outside the repository.
        try scene.sandbox.write("expected.md", try scene.sandbox.read("repo/CHANGELOG.md"))
        #expect(try scene.changelog("--setversion", "2.0.0", "-C", scene.sandbox.root + "/expected.md").status == 0)
        let result = try scene.changelog("release")
        #expect(result.status == 0, "\(result.stderr)")
        let changelog = try scene.sandbox.read("repo/CHANGELOG.md")
        #expect(changelog == (try scene.sandbox.read("expected.md")))
        #expect(changelog.hasPrefix("# Changelog\n\nHand-written intro.\n\n<a name=\"2.0.0\"></a>\n## [2.0.0]("))
        #expect(changelog.contains("### Contributors\n\n- Ada Lovelace\n- Test Runner (first contribution)\n"))
    }

    /// A template whose heading does not start with the version could not be found again: every
    /// run would add the section once more, so writing it into a changelog is refused, untouched.
    @Test func aSectionTheMergeCannotFindAgainIsRefused() throws {
        let scene = try ReleaseScene(
            config: "[changelog]\ntemplate = \"changelog.mustache\"\n[release]\nfiles = [\"VERSION\"]\n")
        try scene.sandbox.write(
            "repo/changelog.mustache", "## Version {{version}}\n\n{{#sections}}{{#commits}}- {{subject}}\n{{/commits}}{{/sections}}")
        _ = try scene.git("add", "-A")
        _ = try scene.git("commit", "-q", "-m", "docs: the changelog's template")
        let before = try scene.state()
        let expected =
            "changelog: error: the section changelog.mustache renders for 2.0.0 does not start with an anchor or a heading "
            + "that names it, so every run would add it again; begin the template with <a name=\"{{anchor}}\"></a> or "
            + "## {{name}} (docs/templates.md)\n"
        for arguments in [["--setversion", "2.0.0", "-C", "CHANGELOG.md"], ["release"]] {
            let result = try scene.sandbox.run(Sandbox.changelogBinary, arguments, in: scene.repo)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == expected, "\(result.stderr)")
            #expect(try scene.state() == before)
        }
        // Printed, not merged, it is what the template says.
        let printed = try scene.changelog("--setversion", "2.0.0")
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.hasPrefix("## Version 2.0.0\n"))
    }

    /// `notes` generates with the configured template: the 1.0.0 section `-C` writes, less its heading.
    @Test func notesUseTheConfiguredTemplate() throws {
        try sandbox.write("repo/changelog.mustache", try String(contentsOfFile: Self.example, encoding: .utf8))
        try sandbox.write("repo/.changelog.toml", "[changelog]\ntemplate = \"changelog.mustache\"\nchangelog = \"CHANGELOG.md\"\n")
        let notes = try sandbox.changelog("notes", "1.0.0")
        #expect(notes.status == 0, "\(notes.stderr)")
        let golden = try Sandbox.fixture("widget/template-all.md")
        let section = try #require(golden.components(separatedBy: "<a name=\"1.0.0\"></a>\n").dropFirst().first)
            .components(separatedBy: "<a name=\"0.2.0\"></a>")[0]
        let body = section.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
        #expect(notes.stdout == body.trimmingSuffixNewlines() + "\n")
        #expect(notes.stdout.hasPrefix("### Breaking Changes\n\n- **api:** remove the legacy flag"))
        #expect(notes.stdout.contains("### Contributors\n"))
        // What `-C` wrote wins, as without a template; --template overrides the configured one.
        try sandbox.write("repo/CHANGELOG.md", "<a name=\"1.0.0\"></a>\n## 1.0.0\n\nEdited by hand.\n")
        #expect(try sandbox.changelog("notes", "1.0.0").stdout == "Edited by hand.\n")
        try sandbox.write("repo/CHANGELOG.md", "")
        try sandbox.write("repo/plain.mustache", "{{#sections}}{{title}}: {{count(commits)}}\n{{/sections}}")
        let plain = try sandbox.changelog("notes", "1.0.0", "--template", "plain.mustache")
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == "Breaking Changes: 1\nFeatures: 2\nBug Fixes: 2\nReverts: 1\n")
        #expect(try sandbox.changelog("notes", "-T", "json", "--template", "plain.mustache").status == 64)
    }

    @Test func aSyntaxErrorNamesTheFileLineAndColumn() throws {
        try sandbox.write("repo/bad.mustache", "## {{name}}\n\n{{#sections}}\n### {{title}}\n  {{/commits}}\n")
        let result = try sandbox.changelog("--template", "bad.mustache")
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("changelog: error: bad.mustache:5:6: "))
        #expect(result.stderr.contains("closing tag does not match"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func aMissingTemplateIsOneLine() throws {
        let result = try sandbox.changelog("--template", "nowhere.mustache")
        #expect(result.status == 2)
        #expect(result.stderr.contains("nowhere.mustache"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        try sandbox.write("repo/.changelog.toml", "[changelog]\ntemplate = \"missing.mustache\"\n")
        let configured = try sandbox.changelog()
        #expect(configured.status == 2)
        #expect(configured.stderr.contains("missing.mustache") && configured.stderr.contains("[changelog] template"))
    }

    @Test func aConfiguredTemplateMustStayInTheRepository() throws {
        try sandbox.write("outside.mustache", "{{name}}\n")
        try sandbox.write("repo/.changelog.toml", "[changelog]\ntemplate = \"../outside.mustache\"\n")
        let result = try sandbox.changelog()
        #expect(result.status == 2)
        #expect(result.stdout == "")
    }

    @Test func jsonOutputIgnoresAConfiguredTemplateAndRefusesAGivenOne() throws {
        try sandbox.write("repo/t.mustache", "{{name}}\n")
        #expect(try sandbox.changelog("-T", "json", "--template", "t.mustache").status == 64)
        try sandbox.write("repo/.changelog.toml", "[changelog]\ntemplate = \"t.mustache\"\n")
        let json = try sandbox.changelog("-T", "json")
        #expect(json.status == 0)
        #expect(json.stdout.hasPrefix("{\n  \"releases\": ["))
    }
}

extension String {
    fileprivate func trimmingSuffixNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
