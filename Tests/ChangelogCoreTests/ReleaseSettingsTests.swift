import Testing

@testable import ChangelogCore

/// `[release]` in .changelog.toml, the tag object's text and git's date formats.
@Suite struct ReleaseSettingsTests {
    private func parse(_ text: String) throws -> Configuration {
        try Configuration.parse(text, file: ".changelog.toml", flavor: .changelog)
    }

    private func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        do {
            _ = try parse(text)
            Issue.record("expected an error", sourceLocation: sourceLocation)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func defaults() throws {
        let settings = try parse("").release
        #expect(settings == ReleaseSettings())
        #expect(settings.commitMessage == "chore: tag {version}")
        #expect(settings.files.isEmpty && !settings.separateCommits && settings.signTimeoutSeconds == 120)
    }

    @Test func everyKey() throws {
        let settings = try parse(
            """
            [release]
            files = ["VERSION", "crates/core/Cargo.toml", "src/version.h:VERSION \\"([^\\"]+)\\""]
            commit-message = "chore(release): {tag}"
            changelog-commit-message = "docs: notes for {version}"
            separate-commits = true
            tag-message = "widget {version}"
            sign-timeout = 30
            """
        ).release
        #expect(settings.files.map(\.path) == ["VERSION", "crates/core/Cargo.toml", "src/version.h"])
        #expect(settings.files.map(\.format) == [.plain, .cargoToml, .pattern("VERSION \"([^\"]+)\"")])
        #expect(settings.commitMessage == "chore(release): {tag}")
        #expect(settings.changelogCommitMessage == "docs: notes for {version}")
        #expect(settings.separateCommits)
        #expect(settings.tagMessage == "widget {version}")
        #expect(settings.signTimeoutSeconds == 30)
        let version = try #require(SemanticVersion("1.4.0"))
        #expect(ReleaseSettings.expand(settings.commitMessage, version: version, tag: "v1.4.0") == "chore(release): v1.4.0")
    }

    @Test func mistakesNameTheKey() {
        #expect(
            failure("[release]\nfiles = [\"README.md\"]\n")?.hasPrefix(
                ".changelog.toml: key 'release.files' has an entry that cannot be used: README.md:") == true)
        #expect(
            failure("[release]\nfiles = [\"VERSION\", \"VERSION\"]\n")
                == ".changelog.toml: key 'release.files' lists \"VERSION\" twice; list each file once")
        #expect(failure("[release]\ncommit-message = \"\"\n")?.contains("key 'release.commit-message' must be one non-empty line") == true)
        #expect(failure("[release]\nsign-timeout = 0\n")?.contains("must be a positive number of seconds") == true)
        #expect(failure("[release]\nseparate-commits = \"yes\"\n")?.contains("release.separate-commits") == true)
        #expect(failure("[release]\nsign = true\n")?.contains("sign") == true)
        #expect(failure("[changelog]\nseparate-commits = true\n")?.contains("'separate-commits' belongs in the [release] table") == true)
    }

    // MARK: TagText

    @Test func tagTextIsGitsLayout() {
        let text = TagText(
            objectID: String(repeating: "a", count: 40), name: "v1.4.0",
            tagger: "Ada <ada@example.com> 1795219200 +0100",
            message: TagText.message(title: "Release 1.4.0", notes: "\n#### Features\n\n* one\n\n"))
        let expected =
            "object \(String(repeating: "a", count: 40))\ntype commit\ntag v1.4.0\n"
            + "tagger Ada <ada@example.com> 1795219200 +0100\n\nRelease 1.4.0\n\n#### Features\n\n* one\n"
        #expect(String(decoding: text.payload, as: UTF8.self) == expected)
        let signature = Array("-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----".utf8)
        #expect(
            String(decoding: text.signed(with: signature), as: UTF8.self) == expected
                + "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n")
        #expect(TagText.message(title: "Release 1.4.0", notes: "  \n") == "Release 1.4.0\n")
    }

    // MARK: git dates

    @Test(
        arguments: [
            ("@1795219200 +0000", 1_795_219_200, 0),
            ("1795219200 +0130", 1_795_219_200, 90),
            ("2026-11-21T00:00:00Z", 1_795_219_200, 0),
            ("2026-11-21T01:00:00+01:00", 1_795_219_200, 60),
            ("2026-11-20 19:00:00 -0500", 1_795_219_200, -300),
            ("2026-11-21T00:00:00.250Z", 1_795_219_200, 0),
            ("Sat, 21 Nov 2026 00:00:00 +0000", 1_795_219_200, 0),
            ("21 Nov 2026 02:00:00 +0200", 1_795_219_200, 120),
            ("2000-02-29T12:00:00Z", 951_825_600, 0),
            ("Sat Nov 21 01:00:00 2026 +0100", 1_795_219_200, 60),
            ("@12345 +0000", 12_345, 0),
            ("1969-12-31T23:59:59Z", -1, 0),
        ] as [(String, Int64, Int)])
    func gitDates(_ text: String, seconds: Int64, offset: Int) {
        let parsed = Timestamp(gitDate: text)
        #expect(parsed == Timestamp(secondsSince1970: seconds, offsetMinutes: offset), "\(text)")
    }

    @Test func aDateWithoutAnOffsetIsLocal() {
        #expect(
            Timestamp(gitDate: "2026-11-21 01:00:00", defaultOffsetMinutes: 60)
                == Timestamp(secondsSince1970: 1_795_219_200, offsetMinutes: 60))
        #expect(Timestamp(gitDate: "1795219200", defaultOffsetMinutes: 60) == Timestamp(secondsSince1970: 1_795_219_200, offsetMinutes: 60))
    }

    @Test(arguments: [
        "", "1234567 +0000", "yesterday", "2026-13-01T00:00:00Z", "2026-11-21T25:00:00Z", "1795219200 +9900", "2026-11-21T00:00:00 CET",
        "Sat, 21 Foo 2026 00:00:00 +0000",
    ])
    func badDates(_ text: String) {
        #expect(Timestamp(gitDate: text) == nil, "\(text)")
    }
}

/// `[branches]`: maintenance branches and backports.
@Suite struct BranchSettingsTests {
    @Test func defaultsAndGlobs() throws {
        let settings = BranchSettings()
        #expect(settings.backports == .omit)
        for branch in ["1-3-stable", "release/1.3", "maintenance/2.x", "team/1-3-stable"] {
            #expect(settings.isPatchOnly(branch), "\(branch)")
        }
        for branch in ["main", "stable", "releases/1.3", "1-3-stable-next", "feature/release/x"] {
            #expect(!settings.isPatchOnly(branch), "\(branch)")
        }
        #expect(!settings.isPatchOnly(nil))
        #expect(BranchSettings.glob("v?.x", matches: "v1.x") && !BranchSettings.glob("v?.x", matches: "v10.x"))
        #expect(BranchSettings.glob("*", matches: "") && BranchSettings.glob("a*b*c", matches: "aXbYbZc"))
    }

    @Test func versionLinesOfMaintenanceBranches() throws {
        let settings = BranchSettings()
        for (branch, line) in [
            ("release/0.24", "0.24"), ("release-1.3", "1.3"), ("1-3-stable", "1.3"), ("v1.3.x", "1.3"),
            ("1.3.x", "1.3"), ("release/v2.1", "2.1"),
        ] {
            #expect(settings.isPatchOnly(branch), "\(branch)")
            #expect(settings.line(of: branch)?.description == line, "\(branch)")
        }
        // Maintenance branches without a version in the name stay patch-only; other branches have no line.
        #expect(settings.isPatchOnly("maintenance/lts") && settings.line(of: "maintenance/lts") == nil)
        #expect(!settings.isPatchOnly("release-notes") && !settings.isPatchOnly("0.24"))
        #expect(settings.line(of: "0.24") == nil && settings.line(of: "main") == nil && settings.line(of: nil) == nil)
        var none = BranchSettings()
        none.patchOnly = []
        #expect(none.line(of: "release/0.24") == nil)
    }

    @Test func readFromTheConfiguration() throws {
        let configuration = try Configuration.parse(
            "[branches]\npatch-only = [\"lts/*\"]\nbackports = \"mark\"\n", file: ".changelog.toml", flavor: .changelog)
        #expect(configuration.branches.patchOnly == ["lts/*"])
        #expect(configuration.branches.backports == .mark)
        #expect(configuration.branches.isPatchOnly("lts/2026") && !configuration.branches.isPatchOnly("1-3-stable"))
        #expect(throws: ConfigurationError.self) {
            try Configuration.parse("[branches]\nbackports = \"drop\"\n", file: ".changelog.toml", flavor: .changelog)
        }
        do {
            _ = try Configuration.parse("[branches]\nbackports = \"drop\"\n", file: ".changelog.toml", flavor: .changelog)
        } catch {
            #expect(error.description == ".changelog.toml: key 'branches.backports' must be one of omit, mark, keep (found \"drop\")")
        }
        do {
            _ = try Configuration.parse("[branches]\npatch-only = [\"\"]\n", file: ".changelog.toml", flavor: .changelog)
            Issue.record("an empty pattern must be refused")
        } catch {
            #expect(
                error.description
                    == ".changelog.toml: key 'branches.patch-only' must be an array of non-empty strings; item 1 is an empty string")
        }
    }
}
