import FixtureSupport
import Foundation
import Testing

/// `-C CHANGELOG.md`: the new section lands in the right place and nothing else in the file moves.
@Suite struct ChangelogFileTests {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    static let handWritten = """
        # Changelog

        All notable changes to this project are documented here.
        Hand-written text  with double spaces stays exactly as it is.

        <a name="1.0.0"></a>
        ## [1.0.0](https://github.com/acme/widget/compare/v0.2.0...v1.0.0) (2026-01-06)

        Edited by hand after the release.\u{20}\u{20}

        """

    @Test func runningTwiceLeavesOneSectionAndTheRestByteIdentical() throws {
        try sandbox.write("repo/CHANGELOG.md", Self.handWritten)
        let first = try sandbox.changelog("--setversion", "1.1.0", "-C", "CHANGELOG.md")
        #expect(first.status == 0, "\(first.stderr)")
        let once = try sandbox.read("repo/CHANGELOG.md")
        let second = try sandbox.changelog("--setversion", "1.1.0", "-C", "CHANGELOG.md")
        #expect(second.status == 0)
        let twice = try sandbox.read("repo/CHANGELOG.md")
        #expect(once == twice)
        #expect(twice.components(separatedBy: "<a name=\"1.1.0\"></a>").count == 2)
        let section = try Sandbox.fixture("widget/setversion-1.1.0.md")
        let expected = Self.handWritten.replacingOccurrences(of: "<a name=\"1.0.0\"></a>", with: section + "<a name=\"1.0.0\"></a>")
        #expect(twice == expected)
    }

    @Test func aMissingFileIsCreatedWithATitle() throws {
        let result = try sandbox.changelog("--setversion", "1.1.0", "-C", "CHANGELOG.md")
        #expect(result.status == 0)
        // The file ends with one newline, not with the blank line that separates sections.
        #expect(try sandbox.read("repo/CHANGELOG.md") == "# Changelog\n\n" + Sandbox.fixture("widget/setversion-1.1.0.md").dropLast())
        #expect(result.stderr.contains("wrote 1.1.0 to CHANGELOG.md"))
    }

    @Test func dryRunPrintsTheSectionAndWritesNothing() throws {
        try sandbox.write("repo/CHANGELOG.md", Self.handWritten)
        let result = try sandbox.changelog("--setversion", "1.1.0", "-C", "CHANGELOG.md", "--dry-run")
        #expect(result.status == 0)
        #expect(result.stdout == (try Sandbox.fixture("widget/setversion-1.1.0.md")))
        #expect(result.stderr.contains("nothing was written"))
        #expect(try sandbox.read("repo/CHANGELOG.md") == Self.handWritten)
    }

    @Test func permissionsAndSymlinksSurviveTheAtomicWrite() throws {
        try sandbox.write("repo/docs/CHANGES.md", Self.handWritten)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: repo + "/docs/CHANGES.md")
        try FileManager.default.createSymbolicLink(atPath: repo + "/CHANGELOG.md", withDestinationPath: "docs/CHANGES.md")
        let result = try sandbox.changelog("--setversion", "1.1.0", "-C", "CHANGELOG.md")
        #expect(result.status == 0)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: repo + "/CHANGELOG.md")
        #expect(link == "docs/CHANGES.md")
        let mode = try FileManager.default.attributesOfItem(atPath: repo + "/docs/CHANGES.md")[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try sandbox.read("repo/docs/CHANGES.md").contains("<a name=\"1.1.0\"></a>"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repo + "/docs").filter { $0.hasPrefix(".changelog-") }
        #expect(leftovers.isEmpty)
    }

    @Test func anUnwritableFileIsAnErrorAndStaysUntouched() throws {
        // Also as root, whom access(2) lets write anything: a release refuses such a file too.
        try sandbox.write("repo/CHANGELOG.md", Self.handWritten)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: repo + "/CHANGELOG.md")
        let result = try sandbox.changelog("--setversion", "1.1.0", "-C", "CHANGELOG.md")
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "changelog: error: cannot write CHANGELOG.md: Permission denied; make it writable (chmod u+w) or write elsewhere with -o\n"
        )
        #expect(try sandbox.read("repo/CHANGELOG.md") == Self.handWritten)
    }

    @Test func aDirectoryInPlaceOfTheFileIsAnErrorAndNothingIsWritten() throws {
        try FileManager.default.createDirectory(atPath: repo + "/CHANGELOG.md", withIntermediateDirectories: true)
        let result = try sandbox.changelog("--setversion", "1.1.0", "-C", "CHANGELOG.md")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("changelog: error: cannot write CHANGELOG.md: it is a directory"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func infileAndOutfileAreSeparate() throws {
        try sandbox.write("repo/OLD.md", Self.handWritten)
        let result = try sandbox.changelog("--setversion", "1.1.0", "-i", "OLD.md", "-o", "NEW.md")
        #expect(result.status == 0)
        #expect(try sandbox.read("repo/OLD.md") == Self.handWritten)
        #expect(try sandbox.read("repo/NEW.md").contains("<a name=\"1.1.0\"></a>\n## [1.1.0]"))
    }

    @Test func outfileAloneGetsTheSectionOnly() throws {
        let result = try sandbox.changelog("--setversion", "1.1.0", "-o", "SECTION.md")
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(try sandbox.read("repo/SECTION.md") == Sandbox.fixture("widget/setversion-1.1.0.md"))
    }

    @Test func anExistingOutfileKeepsItsHistory() throws {
        try sandbox.write("repo/CHANGELOG.md", Self.handWritten)
        let result = try sandbox.changelog("--setversion", "1.1.0", "-o", "CHANGELOG.md")
        #expect(result.status == 0, "\(result.stderr)")
        let text = try sandbox.read("repo/CHANGELOG.md")
        #expect(text.hasPrefix("# Changelog\n\nAll notable changes"))
        #expect(text.contains("<a name=\"1.1.0\"></a>"))
        #expect(text.contains("Edited by hand after the release."))
    }

    @Test func jsonIgnoresTheConfiguredMarkdownFile() throws {
        try sandbox.write("repo/.changelog.toml", "[changelog]\nchangelog = \"CHANGELOG.md\"\n")
        try sandbox.write("repo/CHANGELOG.md", Self.handWritten)
        let result = try sandbox.changelog("--setversion", "1.1.0", "-T", "json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("{\n  \"releases\": ["))
        #expect(try sandbox.read("repo/CHANGELOG.md") == Self.handWritten)
    }

    @Test func regeneratingEverythingKeepsTheIntroAndReplacesEachSection() throws {
        try sandbox.write("repo/CHANGELOG.md", Self.handWritten)
        let result = try sandbox.changelog("--all", "--setversion", "1.1.0", "-C", "CHANGELOG.md", "--force")
        #expect(result.status == 0, "\(result.stderr)")
        let text = try sandbox.read("repo/CHANGELOG.md")
        #expect(
            text.hasPrefix("# Changelog\n\nAll notable changes to this project are documented here.\nHand-written text  with double spaces")
        )
        for version in ["1.1.0", "1.0.0", "0.2.0", "0.1.0"] {
            #expect(text.components(separatedBy: "<a name=\"\(version)\"></a>").count == 2, "one section for \(version)")
        }
        #expect(!text.contains("Edited by hand"), "the regenerated 1.0.0 section replaces the old one")
        #expect(!text.contains("Unreleased"))
    }

    // MARK: - Sections edited by hand

    @Test func aSectionEditedByHandIsKeptWithANote() throws {
        try sandbox.write("repo/CHANGELOG.md", Self.handWritten)
        let result = try sandbox.changelog("--setversion", "1.0.0", "-C", "CHANGELOG.md")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try sandbox.read("repo/CHANGELOG.md") == Self.handWritten)
        #expect(
            result.stderr == "changelog: kept the 1.0.0 section of CHANGELOG.md as it is: it differs from what would be generated "
                + "(edited by hand?); --force regenerates it\n")
    }

    @Test func forceRegeneratesASectionEditedByHand() throws {
        try sandbox.write("repo/CHANGELOG.md", Self.handWritten)
        let result = try sandbox.changelog("--setversion", "1.0.0", "-C", "CHANGELOG.md", "--force")
        #expect(result.status == 0, "\(result.stderr)")
        let text = try sandbox.read("repo/CHANGELOG.md")
        #expect(!text.contains("Edited by hand"))
        #expect(text.contains("<a name=\"1.0.0\"></a>\n## [1.0.0]"))
        #expect(result.stderr == "changelog: wrote 1.0.0 to CHANGELOG.md\n")
    }

    @Test func anIdenticalSectionIsANoOp() throws {
        try sandbox.write("repo/CHANGELOG.md", Self.handWritten)
        #expect(try sandbox.changelog("--setversion", "1.1.0", "-C", "CHANGELOG.md").status == 0)
        let once = try sandbox.read("repo/CHANGELOG.md")
        let again = try sandbox.changelog("--setversion", "1.1.0", "-C", "CHANGELOG.md")
        #expect(again.status == 0)
        #expect(again.stderr == "changelog: CHANGELOG.md already holds what would be written; nothing changed\n")
        #expect(try sandbox.read("repo/CHANGELOG.md") == once)
    }

    @Test func allKeepsEditedSectionsAndSaysHowMany() throws {
        try sandbox.write("repo/CHANGELOG.md", Self.handWritten)
        let result = try sandbox.changelog("--all", "--setversion", "1.1.0", "-C", "CHANGELOG.md")
        #expect(result.status == 0, "\(result.stderr)")
        let text = try sandbox.read("repo/CHANGELOG.md")
        #expect(text.contains("Edited by hand after the release."))
        for version in ["1.1.0", "1.0.0", "0.2.0", "0.1.0"] {
            #expect(text.components(separatedBy: "<a name=\"\(version)\"></a>").count == 2, "one section for \(version)")
        }
        #expect(
            result.stderr.contains(
                "changelog: kept 1 section of CHANGELOG.md that differs from what would be generated "
                    + "(edited by hand?): 1.0.0; --force regenerates it\n"))
        #expect(result.stderr.contains("changelog: wrote 1.1.0, 0.2.0, 0.1.0 to CHANGELOG.md\n"))
    }

    @Test func theUnreleasedSectionIsAlwaysRegenerated() throws {
        try sandbox.write("repo/CHANGELOG.md", "# Changelog\n\n## Unreleased\n\nWritten by hand, replaced on the next run.\n")
        let result = try sandbox.changelog("-C", "CHANGELOG.md")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!(try sandbox.read("repo/CHANGELOG.md")).contains("Written by hand"))
        #expect(!result.stderr.contains("kept"))
    }
}
