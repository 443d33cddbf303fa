import ChangelogCore
import Testing

/// Breaking changes are a kind of section, not a title: a configured section that happens to be
/// called "Breaking Changes" lists its commits like any other section.
@Suite struct BreakingSectionKindTests {
    private func render(sectionTitled title: String) -> String {
        let commit = ParsedCommit(
            SourceCommit(
                id: CommitID(hex: String(repeating: "a", count: 40))!, message: "break: rename the flag\n",
                author: Person(name: "A", email: "a@example.com"),
                date: Timestamp(secondsSince1970: 0, offsetMinutes: 0), parentCount: 1))
        let layout = SectionLayout(definitions: [SectionLayout.Definition(title: title, types: ["break"])], componentNames: [:])
        let sections = ReleaseComposer(layout: layout).sections(for: [commit])
        #expect(sections.map(\.isBreaking) == [false])
        let release = Release(
            version: SemanticVersion("1.0.0"), tag: "v1.0.0", previousTag: nil, head: "HEAD", date: "2026-12-01",
            sections: sections)
        return MarkdownRenderer(links: LinkContext(repositoryURL: nil, style: .github), subtitle: nil).render(release)
    }

    @Test func aConfiguredSectionWithTheBreakingTitleListsCommits() {
        let ordinary = render(sectionTitled: "Breaks")
        #expect(ordinary.contains("rename the flag"))
        #expect(render(sectionTitled: "Breaking Changes") == ordinary.replacing("#### Breaks", with: "#### Breaking Changes"))
    }

    @Test func theComposersBreakingSectionIsOfTheBreakingKind() {
        let commit = ParsedCommit(
            SourceCommit(
                id: CommitID(hex: String(repeating: "b", count: 40))!, message: "feat!: drop the flag\n",
                author: Person(name: "A", email: "a@example.com"),
                date: Timestamp(secondsSince1970: 0, offsetMinutes: 0), parentCount: 1))
        let sections = ReleaseComposer().sections(for: [commit])
        #expect(sections.map(\.isBreaking) == [true, false])
        #expect(sections.first?.title == "Breaking Changes")
    }
}
