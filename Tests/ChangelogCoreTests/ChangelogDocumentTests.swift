import Testing

@testable import ChangelogCore

private func merge(_ text: String, _ section: String, for key: SectionKey) -> String {
    String(decoding: ChangelogDocument(text: text).merging(section, for: key), as: UTF8.self)
}

private func keys(_ text: String) -> [SectionKey] {
    ChangelogDocument(text: text).sections.map(\.key)
}

/// Merges twice and checks the second merge changes nothing; returns the first result.
private func mergeIdempotent(
    _ bytes: [UInt8], _ section: String, for key: SectionKey,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [UInt8] {
    let once = ChangelogDocument(bytes: bytes).merging(section, for: key)
    let twice = ChangelogDocument(bytes: once).merging(section, for: key)
    #expect(once == twice, "merging twice changed the document", sourceLocation: sourceLocation)
    #expect(
        ChangelogDocument(bytes: once).sections.filter { $0.key == key }.count == 1,
        sourceLocation: sourceLocation)
    return once
}

private let ourFile = """
    # Changelog

    All notable changes to this project are documented here.

    <a name="1.4.0"></a>
    ## [1.4.0](https://github.com/o/r/compare/v1.3.0...v1.4.0) (2026-11-21)

    #### Features

    * **parser:** accept multi-line footers

    <a name="1.3.0"></a>
    ## [1.3.0](https://github.com/o/r/compare/v1.2.0...v1.3.0) (2026-10-01)

    #### Bug Fixes

    * fix things

    """

private let keepAChangelog = """
    # Changelog
    All notable changes to this project will be documented in this file.

    The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).

    ## [Unreleased]
    ### Added
    - Something new.

    ## [1.0.0] - 2017-06-20
    ### Added
    - First release.

    ## [0.9.0] - 2017-01-01
    ### Fixed
    - A bug.

    [unreleased]: https://github.com/o/r/compare/v1.0.0...HEAD
    [1.0.0]: https://github.com/o/r/compare/v0.9.0...v1.0.0
    [0.9.0]: https://github.com/o/r/releases/tag/v0.9.0

    """

@Suite struct ChangelogDocumentTests {
    // MARK: Recognition

    /// clog's layout has no title: a byte order mark an editor saved puts it before the first anchor.
    @Test func aByteOrderMarkBeforeTheFirstAnchorStaysAndHidesNoSection() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let file =
            bom + Array("<a name=\"unreleased\"></a>\n## Unreleased (2026-12-01)\n\n#### Bug Fixes\n\n* b\n\n".utf8)
            + Array("<a name=\"1.0.0\"></a>\n## 1.0.0 (2026-12-01)\n\n#### Features\n\n* a\n".utf8)
        #expect(ChangelogDocument(bytes: file).sections.map(\.key) == [.unreleased, version("1.0.0")])
        let released = mergeIdempotent(
            file, "<a name=\"1.0.1\"></a>\n## 1.0.1 (2026-12-02)\n\n#### Bug Fixes\n\n* b\n", for: version("1.0.1"))
        #expect(released.starts(with: bom + Array("<a name=\"1.0.1\"></a>\n".utf8)))
        #expect(!String(decoding: released, as: UTF8.self).contains("unreleased"))
        #expect(ChangelogDocument(bytes: released).sections.map(\.key) == [version("1.0.1"), version("1.0.0")])
    }

    @Test func recognisesOurFormatStartingAtTheAnchor() throws {
        let document = ChangelogDocument(text: ourFile)
        #expect(document.sections.map(\.key) == [version("1.4.0"), version("1.3.0")])
        let first = try #require(document.sections.first)
        let text = Array(ourFile.utf8)
        #expect(String(decoding: text[first.range], as: UTF8.self).hasPrefix("<a name=\"1.4.0\"></a>\n## [1.4.0]"))
        #expect(String(decoding: text[first.range], as: UTF8.self).hasSuffix("footers\n"))
        #expect(first.headingLine == "## [1.4.0](https://github.com/o/r/compare/v1.3.0...v1.4.0) (2026-11-21)")
        #expect(document.sections[1].range.upperBound == text.count)
    }

    @Test(arguments: [
        ("<a name=\"v1.4.0\"></a>\n## v1.4.0 (2026-11-21)\n", "1.4.0"),
        ("<a id=\"1.4.0\"></a>\n\n\n## 1.4.0 (2026-11-21)\n", "1.4.0"),
        ("<a name='1.4.0'/>\n## 1.4.0\n", "1.4.0"),
        ("<A NAME=1.4.0></A>\n# 1.4.0\n", "1.4.0"),
        ("<a name=\"1.4.0\"></a>\n## First stable release\n", "1.4.0"),
        ("## [1.4.0] - 2026-11-21\n", "1.4.0"),
        ("## 1.4.0\n", "1.4.0"),
        ("## v1.4.0 (2026-11-21)\n", "1.4.0"),
        ("### [1.4.0](https://x/compare/v1.3.0...v1.4.0) (2026-11-21)\n", "1.4.0"),
        ("# [1.4.0](https://x) (2026-11-21)\n", "1.4.0"),
        ("   ## 1.4.0-rc.1+build.5: the candidate\n", "1.4.0-rc.1"),
        ("## [v1.4.0]\n", "1.4.0"),
        ("## 1.4.0 ##\n", "1.4.0"),
    ])
    func recognisesVersionHeadings(_ text: String, _ expected: String) {
        let document = ChangelogDocument(text: "# Changelog\n\n" + text + "\n* entry\n")
        #expect(document.sections.map(\.key) == [version(expected)])
        #expect(document.sections.first?.range.lowerBound == 13)
    }

    @Test(arguments: [
        "## [Unreleased]\n", "## Unreleased\n", "## unreleased changes\n", "## [UNRELEASED](https://x/compare/v1.0.0...HEAD)\n",
        "<a name=\"unreleased\"></a>\n## Unreleased (2026-11-21)\n", "<a name=\"Unreleased\"></a>\n## Upcoming\n",
    ])
    func recognisesUnreleasedHeadings(_ text: String) {
        #expect(keys("# Changelog\n\n" + text + "\n* entry\n") == [.unreleased])
    }

    @Test(arguments: [
        "#### 1.4.0\n", "##1.4.0\n", "    ## 1.4.0\n", "## 1.4\n", "## Version 1.4.0\n", "## 01.4.0\n",
        "<a name=\"1.4.0\"></a>\nsome text\n", "## 1.4.0abc\n", "## Released\n",
        "<!--\n## 1.4.0\n-->\n", "<!-- ## 1.4.0 -->\n",
    ])
    func ignoresNonReleaseLines(_ text: String) {
        #expect(keys("# Changelog\n\n" + text) == [])
    }

    @Test func headingsInsideCodeFencesAreNotSections() {
        let text = """
            # Changelog

            ## 1.1.0

            Example of the format:

            ```markdown
            ## 1.0.0
            ```

            ~~~~
            ## 0.9.0
            ```
            ## 0.8.0
            ~~~~

              ```
            ## 0.7.0
              ```

            ## 0.6.0

            """
        #expect(keys(text) == [version("1.1.0"), version("0.6.0")])

        // Merging 1.0.0 must insert a new section, not touch the fenced example.
        let merged = merge(text, rendered("1.0.0"), for: version("1.0.0"))
        #expect(keys(merged) == [version("1.1.0"), version("1.0.0"), version("0.6.0")])
        #expect(merged.contains("```markdown\n## 1.0.0\n```\n"))
        #expect(merged.contains("  ```\n\n" + rendered("1.0.0") + "\n## 0.6.0\n"))
    }

    @Test func unclosedFenceHidesTheRest() {
        #expect(keys("## 1.0.0\n```\n## 0.9.0\n") == [version("1.0.0")])
    }

    @Test func lastSectionStopsBeforeTrailingLinkDefinitions() throws {
        let document = ChangelogDocument(text: keepAChangelog)
        #expect(document.sections.map(\.key) == [.unreleased, version("1.0.0"), version("0.9.0")])
        let last = try #require(document.sections.last)
        #expect(String(decoding: document.bytes[last.range], as: UTF8.self) == "## [0.9.0] - 2017-01-01\n### Fixed\n- A bug.\n")
        // A middle section ends at its last non-blank line.
        #expect(
            String(decoding: document.bytes[document.sections[1].range], as: UTF8.self)
                == "## [1.0.0] - 2017-06-20\n### Added\n- First release.\n")
    }

    // MARK: Missing or sectionless files

    @Test func missingFileGetsATitle() {
        #expect(
            ChangelogDocument(bytes: []).merging(rendered("1.0.0"), for: version("1.0.0"))
                == Array(("# Changelog\n\n" + rendered("1.0.0")).utf8))
        #expect(merge("\n \n", rendered("1.0.0"), for: version("1.0.0")) == "# Changelog\n\n" + rendered("1.0.0"))
    }

    @Test func fileWithoutSectionsGetsTheSectionAtTheEnd() {
        let section = rendered("1.0.0")
        #expect(merge("# Changelog\n", section, for: version("1.0.0")) == "# Changelog\n\n" + section)
        #expect(merge("# Changelog", section, for: version("1.0.0")) == "# Changelog\n\n" + section)
        #expect(merge("# Changelog\n\n", section, for: version("1.0.0")) == "# Changelog\n\n" + section)
        #expect(merge("# Changelog\n\n\n", section, for: version("1.0.0")) == "# Changelog\n\n" + section + "\n")
        let intro = "# Changelog\n\nHand-written intro,\nover two lines.\n"
        #expect(merge(intro, section, for: version("1.0.0")) == intro + "\n" + section)
        // Link definitions stay at the bottom even without sections.
        let withLinks = "# Changelog\n\nSee [keep].\n\n[keep]: https://keepachangelog.com\n"
        #expect(
            merge(withLinks, section, for: version("1.0.0"))
                == "# Changelog\n\nSee [keep].\n\n" + section + "\n[keep]: https://keepachangelog.com\n")
    }

    @Test func blankSectionChangesNothing() {
        #expect(merge(ourFile, "\n\n", for: version("2.0.0")) == ourFile)
    }

    // MARK: Replacing

    @Test func replacesTheSameVersionKeepingEveryOtherByte() throws {
        let original = Array(ourFile.utf8)
        let old = try #require(ChangelogDocument(bytes: original).section(for: version("1.4.0")))
        let section = rendered("1.4.0", "regenerated")
        let merged = mergeIdempotent(original, section, for: version("1.4.0"))
        #expect(merged == Array(original[..<old.range.lowerBound]) + Array(section.utf8) + Array(original[old.range.upperBound...]))
        #expect(keys(String(decoding: merged, as: UTF8.self)) == [version("1.4.0"), version("1.3.0")])
    }

    @Test func replacesTheLastSectionBeforeLinkDefinitions() {
        let merged = merge(keepAChangelog, "## [0.9.0] - 2017-01-01\n### Fixed\n- Two bugs.\n", for: version("0.9.0"))
        #expect(merged == keepAChangelog.replacingOccurrences("- A bug.", "- Two bugs."))
    }

    @Test func releasingReplacesUnreleased() {
        let section = "## [1.1.0] - 2026-11-21\n### Added\n- Something new.\n"
        let merged = String(decoding: mergeIdempotent(Array(keepAChangelog.utf8), section, for: version("1.1.0")), as: UTF8.self)
        #expect(merged == keepAChangelog.replacingOccurrences("## [Unreleased]\n", "## [1.1.0] - 2026-11-21\n"))
        #expect(keys(merged) == [version("1.1.0"), version("1.0.0"), version("0.9.0")])
        #expect(
            merged.hasSuffix(
                "- A bug.\n\n[unreleased]: https://github.com/o/r/compare/v1.0.0...HEAD\n[1.0.0]: https://github.com/o/r/compare/v0.9.0...v1.0.0\n[0.9.0]: https://github.com/o/r/releases/tag/v0.9.0\n"
            ))
    }

    @Test func unreleasedReplacesUnreleased() {
        let merged = merge(keepAChangelog, "## [Unreleased]\n### Fixed\n- Pending fix.\n", for: .unreleased)
        #expect(
            merged
                == keepAChangelog.replacingOccurrences(
                    "### Added\n- Something new.\n\n## [1.0.0]", "### Fixed\n- Pending fix.\n\n## [1.0.0]"))
    }

    @Test func replacementAddsMissingBlankLines() {
        let text = "# Changelog\n## 1.1.0\n* a\n## 1.0.0\n* b"
        let merged = mergeIdempotent(Array(text.utf8), "## 1.1.0\n* new\n", for: version("1.1.0"))
        #expect(String(decoding: merged, as: UTF8.self) == "# Changelog\n\n## 1.1.0\n* new\n\n## 1.0.0\n* b")
        let last = merge(text, "## 1.0.0\n* new\n", for: version("1.0.0"))
        #expect(last == "# Changelog\n## 1.1.0\n* a\n\n## 1.0.0\n* new\n")
    }

    @Test func surroundingBlankLinesOfTheSectionAreIgnored() {
        let merged = mergeIdempotent(Array(ourFile.utf8), "\n\n" + rendered("1.4.0") + "\n\n", for: version("1.4.0"))
        #expect(
            String(decoding: merged, as: UTF8.self)
                == ourFile.replacingOccurrences(
                    "## [1.4.0](https://github.com/o/r/compare/v1.3.0...v1.4.0) (2026-11-21)\n\n#### Features\n\n* **parser:** accept multi-line footers",
                    "## [1.4.0](https://github.com/o/r/compare/v0.0.0...v1.4.0) (2026-11-21)\n\n#### Features\n\n* entry 1.4.0"))
    }

    // MARK: Inserting

    @Test func insertsANewVersionOnTopBelowTheIntro() {
        let merged = String(decoding: mergeIdempotent(Array(ourFile.utf8), rendered("1.5.0"), for: version("1.5.0")), as: UTF8.self)
        #expect(merged == ourFile.replacingOccurrences("here.\n\n", "here.\n\n" + rendered("1.5.0") + "\n"))
        #expect(keys(merged) == [version("1.5.0"), version("1.4.0"), version("1.3.0")])
    }

    @Test func insertsAPatchBetweenItsNeighbours() {
        let merged = String(decoding: mergeIdempotent(Array(ourFile.utf8), rendered("1.3.1"), for: version("1.3.1")), as: UTF8.self)
        #expect(merged == ourFile.replacingOccurrences("footers\n\n", "footers\n\n" + rendered("1.3.1") + "\n"))
        #expect(keys(merged) == [version("1.4.0"), version("1.3.1"), version("1.3.0")])
    }

    @Test func insertsTheOldestAfterTheLastSection() {
        let merged = String(decoding: mergeIdempotent(Array(ourFile.utf8), rendered("1.2.0"), for: version("1.2.0")), as: UTF8.self)
        #expect(merged == ourFile + "\n" + rendered("1.2.0"))
    }

    @Test func insertsTheOldestBeforeTrailingLinkDefinitions() {
        let section = "## [0.8.0] - 2016-01-01\n### Added\n- Prototype.\n"
        let merged = String(decoding: mergeIdempotent(Array(keepAChangelog.utf8), section, for: version("0.8.0")), as: UTF8.self)
        #expect(merged == keepAChangelog.replacingOccurrences("- A bug.\n\n", "- A bug.\n\n" + section + "\n"))
        // Link definitions right after the last section get a blank line before them.
        let tight = "## 1.0.0\n* a\n[1.0.0]: https://x\n"
        #expect(merge(tight, "## 0.9.0\n* b\n", for: version("0.9.0")) == "## 1.0.0\n* a\n\n## 0.9.0\n* b\n\n[1.0.0]: https://x\n")
    }

    @Test func releaseGoesAboveItsPrerelease() {
        let text = "# Changelog\n\n" + rendered("1.4.0-rc.1") + "\n" + rendered("1.3.0")
        let merged = String(decoding: mergeIdempotent(Array(text.utf8), rendered("1.4.0"), for: version("1.4.0")), as: UTF8.self)
        #expect(merged == "# Changelog\n\n" + rendered("1.4.0") + "\n" + rendered("1.4.0-rc.1") + "\n" + rendered("1.3.0"))
        // And a later candidate goes above the earlier one, but below the release of a higher line.
        let rc2 = merge(merged, rendered("1.4.0-rc.2"), for: version("1.4.0-rc.2"))
        #expect(keys(rc2) == [version("1.4.0"), version("1.4.0-rc.2"), version("1.4.0-rc.1"), version("1.3.0")])
    }

    @Test func unreleasedStaysOnTop() {
        let text = "# Changelog\n\n## [Unreleased]\n- wip\n\n## 1.0.0\n- a\n"
        // A new Unreleased section goes on top of the versions.
        let withoutUnreleased = "# Changelog\n\n## 1.0.0\n- a\n"
        let merged = merge(withoutUnreleased, "## [Unreleased]\n- next\n", for: .unreleased)
        #expect(merged == "# Changelog\n\n## [Unreleased]\n- next\n\n## 1.0.0\n- a\n")
        // Releasing a version above every other replaces Unreleased, a prerelease too.
        #expect(merge(text, "## 1.1.0\n- a\n", for: version("1.1.0")) == "# Changelog\n\n## 1.1.0\n- a\n\n## 1.0.0\n- a\n")
        #expect(keys(merge(text, "## 2.0.0-rc.1\n- a\n", for: version("2.0.0-rc.1"))) == [version("2.0.0-rc.1"), version("1.0.0")])
        // An older version fills in history below it, and Unreleased stays on top.
        #expect(merge(text, "## 0.9.0\n- old\n", for: version("0.9.0")) == text + "\n## 0.9.0\n- old\n")
        #expect(keys(merge(text, "## 1.0.0\n- b\n", for: version("1.0.0"))) == [.unreleased, version("1.0.0")])
    }

    @Test func insertionAddsOnlyTheMissingNewlines() {
        // No blank line anywhere: both separators are added.
        #expect(
            merge("# Changelog\n## 1.0.0\n* a\n", "## 1.1.0\n* b\n", for: version("1.1.0"))
                == "# Changelog\n\n## 1.1.0\n* b\n\n## 1.0.0\n* a\n")
        // Several blank lines: the first separates, the rest follow; nothing is added.
        #expect(
            merge("# Changelog\n\n\n\n## 1.0.0\n* a\n", "## 1.1.0\n* b\n", for: version("1.1.0"))
                == "# Changelog\n\n## 1.1.0\n* b\n\n\n## 1.0.0\n* a\n")
        // A file starting with a section.
        #expect(merge("## 1.0.0\n* a\n", "## 1.1.0\n* b\n", for: version("1.1.0")) == "## 1.1.0\n* b\n\n## 1.0.0\n* a\n")
    }

    @Test func fileWithoutTrailingNewline() {
        let text = "# Changelog\n\n## 1.0.0\n\n* a fix"
        #expect(merge(text, "## 0.9.0\n* b\n", for: version("0.9.0")) == text + "\n\n## 0.9.0\n* b\n")
        #expect(merge(text, "## 1.1.0\n* b\n", for: version("1.1.0")) == "# Changelog\n\n## 1.1.0\n* b\n\n## 1.0.0\n\n* a fix")
        #expect(merge(text, "## 1.0.0\n* b\n", for: version("1.0.0")) == "# Changelog\n\n## 1.0.0\n* b\n")
        #expect(
            merge("# Changelog\n\n## 1.0.0\n\n* a fix\n  ", "## 0.9.0\n* b\n", for: version("0.9.0"))
                == "# Changelog\n\n## 1.0.0\n\n* a fix\n  \n## 0.9.0\n* b\n")
    }

    // MARK: Bytes

    @Test func crlfFilesGetCRLFSections() {
        let crlf = ourFile.replacingOccurrences("\n", "\r\n")
        let bytes = Array(crlf.utf8)
        #expect(ChangelogDocument(bytes: bytes).usesCRLF)
        #expect(ChangelogDocument(bytes: bytes).sections.map(\.key) == [version("1.4.0"), version("1.3.0")])
        for key in ["1.5.0", "1.4.0", "1.3.1", "1.2.0"] {
            let merged = mergeIdempotent(bytes, rendered(key), for: version(key))
            let text = String(decoding: merged, as: UTF8.self)
            #expect(!text.replacingOccurrences("\r\n", "").contains("\n"), "bare LF after merging \(key)")
            #expect(text.contains(rendered(key).replacingOccurrences("\n", "\r\n")))
        }
        // The body is given with LF line endings.
        #expect(ChangelogDocument(bytes: bytes).body(of: version("1.3.0")) == "#### Bug Fixes\n\n* fix things")
    }

    @Test func mostlyLFFilesStayLF() {
        let text = "# Changelog\r\n\n## 1.0.0\n* a\n"
        #expect(!ChangelogDocument(text: text).usesCRLF)
        #expect(merge(text, "## 1.1.0\n* b\n", for: version("1.1.0")) == "# Changelog\r\n\n## 1.1.0\n* b\n\n## 1.0.0\n* a\n")
    }

    /// Found by the merge fuzzer (Fuzz/Seeds/FuzzChangelogMerge/crash-line-endings-tip): the
    /// replaced section's own lines used to count, so a merge that removed LF lines tipped the file
    /// to CRLF and a rerun rewrote the section. Only the lines a merge keeps decide.
    @Test func lineEndingsAreCountedOutsideTheReplacedSection() {
        let key = version("1.0.0")
        let bytes = Array("# A\r\nb\r\nc\r\n## 1.0.0\n\n\n\nx\n".utf8)
        #expect(mergeIdempotent(bytes, "## 1.0.0\n* y\n", for: key) == Array("# A\r\nb\r\nc\r\n\r\n## 1.0.0\r\n* y\r\n".utf8))
        #expect(
            ChangelogDocument(bytes: bytes).merging([("## 1.0.0\n* y\n", key)]) == Array("# A\r\nb\r\nc\r\n\r\n## 1.0.0\r\n* y\r\n".utf8))
        #expect(
            !ChangelogDocument(text: "# A\r\nb\r\nc\r\n## 1.0.0\r\n* y\r\n").hasEditedSection(for: key, comparedWith: "## 1.0.0\n* y\n"))
        // Releasing Unreleased: the same, and the other way round.
        let unreleased = Array("# A\nb\nc\n## Unreleased\r\n\r\n\r\n\r\nx\r\n".utf8)
        #expect(mergeIdempotent(unreleased, "## 1.0.0\n* y\n", for: key) == Array("# A\nb\nc\n\n## 1.0.0\n* y\n".utf8))
        // Fuzz/Seeds/FuzzChangelogMerge/crash-stray-cr-tips: a last line ending in a stray CR becomes
        // CRLF when the merge terminates it, so it counts as CRLF from the start.
        let stray = Array("a\nb\r\n\r".utf8)
        #expect(mergeIdempotent(stray, "## 1.0.0\n* y\n", for: key) == Array("a\nb\r\n\r\r\n## 1.0.0\r\n* y\r\n".utf8))
        #expect(ChangelogDocument(bytes: stray).merging([("## 1.0.0\n* y\n", key)]) == Array("a\nb\r\n\r\r\n## 1.0.0\r\n* y\r\n".utf8))
    }

    @Test func invalidUTF8ElsewhereIsPreserved() {
        let intro: [UInt8] = Array("# Changelog\n\nCaf".utf8) + [0xE9, 0xFF] + Array(" latin-1\n\n".utf8)
        let sectionWithBadBytes: [UInt8] =
            Array("## 1.3.0 (".utf8) + [0xC3, 0x28] + Array(")\n\n* na".utf8) + [0xEF, 0xBF] + Array("ve\n".utf8)
        let bytes = intro + Array(rendered("1.4.0").utf8) + [0x0A] + sectionWithBadBytes
        let document = ChangelogDocument(bytes: bytes)
        #expect(document.sections.map(\.key) == [version("1.4.0"), version("1.3.0")])
        #expect(document.sections[1].headingLine == "## 1.3.0 (\u{FFFD}()")

        let top = mergeIdempotent(bytes, rendered("1.5.0"), for: version("1.5.0"))
        #expect(top == intro + Array(rendered("1.5.0").utf8) + [0x0A] + Array(rendered("1.4.0").utf8) + [0x0A] + sectionWithBadBytes)
        let replaced = mergeIdempotent(bytes, rendered("1.4.0", "new"), for: version("1.4.0"))
        #expect(replaced == intro + Array(rendered("1.4.0", "new").utf8) + [0x0A] + sectionWithBadBytes)
        let bottom = mergeIdempotent(bytes, rendered("1.2.0"), for: version("1.2.0"))
        #expect(bottom == bytes + [0x0A] + Array(rendered("1.2.0").utf8))
    }

    @Test func everyMergeChangesOneContiguousRegion() {
        let documents = [
            ourFile, keepAChangelog, "", "# Changelog\n", ourFile.replacingOccurrences("\n", "\r\n"),
            "## 1.0.0\n```\n## 2.0.0\n```\n",
        ]
        let keys = [version("2.0.0"), version("1.4.0"), version("1.3.1"), version("1.0.0"), version("0.1.0"), .unreleased]
        for text in documents {
            for key in keys {
                let original = Array(text.utf8)
                let merged = mergeIdempotent(original, rendered(key.description), for: key)
                let prefix = zip(original, merged).prefix { $0 == $1 }.count
                let suffix = zip(original.reversed(), merged.reversed()).prefix { $0 == $1 }.count
                // All original bytes survive except at most one replaced section.
                let removed = original.count - min(original.count, prefix + suffix)
                let replaced =
                    ChangelogDocument(bytes: original).sections.first { $0.key == key }
                    ?? (key == .unreleased ? nil : ChangelogDocument(bytes: original).sections.first { $0.key == .unreleased })
                #expect(removed <= (replaced?.range.count ?? 0), "\(key) in \(text.debugDescription)")
            }
        }
    }

    // MARK: Notes

    @Test func bodyOfASection() {
        let document = ChangelogDocument(text: ourFile)
        #expect(document.body(of: version("1.4.0")) == "#### Features\n\n* **parser:** accept multi-line footers")
        #expect(document.body(of: version("1.3.0")) == "#### Bug Fixes\n\n* fix things")
        #expect(document.body(of: version("1.0.0")) == nil)
        #expect(document.body(of: .unreleased) == nil)

        let keep = ChangelogDocument(text: keepAChangelog)
        #expect(keep.body(of: .unreleased) == "### Added\n- Something new.")
        #expect(keep.body(of: version("0.9.0")) == "### Fixed\n- A bug.")

        #expect(ChangelogDocument(text: "## 1.0.0\n\n\n## 0.9.0\n* x\n").body(of: version("1.0.0")) == "")
        #expect(
            ChangelogDocument(text: "<a name=\"1.0.0\"></a>\n\n## 1.0.0\n\n  indented\n\n* x  \n").body(of: version("1.0.0"))
                == "  indented\n\n* x  ")
    }
}

private extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
