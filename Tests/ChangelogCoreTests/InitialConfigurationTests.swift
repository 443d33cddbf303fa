import Testing

@testable import ChangelogCore

@Suite("changelog init: the file it writes and the styles it recognises")
struct InitialConfigurationTests {
    /// Everything found at once.
    private var everything: InitialConfiguration {
        var found = InitialConfiguration()
        found.tagPrefix = "v"
        found.versionTagCount = 3
        found.repositoryURL = "https://github.com/acme/widget"
        found.changelogFile = "CHANGELOG.md"
        found.style = "keep-a-changelog"
        found.hasClogConfiguration = true
        found.versionFiles = ["package.json", #"Acme.podspec:\.version\s*=\s*['"]([^'"]+)['"]"#]
        found.skippedVersionFiles = [("Package.swift", "a Swift package's version is its tag alone")]
        found.maintenanceBranches = ["1-3-stable", "release/2.0"]
        found.packages = [
            .init(
                name: "api", path: "packages/api", tagPrefix: "@acme/api@", kind: "npm workspace", versionFile: "packages/api/package.json"),
            .init(name: "@odd name", path: "packages/odd", tagPrefix: "odd-v", kind: "npm workspace"),
        ]
        return found
    }

    @Test("What was found is written as keys, and the file reads back as that configuration")
    func roundTrip() throws {
        let text = everything.render()
        #expect(text.contains("tag-prefix = \"v\"               # found on 3 version tags\n"))
        #expect(text.contains("style = \"keep-a-changelog\"  "))
        #expect(text.contains(#"files = ["package.json", "Acme.podspec:\\.version\\s*=\\s*['\"]([^'\"]+)['\"]"]"#))
        #expect(text.contains("# Package.swift is not listed: a Swift package's version is its tag alone\n"))
        #expect(text.contains("# maintenance branches found: 1-3-stable, release/2.0\npatch-only = ["))
        #expect(text.contains("# [packages.\"@odd name\"]  # npm workspace\n"))
        let configuration = try Configuration.parse(text, file: ".changelog.toml", flavor: .changelog)
        #expect(configuration.tagPrefix == "v")
        #expect(configuration.style == .keepAChangelog)
        #expect(configuration.release.files.map(\.path) == ["package.json", "Acme.podspec"])
        #expect(configuration.branches == BranchSettings())
        #expect(configuration.repositoryURL == nil, "the origin remote is the default already; the key stays a comment")

        var active = everything
        active.packagesActive = true
        #expect(active.render().contains("\n[packages.api]  # npm workspace\npath = \"packages/api\"\ntag-prefix = \"@acme/api@\"\n"))
    }

    @Test("A .clog.toml's settings, sections and components are carried over; clog stays the style")
    func clogCarriedOver() throws {
        let clogText = """
            [clog]
            repository = "https://gitlab.example.com/acme/widget"
            link-style = "GitLab"
            changelog = "docs/CHANGES.md"
            from-latest-tag = true
            subtitle = "Codename"
            output-format = "md"

            [sections]
            Refactors = ["refactor"]
            "Bug Fixes" = ["fix", "bugfix"]

            [components]
            "User Interface" = ["ui"]

            [check]
            header-max-length = 72
            """
        var found = InitialConfiguration()
        found.hasClogConfiguration = true
        found.clogConfiguration = try Configuration.parse(clogText, file: ".clog.toml", flavor: .clog)
        let text = found.render()
        #expect(text.contains("style = \"clog\"                 # as with .clog.toml\n"))
        #expect(text.contains("# .clog.toml also sets [check]: copy that table here\n"))
        #expect(!text.contains("also sets [bump]"))
        let carried = try Configuration.parse(text, file: ".changelog.toml", flavor: .changelog)
        let clog = try #require(found.clogConfiguration)
        #expect(carried.repositoryURL == clog.repositoryURL && carried.linkStyle == .gitlab)
        #expect(carried.changelog == "docs/CHANGES.md" && carried.fromLatestTag == true)
        #expect(carried.subtitle == "Codename" && carried.outputFormat == .markdown)
        #expect(carried.sections == clog.sections)
        #expect(carried.components == clog.components)
    }

    @Test("Nothing found: every key is a comment, and the file is the default configuration")
    func nothingFound() throws {
        let text = InitialConfiguration().render()
        let keyLines = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("[") }
        #expect(keyLines.isEmpty, "\(keyLines)")
        #expect(try Configuration.parse(text, file: ".changelog.toml", flavor: .changelog) == Configuration())
    }

    @Test("Every key the configuration knows is listed")
    func everyKey() {
        let text = InitialConfiguration().render()
        let settings = [
            "repository", "link-style", "changelog", "outfile", "infile", "from-latest-tag", "subtitle", "output-format", "tag-prefix",
            "other", "style", "template", "contributors", "packages-in-root",
        ]
        let all =
            settings + Configuration.checkKeys.sorted() + Configuration.bumpKeys.sorted() + ReleaseSettings.keys.sorted()
            + BranchSettings.keys.sorted()
        for key in all {
            #expect(text.contains("# \(key) = "), "\(key)")
        }
        for table in ["changelog", "sections", "components", "check", "bump", "release", "branches"] {
            #expect(text.contains("\n[\(table)]"), "\(table)")
        }
    }

    @Test("TOML strings and keys are escaped")
    func escaping() {
        #expect(InitialConfiguration.string("a\"b\\c\n\u{1}") == #""a\"b\\c\n\u0001""#)
        #expect(InitialConfiguration.key("api-v2_x") == "api-v2_x")
        #expect(InitialConfiguration.key("@acme/api") == "\"@acme/api\"")
    }

    // MARK: Styles

    @Test("Each style's own output is recognised")
    func styles() {
        let defaultStyle = """
            <a name="1.4.0"></a>
            ## [1.4.0](https://github.com/o/r/compare/v1.3.0...v1.4.0) (2026-11-21)

            #### Features

            * **parser:** accept footers ([5e6f7a8b](https://github.com/o/r/commit/5e6f7a8b))
            * add notes ([9c0d1e2f](https://github.com/o/r/commit/9c0d1e2f))

            """
        #expect(ChangelogStyleDetector.detect(defaultStyle) == "default")
        #expect(ChangelogStyleDetector.detect(defaultStyle, clogConfigured: true) == "default", "its bullets say so")

        let clog = """
            <a name="0.23.0"></a>
            ## 0.23.0 (2026-05-21)


            #### Features

            * **parser:**  accept footers ([5e6f7a8b](https://github.com/o/r/commit/5e6f7a8b))
            *   add notes ([9c0d1e2f](https://github.com/o/r/commit/9c0d1e2f))

            """
        #expect(ChangelogStyleDetector.detect(clog) == "clog")

        let keep = """
            # Changelog

            ## [Unreleased]

            ## [1.4.0] - 2026-11-21
            ### Added
            - Notes.
            ### Fixed
            - A crash.

            [1.4.0]: https://github.com/o/r/compare/v1.3.0...v1.4.0
            """
        #expect(ChangelogStyleDetector.detect(keep) == "keep-a-changelog")

        let conventional = """
            # Changelog

            ## [1.4.0](https://github.com/o/r/compare/v1.3.0...v1.4.0) (2026-11-21)


            ### ⚠ BREAKING CHANGES

            * drop the v1 API

            ### Features

            * add notes ([9c0d1e2](https://github.com/o/r/commit/9c0d1e2))
            """
        #expect(ChangelogStyleDetector.detect(conventional) == "conventional")

        let anchoredWithoutBullets = "<a name=\"1.0.0\"></a>\n## 1.0.0 (2026-01-01)\n\n#### Features\n"
        #expect(ChangelogStyleDetector.detect(anchoredWithoutBullets) == "default")
        #expect(ChangelogStyleDetector.detect(anchoredWithoutBullets, clogConfigured: true) == "clog")

        #expect(ChangelogStyleDetector.detect("# Changes\n\nVersion 2: faster.\n") == nil)
        #expect(ChangelogStyleDetector.detect("") == nil)
    }
}
