import ChangelogCore
import Testing

/// `[changelog] contributors = true` closes each release with its contributors, in every style.
@Suite struct ContributorsBlockTests {
    private let release = Release(
        version: SemanticVersion("1.4.0"), tag: "v1.4.0", previousTag: "v1.3.0", head: nil,
        date: Timestamp(gitDate: "2026-11-21T12:00:00Z")!,
        sections: ReleaseComposer().sections(for: [CoreCommitFactory.commit("00000001", "feat: a")]),
        contributors: [
            Contributor(name: "Ada", email: "ada@example.com"),
            Contributor(name: "", email: "new@example.com", isFirstTime: true),
        ])

    private func render(_ style: ChangelogStyle, shows: Bool = true) -> String {
        MarkdownRenderer(links: LinkContext(repositoryURL: nil, style: .github), style: style, showsContributors: shows).render(release)
    }

    @Test(arguments: [
        (ChangelogStyle.default, "\n#### Contributors\n\n* Ada\n* new@example.com (first contribution)\n\n"),
        (.clog, "\n\n#### Contributors\n\n*   Ada\n*   new@example.com (first contribution)\n"),
        (.conventional, "\n\n### Contributors\n\n* Ada\n* new@example.com (first contribution)\n\n"),
        (.keepAChangelog, "\n### Contributors\n\n- Ada\n- new@example.com (first contribution)\n\n"),
    ])
    func eachStyleEndsWithItsContributors(style: ChangelogStyle, block: String) {
        let text = render(style)
        #expect(text.hasSuffix(block), "\(text)")
        #expect(text.hasPrefix(render(style, shows: false)), "the block is added after the section as it was")
    }

    @Test(arguments: [ChangelogStyle.default, .clog, .conventional, .keepAChangelog])
    func noBlockUnlessAsked(style: ChangelogStyle) {
        #expect(!render(style, shows: false).contains("Contributors"))
    }
}
