import Foundation
import Testing

@testable import ChangelogCore

/// Sections edited by hand are told apart from the ones a merge would write again.
@Suite struct ChangelogDocumentEditsTests {
    static let generated = """
        <a name="1.1.0"></a>
        ## [1.1.0](https://example.com/compare/v1.0.0...v1.1.0) (2026-11-21)

        #### Features

        * add the thing

        """

    static let document = "# Changelog\n\n" + generated + "\n<a name=\"1.0.0\"></a>\n## 1.0.0 (2026-01-01)\n\n* old\n"

    @Test func aSectionAsAMergeWritesItIsNoEdit() {
        let document = ChangelogDocument(text: Self.document)
        #expect(!document.hasEditedSection(for: .version(SemanticVersion(major: 1, minor: 1, patch: 0)), comparedWith: Self.generated))
        // Surrounding blank lines do not count: the merge drops them too.
        #expect(
            !document.hasEditedSection(
                for: .version(SemanticVersion(major: 1, minor: 1, patch: 0)),
                comparedWith: "\n\n" + Self.generated + "\n\n"))
    }

    @Test func aChangedLineIsAnEdit() {
        let edited = Self.document.replacingOccurrences(of: "* add the thing", with: "* add the thing (thanks, Ada!)")
        let document = ChangelogDocument(text: edited)
        #expect(document.hasEditedSection(for: .version(SemanticVersion(major: 1, minor: 1, patch: 0)), comparedWith: Self.generated))
    }

    @Test func crlfDocumentsCompareWithCRLFSections() {
        let crlf = Self.document.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(
            !ChangelogDocument(text: crlf).hasEditedSection(
                for: .version(SemanticVersion(major: 1, minor: 1, patch: 0)),
                comparedWith: Self.generated))
    }

    @Test func unreleasedAndMissingSectionsAreNeverEdits() {
        let text = "# Changelog\n\n## Unreleased\n\nby hand\n"
        let document = ChangelogDocument(text: text)
        #expect(!document.hasEditedSection(for: .unreleased, comparedWith: "## Unreleased\n\n* generated\n"))
        #expect(!document.hasEditedSection(for: .version(SemanticVersion(major: 2, minor: 0, patch: 0)), comparedWith: "## 2.0.0\n"))
    }

    @Test func mergingKeepsEditedSectionsUnlessForced() {
        let edited = Self.document.replacingOccurrences(of: "* add the thing", with: "* add the thing, by hand")
        let document = ChangelogDocument(text: edited)
        let regenerated = Self.generated.replacingOccurrences(of: "* add the thing", with: "* add the thing\n* and more")
        let sections = [
            (
                text: "<a name=\"1.0.0\"></a>\n## 1.0.0 (2026-01-01)\n\n* old\n",
                key: SectionKey.version(SemanticVersion(major: 1, minor: 0, patch: 0))
            ),
            (text: regenerated, key: SectionKey.version(SemanticVersion(major: 1, minor: 1, patch: 0))),
            (text: "## 1.2.0 (2026-11-22)\n\n* new\n", key: SectionKey.version(SemanticVersion(major: 1, minor: 2, patch: 0))),
        ]
        let kept = document.merging(sections, keepingEdited: true)
        #expect(kept.kept == [.version(SemanticVersion(major: 1, minor: 1, patch: 0))])
        let text = String(decoding: kept.bytes, as: UTF8.self)
        #expect(text.contains("* add the thing, by hand"))
        #expect(!text.contains("* and more"))
        #expect(text.contains("## 1.2.0 (2026-11-22)"))
        let forced = document.merging(sections, keepingEdited: false)
        #expect(forced.kept.isEmpty)
        #expect(forced.bytes == document.merging(sections))
        #expect(String(decoding: forced.bytes, as: UTF8.self).contains("* and more"))
    }
}
