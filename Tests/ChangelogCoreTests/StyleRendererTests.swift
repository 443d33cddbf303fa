import Testing

@testable import ChangelogCore

private func c(_ short: String, _ message: String) -> ParsedCommit {
    CoreCommitFactory.commit(short, message)
}

private func full(_ short: String) -> String { CoreCommitFactory.id(short).hex }

private let gh = "https://github.com/o/r"

private func release(
    _ commits: [ParsedCommit], version: String? = "1.4.0", tag: String? = "v1.4.0", previous: String? = "v1.3.0",
    head: String? = nil, name: String? = nil, layout: SectionLayout = .standard
) -> Release {
    Release(
        version: version.map { SemanticVersion($0)! }, tag: tag, previousTag: previous, head: head,
        date: Timestamp(gitDate: "2026-11-21T12:00:00Z")!, sections: ReleaseComposer(layout: layout).sections(for: commits), name: name)
}

private func render(
    _ release: Release, _ style: ChangelogStyle, url: String? = gh, linkStyle: LinkStyle = .github, subtitle: String? = nil,
    categories: KeepAChangelogCategories = .standard
) -> String {
    MarkdownRenderer(
        links: LinkContext(repositoryURL: url, style: linkStyle), subtitle: subtitle, style: style, categories: categories
    ).render(release)
}

/// Commits of every section kind: breaking (footer note of several paragraphs, and `!` alone),
/// features (a scope with two entries, one with one, unscoped), fixes with references, perf, revert.
private let everyKind = [
    c(
        "aaaa0001",
        "feat(api)!: remove the legacy flag\n\nBREAKING CHANGE: `--legacy` is gone.\n\n- use `--mode classic`\n- or drop it\n\n```sh\nwidget --mode classic\n```"
    ),
    c("aaaa0002", "feat(parser): accept footers\n\nCloses #12, #13"),
    c("aaaa0003", "feat(parser): accept scopes"),
    c("aaaa0004", "feat: add the notes command"),
    c("aaaa0005", "fix(io): close the handle\n\nFixes #3"),
    c("aaaa0006", "refactor!: drop Python 2"),
    c("aaaa0007", "perf: skip the second scan"),
]

@Suite struct ClogRendererTests {
    @Test func everySectionKindAsClogWritesIt() {
        let text = render(release(everyKind), .clog)
        let link = { (short: String) in "[\(short)](\(gh)/commit/\(full(short)))" }
        #expect(
            text == """
                <a name="1.4.0"></a>
                ## 1.4.0 (2026-11-21)


                #### Features

                *   add the notes command (\(link("aaaa0004")))
                * **api:**  remove the legacy flag (\(link("aaaa0001")))
                * **parser:**
                  *  accept footers (\(link("aaaa0002")), closes [#12](\(gh)/issues/12), [#13](\(gh)/issues/13))
                  *  accept scopes (\(link("aaaa0003")))

                #### Bug Fixes

                * **io:**  close the handle (\(link("aaaa0005")), closes [#3](\(gh)/issues/3))

                #### Performance

                *   skip the second scan (\(link("aaaa0007")))

                #### Breaking Changes

                *   drop Python 2 (\(link("aaaa0006")))
                * **api:**  remove the legacy flag (\(link("aaaa0001")))

                  `--legacy` is gone.

                  - use `--mode classic`
                  - or drop it

                  ```sh
                  widget --mode classic
                  ```

                """)
    }

    @Test func aPatchVersionIsALevelThreeHeadingAndTheSubtitleFollowsTheVersion() {
        let text = render(release([c("bbbb0001", "fix: a")], version: "0.9.2"), .clog, subtitle: "Crazy Dog")
        #expect(text.hasPrefix("<a name=\"0.9.2\"></a>\n### 0.9.2 Crazy Dog (2026-11-21)\n\n\n#### Bug Fixes\n\n*   a ("))
        #expect(text.hasSuffix("))\n"))
    }

    /// clog-lib's README example (`.subtitle("Crazy Dog").version("0.1.0")` over commits clog lists
    /// none of): the heading and its two blank lines, nothing else.
    @Test func theReadmeExampleWithNothingToList() {
        #expect(
            render(release([c("cccc0001", "docs: x")], version: "0.1.0"), .clog, subtitle: "Crazy Dog")
                == "<a name=\"0.1.0\"></a>\n## 0.1.0 Crazy Dog (2026-11-21)\n\n")
    }

    @Test func withoutARepositoryTheLinksAreTheShortHashAsClogWritesThem() {
        let text = render(release([c("dddd0001", "fix: a\n\nCloses #4")]), .clog, url: nil)
        #expect(text.contains("*   a ([dddd0001](dddd0001), closes [#4](4))\n"))
    }

    @Test func clogsOwnLinkForms() {
        let commit = [c("eeee0001", "fix: a\n\nCloses #4")]
        #expect(
            render(release(commit), .clog, linkStyle: .gitlab).contains("(\(gh)/commit/\(full("eeee0001"))), closes [#4](\(gh)/issues/4))"))
        #expect(render(release(commit), .clog, linkStyle: .stash).contains("(\(gh)/commits/\(full("eeee0001"))), closes [#4](4))"))
        #expect(render(release(commit), .clog, linkStyle: .cgit).contains("(\(gh)/commit/?id=\(full("eeee0001"))), closes [#4](4))"))
    }

    @Test func aNameGivenAsTypedIsTheAnchorAndTheHeading() {
        let text = render(release([c("ffff0001", "feat: a")], version: "0.14.2", name: "v0.14.2"), .clog)
        #expect(text.hasPrefix("<a name=\"v0.14.2\"></a>\n### v0.14.2 (2026-11-21)\n"))
        let named = render(release([c("ffff0001", "feat: a")], version: nil, tag: nil, name: "VERSION"), .clog)
        #expect(named.hasPrefix("<a name=\"VERSION\"></a>\n## VERSION (2026-11-21)\n"))
    }
}

@Suite struct KeepAChangelogRendererTests {
    @Test func everySectionKindInItsCategory() {
        let text = render(release(everyKind), .keepAChangelog)
        let link = { (short: String) in "[\(short)](\(gh)/commit/\(full(short)))" }
        #expect(
            text == """
                ## [1.4.0] - 2026-11-21

                ### Added

                - **Breaking:** **api:** remove the legacy flag (\(link("aaaa0001")))

                  `--legacy` is gone.

                  - use `--mode classic`
                  - or drop it

                  ```sh
                  widget --mode classic
                  ```

                - **parser:** accept footers (\(link("aaaa0002")), closes [#12](\(gh)/issues/12), [#13](\(gh)/issues/13))
                - **parser:** accept scopes (\(link("aaaa0003")))
                - add the notes command (\(link("aaaa0004")))

                ### Changed

                - skip the second scan (\(link("aaaa0007")))
                - **Breaking:** drop Python 2 (\(link("aaaa0006")))

                ### Fixed

                - **io:** close the handle (\(link("aaaa0005")), fixes [#3](\(gh)/issues/3))


                """)
    }

    @Test func unreleasedHasNoDateAndTheMappingIsConfigurable() throws {
        let unreleased = release([c("abcd0001", "perf: a"), c("abcd0002", "security: b")], version: nil, tag: nil, head: "HEAD")
        let mapping = try KeepAChangelogCategories.standard.adding([SectionAliases(title: "fixed", aliases: ["perf"])]).get()
        let layout = SectionLayout.standard.adding(sections: [("Security", ["security"])], components: [])
        let text = render(
            release([c("abcd0001", "perf: a"), c("abcd0002", "security: b")], version: nil, tag: nil, head: "HEAD", layout: layout),
            .keepAChangelog, categories: mapping)
        #expect(render(unreleased, .keepAChangelog).hasPrefix("## [Unreleased]\n\n### Changed\n\n- a ("))
        #expect(text.hasPrefix("## [Unreleased]\n\n### Fixed\n\n- a ("))
        #expect(text.contains("### Security\n\n- b ("))
        #expect(KeepAChangelogCategories.standard.adding([SectionAliases(title: "Nope", aliases: ["x"])]) == .failure(.init(title: "Nope")))
    }

    @Test func linkDefinitionsCompareEachReleaseWithTheOneBefore() {
        let renderer = KeepAChangelogRenderer(base: MarkdownRenderer(links: LinkContext(repositoryURL: gh, style: .github)))
        let definitions = renderer.linkDefinitions(for: [
            release([], version: nil, tag: nil, previous: "v1.4.0", head: "HEAD"),
            release([]),
            release([], version: "0.1.0", tag: "v0.1.0", previous: nil),
        ])
        #expect(definitions.map(\.label) == ["unreleased", "1.4.0", "0.1.0"])
        #expect(
            definitions.map(\.url) == [
                "\(gh)/compare/v1.4.0...HEAD", "\(gh)/compare/v1.3.0...v1.4.0", "\(gh)/releases/tag/v0.1.0",
            ])
        let unlinked = KeepAChangelogRenderer(base: MarkdownRenderer(links: LinkContext(repositoryURL: nil, style: .github)))
        #expect(unlinked.linkDefinitions(for: [release([])]).isEmpty)
    }
}

@Suite struct ConventionalRendererTests {
    @Test func everySectionKindAsReleasePleaseWritesIt() {
        let text = render(release(everyKind), .conventional)
        let link = { (short: String) in "[\(short.prefix(7))](\(gh)/commit/\(full(short)))" }
        #expect(
            text == """
                ## [1.4.0](\(gh)/compare/v1.3.0...v1.4.0) (2026-11-21)


                ### ⚠ BREAKING CHANGES

                * drop Python 2
                * **api:** `--legacy` is gone.

                  - use `--mode classic`
                  - or drop it

                  ```sh
                  widget --mode classic
                  ```

                ### Features

                * add the notes command (\(link("aaaa0004")))
                * **api:** remove the legacy flag (\(link("aaaa0001")))
                * **parser:** accept footers (\(link("aaaa0002"))), closes [#12](\(gh)/issues/12) [#13](\(gh)/issues/13)
                * **parser:** accept scopes (\(link("aaaa0003")))


                ### Bug Fixes

                * **io:** close the handle (\(link("aaaa0005"))), closes [#3](\(gh)/issues/3)


                ### Performance Improvements

                * skip the second scan (\(link("aaaa0007")))


                """)
    }

    @Test func withoutARepositoryNothingIsLinked() {
        let text = render(release([c("abcd1234", "fix: a")]), .conventional, url: nil, subtitle: "Spring")
        #expect(text == "## 1.4.0 Spring (2026-11-21)\n\n\n### Bug Fixes\n\n* a (abcd123)\n\n")
    }
}
