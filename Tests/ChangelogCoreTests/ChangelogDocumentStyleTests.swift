import Testing

@testable import ChangelogCore

private let gh = "https://github.com/o/r"

private func section(_ version: String?, _ style: ChangelogStyle, name: String? = nil, previous: String = "v1.3.0") -> String {
    let commits = [
        CoreCommitFactory.commit("abcd0001", "feat(api): add \(name ?? version ?? "more")"),
        CoreCommitFactory.commit("abcd0002", "fix: repair \(name ?? version ?? "more")"),
    ]
    let release = Release(
        version: version.map { SemanticVersion($0)! }, tag: version.map { "v\($0)" }, previousTag: previous,
        head: version == nil ? "HEAD" : nil, date: Timestamp(gitDate: "2026-11-21T12:00:00Z")!,
        sections: ReleaseComposer().sections(for: commits), name: name)
    return MarkdownRenderer(links: LinkContext(repositoryURL: gh, style: .github), style: style).render(release)
}

private func key(_ version: String) -> SectionKey { .version(SemanticVersion(version)!) }

/// Each style's sections are found again in a file, merged where they belong, and a rerun changes nothing.
@Suite struct ChangelogDocumentStyleTests {
    @Test(arguments: ChangelogStyle.allCases)
    func eachStylesSectionsAreFoundAndMergedInVersionOrder(_ style: ChangelogStyle) {
        let intro = "# Changelog\n\nHand-written intro, kept.\n\n"
        let older = section("1.3.0", style, previous: "v1.2.0")
        var bytes = ChangelogDocument(text: intro).merging(older, for: key("1.3.0"))
        let document = ChangelogDocument(bytes: bytes)
        #expect(document.sections.map(\.key) == [key("1.3.0")])
        bytes = document.merging([(section("1.4.0", style), key("1.4.0")), (section(nil, style, previous: "v1.4.0"), .unreleased)])
        let merged = ChangelogDocument(bytes: bytes)
        #expect(merged.sections.map(\.key) == [.unreleased, key("1.4.0"), key("1.3.0")])
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix(intro))
        // Rerunning both merges, one at a time or as a batch, is a no-op.
        #expect(merged.merging(section("1.4.0", style), for: key("1.4.0")) == bytes)
        #expect(merged.merging([(section("1.3.0", style, previous: "v1.2.0"), key("1.3.0"))]) == bytes)
        #expect(merged.merging(section(nil, style, previous: "v1.4.0"), for: .unreleased) == bytes)
    }

    @Test(arguments: ChangelogStyle.allCases)
    func aNamedSectionIsFoundByItsAnchorAndHeadingAndGoesOnTop(_ style: ChangelogStyle) {
        let existing = section("1.3.0", style, previous: "v1.2.0")
        let named = section(nil, style, name: "api-v1.2.3")
        var bytes = ChangelogDocument(text: existing).merging(named, for: .named("api-v1.2.3"))
        let document = ChangelogDocument(bytes: bytes)
        #expect(document.sections.map(\.key) == [.named("api-v1.2.3"), key("1.3.0")])
        #expect(document.merging(named, for: .named("api-v1.2.3")) == bytes)
        #expect(document.merging([(named, .named("api-v1.2.3"))]) == bytes)
        // `1.2` is no version: a name too.
        bytes = document.merging(section(nil, style, name: "1.2"), for: .named("1.2"))
        #expect(ChangelogDocument(bytes: bytes).sections.map(\.key) == [.named("1.2"), .named("api-v1.2.3"), key("1.3.0")])
        // An anchor the heading does not repeat makes no section.
        #expect(ChangelogDocument(text: "<a name=\"top\"></a>\n# Changelog\n").sections.isEmpty)
    }

    @Test func aSectionWithoutAnAnchorKeepsTheOneItsHeadingWasFoundUnder() {
        let existing = "# Changelog\n\n<a name=\"1.4.0\"></a>\n\n## [1.4.0] - 2020-01-01\n\n- old\n"
        let text = section("1.4.0", .keepAChangelog)
        let document = ChangelogDocument(text: existing)
        let merged = document.merging(text, for: key("1.4.0"))
        var trimmed = text
        while trimmed.hasSuffix("\n") { trimmed.removeLast() }
        #expect(String(decoding: merged, as: UTF8.self) == "# Changelog\n\n<a name=\"1.4.0\"></a>\n\n" + trimmed + "\n")
        #expect(ChangelogDocument(bytes: merged).merging(text, for: key("1.4.0")) == merged)
        #expect(document.merging([(text, key("1.4.0"))]) == merged)
    }

    @Test func clogsTypedVPrefixIsTheVersionsSectionAndItsAnchorIsKept() {
        let clogs = "<a name=\"v0.14.2\"></a>\n### v0.14.2 (2020-01-01)\n\n\n#### Bug Fixes\n\n*   old ([1](1))\n"
        let document = ChangelogDocument(text: clogs)
        #expect(document.sections.map(\.key) == [key("0.14.2")])
        let regenerated = section("0.14.2", .clog, name: "v0.14.2")
        let merged = String(decoding: document.merging(regenerated, for: key("0.14.2")), as: UTF8.self)
        #expect(merged.hasPrefix("<a name=\"v0.14.2\"></a>\n### v0.14.2 (2026-11-21)\n"))
    }
}

@Suite struct LinkDefinitionTests {
    private let base = "# Changelog\n\n## [Unreleased]\n\n## [1.3.0] - 2026-01-01\n\n- x\n"

    @Test func aBlockIsStartedAtTheEndAndARerunChangesNothing() {
        let bytes = ChangelogDocument(text: base).settingLinkDefinitions([
            ("unreleased", "\(gh)/compare/v1.3.0...HEAD"), ("1.3.0", "\(gh)/releases/tag/v1.3.0"),
        ])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == base + "\n[unreleased]: \(gh)/compare/v1.3.0...HEAD\n[1.3.0]: \(gh)/releases/tag/v1.3.0\n")
        let again = ChangelogDocument(bytes: bytes)
        #expect(
            again.settingLinkDefinitions([("unreleased", "\(gh)/compare/v1.3.0...HEAD"), ("1.3.0", "\(gh)/releases/tag/v1.3.0")]) == bytes)
    }

    @Test func aNewVersionGoesBelowUnreleasedAndAboveLowerVersionsAndUnreleasedMoves() {
        let existing =
            base + "\n[Unreleased]: \(gh)/compare/v1.3.0...HEAD\n[1.3.0]: \(gh)/compare/v1.2.0...v1.3.0\n[other]: https://example.org\n"
        let bytes = ChangelogDocument(text: existing).settingLinkDefinitions([
            ("unreleased", "\(gh)/compare/v1.4.0...HEAD"), ("1.4.0", "\(gh)/compare/v1.3.0...v1.4.0"),
        ])
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == base
                + "\n[Unreleased]: \(gh)/compare/v1.4.0...HEAD\n[1.4.0]: \(gh)/compare/v1.3.0...v1.4.0\n"
                + "[1.3.0]: \(gh)/compare/v1.2.0...v1.3.0\n[other]: https://example.org\n")
    }

    @Test func crlfFilesGetCRLFDefinitionsAndAnUnterminatedLastLineIsEnded() {
        let crlf = "# Changelog\r\n\r\n## [1.3.0] - 2026-01-01\r\n\r\n[1.3.0]: a"
        let bytes = ChangelogDocument(text: crlf).settingLinkDefinitions([("1.2.0", "b")])
        #expect(String(decoding: bytes, as: UTF8.self) == crlf + "\r\n[1.2.0]: b\r\n")
    }
}
