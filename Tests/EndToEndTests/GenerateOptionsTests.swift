import FixtureSupport
import Foundation
import Testing

/// clog's flags and configuration files, through the built binary.
@Suite struct GenerateOptionsTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    @Test(arguments: [
        ("-M", "2.0.0"), ("--minor", "1.1.0"), ("-p", "1.0.1"), ("--bump", "2.0.0"), ("--setversion=1.2.3", "1.2.3"),
        // As clog, the version is written as typed, `v` and all; the tag is the same.
        ("--setversion=v1.2.3", "v1.2.3"),
    ])
    func versionFlags(flag: String, version: String) throws {
        let result = try sandbox.changelog(flag)
        #expect(result.status == 0, "\(result.stderr)")
        let tag = version.hasPrefix("v") ? version : "v" + version
        #expect(
            result.stdout.hasPrefix(
                "<a name=\"\(version)\"></a>\n## [\(version)](https://github.com/acme/widget/compare/v1.0.0...\(tag)) (2026-11-21)\n"))
    }

    @Test(arguments: [
        ("gitlab", "https://github.com/acme/widget/-/commit/", "https://github.com/acme/widget/-/compare/v1.0.0...v1.1.0"),
        (
            "stash", "https://github.com/acme/widget/commits/",
            "https://github.com/acme/widget/compare/diff?targetBranch=refs%2Ftags%2Fv1.0.0&sourceBranch=refs%2Ftags%2Fv1.1.0"
        ),
        ("cgit", "https://github.com/acme/widget/commit/?id=", "https://github.com/acme/widget/diff/?id=v1.1.0&id2=v1.0.0"),
    ])
    func linkStyles(style: String, commitPrefix: String, compare: String) throws {
        let result = try sandbox.changelog("--setversion", "1.1.0", "-l", style)
        #expect(result.status == 0)
        #expect(result.stdout.contains("(\(compare))"))
        #expect(result.stdout.contains("](\(commitPrefix)"))
    }

    @Test func repositoryAndSubtitleFromTheCommandLine() throws {
        let result = try sandbox.changelog("--setversion", "1.1.0", "-r", "https://example.org/me/mine/", "-s", "Spring")
        #expect(
            result.stdout.hasPrefix(
                "<a name=\"1.1.0\"></a>\n## [1.1.0](https://example.org/me/mine/compare/v1.0.0...v1.1.0) Spring (2026-11-21)\n"))
        #expect(result.stdout.contains("(https://example.org/me/mine/commit/"))
    }

    /// clog's own configuration; `extraSection` is one more line under [sections].
    static func clogConfiguration(extraSection: String = "") -> String {
        """
        [clog]
        repository = "https://gitlab.example.com/acme/widget"
        link-style = "gitlab"
        changelog = "docs/CHANGES.md"
        subtitle = "Codename"

        [sections]
        \(extraSection)
        Refactors = ["refactor"]

        [components]
        Interface = ["ui", "i18n"]
        """
    }

    @Test func aClogConfigurationIsHonoured() throws {
        try sandbox.write("repo/.clog.toml", Self.clogConfiguration(extraSection: "\"Breaking Changes\" = []"))
        var result = try sandbox.changelog("--setversion", "1.1.0")
        #expect(result.status == 2, "an empty alias list is rejected")
        #expect(result.stderr.contains(".clog.toml"))

        try sandbox.write("repo/.clog.toml", Self.clogConfiguration())
        try FileManager.default.createDirectory(atPath: sandbox.root + "/repo/docs", withIntermediateDirectories: true)
        result = try sandbox.changelog("--setversion", "1.1.0", in: sandbox.root + "/repo/docs")
        #expect(result.status == 0, "\(result.stderr)")
        // With a .clog.toml and no style, clog's own layout, links and section order; a new file
        // is the release and clog's `\n\n\n`, without a title.
        let written = try sandbox.read("repo/docs/CHANGES.md")
        let commit = "https://gitlab.example.com/acme/widget/commit/"
        #expect(written.hasPrefix("<a name=\"1.1.0\"></a>\n## 1.1.0 Codename (2026-11-21)\n\n\n#### Features\n\n"))
        #expect(written.contains("#### Features\n\n* **Interface:**  dark mode 🌙 ([b3dac8ec](\(commit)b3dac8ec"))
        #expect(written.contains("#### Bug Fixes\n\n* **Interface:**  修正日期格式 ([ef99dff4](\(commit)ef99dff4"))
        #expect(written.contains("#### Breaking Changes\n\n*   drop Python 2 support ([531f4d5b]"))
        #expect(
            written.hasSuffix(
                "#### Refactors\n\n*   drop Python 2 support ([531f4d5b](\(commit)531f4d5b221f733ac99edfaae7a2f82b81ca94bf))\n\n\n\n"))

        // `style` says otherwise.
        try sandbox.write("repo/.clog.toml", "[clog]\nstyle = \"default\"\nsubtitle = \"Codename\"\n")
        let plain = try sandbox.changelog("--setversion", "1.1.0")
        #expect(
            plain.stdout.hasPrefix(
                "<a name=\"1.1.0\"></a>\n## [1.1.0](https://github.com/acme/widget/compare/v1.0.0...v1.1.0) Codename (2026-11-21)"))
    }

    @Test func aChangelogTomlWinsOverClog() throws {
        try sandbox.write("repo/.clog.toml", "[clog]\nsubtitle = \"from clog\"\n")
        try sandbox.write("repo/.changelog.toml", "[changelog]\nsubtitle = \"from changelog\"\ntag-prefix = \"\"\n")
        let result = try sandbox.changelog("--setversion", "1.1.0")
        #expect(result.stdout.contains("## [1.1.0](https://github.com/acme/widget/compare/v1.0.0...1.1.0) from changelog"))
    }

    @Test func theRepositoryCanBeNamedFromElsewhere() throws {
        let result = try sandbox.changelog(["--repo", sandbox.root + "/repo", "--setversion", "1.1.0"], in: sandbox.root)
        #expect(result.status == 0)
        #expect(result.stdout == (try Sandbox.fixture("widget/setversion-1.1.0.md")))
    }

    @Test func allWithBumpNamesTheUnreleasedPartAndFailsWhenNothingWarrantsIt() throws {
        let bumped = try sandbox.changelog("--all", "--bump")
        #expect(bumped.status == 0, "\(bumped.stderr)")
        #expect(bumped.stdout.hasPrefix("<a name=\"2.0.0\"></a>\n## [2.0.0](https://github.com/acme/widget/compare/v1.0.0...v2.0.0)"))

        let quiet = try Sandbox()
        _ = try quiet.build(text: "commit feat: one\ntag v1.0.0\ncommit docs: two\n")
        let nothing = try quiet.changelog("--all", "--bump")
        #expect(nothing.status == 3)
        #expect(nothing.stderr.contains("no commit since v1.0.0 warrants a release"))
    }

    @Test func aDetachedHeadIsATargetLikeAnyOther() throws {
        _ = try sandbox.git("checkout", "-q", "--detach", "v1.0.0")
        let result = try sandbox.changelog("--setversion", "1.0.0")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                "<a name=\"1.0.0\"></a>\n## [1.0.0](https://github.com/acme/widget/compare/v0.2.0...v1.0.0) (2026-01-06)\n"))
    }

    @Test func aMessageThatIsNotUTF8StillGivesValidJSON() throws {
        let tree = try sandbox.git("rev-parse", "HEAD^{tree}").trimmingCharacters(in: .newlines)
        let head = try sandbox.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        var object = Data(
            "tree \(tree)\nparent \(head)\nauthor A <a@example.com> 1700000000 +0000\ncommitter A <a@example.com> 1700000000 +0000\n\nfix: caf"
                .utf8)
        object.append(contentsOf: [0xE9, 0x0A])
        try object.write(to: URL(fileURLWithPath: sandbox.root + "/object"))
        let id = try sandbox.git("hash-object", "-t", "commit", "-w", sandbox.root + "/object").trimmingCharacters(in: .newlines)
        _ = try sandbox.git("update-ref", "refs/heads/main", id)
        let result = try sandbox.changelog("-T", "json")
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        let sections = try #require((document["releases"] as? [[String: Any]])?.first?["sections"] as? [[String: Any]])
        let fixes = try #require(sections.first { $0["title"] as? String == "Bug Fixes" }?["commits"] as? [[String: Any]])
        #expect(fixes.contains { $0["subject"] as? String == "caf\u{FFFD}" })
    }

    @Test func anExplicitRangeAndTarget() throws {
        let result = try sandbox.changelog("--setversion", "0.2.0", "--to", "v0.2.0")
        #expect(result.status == 0)
        #expect(
            result.stdout.hasPrefix(
                "<a name=\"0.2.0\"></a>\n## [0.2.0](https://github.com/acme/widget/compare/v0.1.0...v0.2.0) (2026-01-05)\n"),
            "an existing tag dates its own section")
        #expect(result.stdout.contains("accept multi-line footers"))
        #expect(!result.stdout.contains("remove the legacy flag"))
    }
}
