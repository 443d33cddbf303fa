import Testing

@testable import ChangelogCore

/// The root changelog's section for a release of packages: one per release, each package's text
/// under its own sub-heading, no heading left that would read as a release of the root.
@Suite struct RootChangelogSectionTests {
    @Test func packagesUnderSubHeadings() {
        let section = RootChangelogSection(packages: [
            .init(name: "api", version: SemanticVersion(major: 1, minor: 4, patch: 0), notes: "### Added\n\n- users (1234abcd)"),
            .init(name: "web", version: SemanticVersion(major: 2, minor: 0, patch: 1), notes: "#### Bug Fixes\n\n* a fix (5678abcd)"),
            .init(name: "docs", version: SemanticVersion(major: 0, minor: 1, patch: 0), notes: ""),
        ])
        #expect(
            section.render(name: "2026-11-21")
                == """
                <a name="2026-11-21"></a>
                ## 2026-11-21

                ### api 1.4.0

                #### Added

                - users (1234abcd)

                ### web 2.0.1

                #### Bug Fixes

                * a fix (5678abcd)

                ### docs 0.1.0


                """)
    }

    @Test func headingsMoveDownButNotInCode() {
        let notes = "## [1.0.0] - x\n\n### Added\n\n```sh\n# a comment\n```\n\n#### Deep\n\n#hashtag"
        #expect(
            RootChangelogSection.demoted(notes)
                == "#### [1.0.0] - x\n\n##### Added\n\n```sh\n# a comment\n```\n\n###### Deep\n\n#hashtag")
        #expect(RootChangelogSection.demoted("#### Features\n\n* x") == "#### Features\n\n* x")
    }

    @Test func aSecondReleaseTheSameDayIsNumbered() {
        let first = RootChangelogSection(packages: []).render(name: "2026-11-21")
        let document = ChangelogDocument(text: "# Changelog\n\n" + first)
        #expect(document.section(for: .named("2026-11-21")) != nil)
        #expect(RootChangelogSection.name(day: "2026-11-21", in: document) == "2026-11-21.2")
        #expect(RootChangelogSection.name(day: "2026-11-22", in: document) == "2026-11-22")
    }

    /// `packages-in-root` with root releases of its own: the first version the file gets is the
    /// newest entry, above the dated blocks, from one merge and from the batch alike.
    @Test func theFirstVersionGoesAboveTheDatedBlocks() {
        let block = RootChangelogSection(packages: []).render(name: "2026-11-21")
        let document = ChangelogDocument(text: "# Changelog\n\n" + block)
        let release = "<a name=\"1.1.0\"></a>\n## 1.1.0 (2026-11-22)\n\n#### Features\n\n* root (1234abcd)\n\n"
        let one = document.merging(release, for: .version(SemanticVersion("1.1.0")!))
        #expect(ChangelogDocument(bytes: one).sections.map(\.key) == [.version(SemanticVersion("1.1.0")!), .named("2026-11-21")])
        #expect(document.merging([(release, .version(SemanticVersion("1.1.0")!))]) == one)
        let older = "<a name=\"1.0.0\"></a>\n## 1.0.0 (2026-11-20)\n\n#### Features\n\n* first (1234abce)\n\n"
        let two = ChangelogDocument(bytes: one).merging(older, for: .version(SemanticVersion("1.0.0")!))
        #expect(
            ChangelogDocument(bytes: two).sections.map(\.key)
                == [.version(SemanticVersion("1.1.0")!), .named("2026-11-21"), .version(SemanticVersion("1.0.0")!)])
    }

    /// Unreleased below a dated block becomes the first version, and the next one goes above it:
    /// the batch, which `--all` uses, places them as merges one at a time do.
    @Test func versionsAfterADatedBlockAndUnreleasedStackTheSameInABatch() {
        let block = RootChangelogSection(packages: []).render(name: "2026-11-21")
        let document = ChangelogDocument(text: "# Changelog\n\n" + block + "<a name=\"unreleased\"></a>\n## Unreleased\n\n* wip\n")
        let sections = ["1.0.0", "1.1.0"].map { version in
            (
                text: "<a name=\"\(version)\"></a>\n## \(version) (2026-11-22)\n\n#### Features\n\n* \(version) (1234abcd)\n\n",
                key: SectionKey.version(SemanticVersion(version)!)
            )
        }
        var one = document.bytes
        for section in sections { one = ChangelogDocument(bytes: one).merging(section.text, for: section.key) }
        #expect(
            ChangelogDocument(bytes: one).sections.map(\.key)
                == [.named("2026-11-21"), .version(SemanticVersion("1.1.0")!), .version(SemanticVersion("1.0.0")!)])
        #expect(document.merging(sections) == one)
    }
}
