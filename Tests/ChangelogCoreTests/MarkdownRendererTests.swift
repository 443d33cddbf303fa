import Testing

@testable import ChangelogCore

private func c(_ short: String, _ message: String) -> ParsedCommit {
    CoreCommitFactory.commit(short, message)
}

private func full(_ short: String) -> String { CoreCommitFactory.id(short).hex }

private let gh = "https://github.com/o/r"

private func release(
    _ commits: [ParsedCommit], version: String? = "1.4.0", tag: String? = "v1.4.0", previous: String? = "v1.3.0",
    head: String? = nil, layout: SectionLayout = .standard
) -> Release {
    Release(
        version: version.map { SemanticVersion($0)! }, tag: tag, previousTag: previous, head: head,
        date: "2026-11-21", sections: ReleaseComposer(layout: layout).sections(for: commits))
}

private func render(_ release: Release, url: String? = gh, style: LinkStyle = .github, subtitle: String? = nil) -> String {
    MarkdownRenderer(links: LinkContext(repositoryURL: url, style: style), subtitle: subtitle).render(release)
}

/// The layout rules every rendered section must keep.
private func expectWellFormed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (number, line) in lines.enumerated() {
        #expect(
            !line.hasSuffix(" ") && !line.hasSuffix("\t"), "trailing blank on line \(number + 1): '\(line)'",
            sourceLocation: sourceLocation)
        #expect(!line.contains("\t"), "tab on line \(number + 1)", sourceLocation: sourceLocation)
        if !line.hasPrefix("  ") {
            #expect(!line.contains("  "), "double space on line \(number + 1): '\(line)'", sourceLocation: sourceLocation)
        }
    }
    #expect(text.hasSuffix("\n\n"), "ends with a blank line", sourceLocation: sourceLocation)
    #expect(!text.hasSuffix("\n\n\n"), "ends with exactly one blank line", sourceLocation: sourceLocation)
    #expect(!text.contains("\n\n\n"), "no double blank lines", sourceLocation: sourceLocation)
}

@Suite("MarkdownRenderer")
struct MarkdownRendererTests {
    static let example = [
        c("1a2b3c4d", "refactor(api)!: remove the legacy flag\n\nBREAKING CHANGE: The note text of the BREAKING CHANGE footer."),
        c("5e6f7a8b", "feat(parser): accept multi-line footers\n\nCloses #12"),
        c("9c0d1e2f", "feat: add the notes command"),
        c("3a4b5c6d", "fix: keep the trailing newline"),
        c("7e8f9a0b", "chore: bump dependencies"),
    ]

    // MARK: Whole sections

    @Test("docs/contract.md's example, linked to GitHub")
    func designExample() {
        let text = render(release(Self.example))
        #expect(
            text == """
                <a name="1.4.0"></a>
                ## [1.4.0](https://github.com/o/r/compare/v1.3.0...v1.4.0) (2026-11-21)

                #### Breaking Changes

                * **api:** remove the legacy flag ([1a2b3c4d](https://github.com/o/r/commit/\(full("1a2b3c4d"))))

                  The note text of the BREAKING CHANGE footer.

                #### Features

                * **parser:** accept multi-line footers ([5e6f7a8b](https://github.com/o/r/commit/\(full("5e6f7a8b"))), closes [#12](https://github.com/o/r/issues/12))
                * add the notes command ([9c0d1e2f](https://github.com/o/r/commit/\(full("9c0d1e2f"))))

                #### Bug Fixes

                * keep the trailing newline ([3a4b5c6d](https://github.com/o/r/commit/\(full("3a4b5c6d"))))


                """)
        expectWellFormed(text)
    }

    @Test("Without a repository URL: no links anywhere")
    func unlinked() {
        let text = render(release(Self.example), url: nil)
        #expect(
            text == """
                <a name="1.4.0"></a>
                ## 1.4.0 (2026-11-21)

                #### Breaking Changes

                * **api:** remove the legacy flag (1a2b3c4d)

                  The note text of the BREAKING CHANGE footer.

                #### Features

                * **parser:** accept multi-line footers (5e6f7a8b, closes #12)
                * add the notes command (9c0d1e2f)

                #### Bug Fixes

                * keep the trailing newline (3a4b5c6d)


                """)
        expectWellFormed(text)
    }

    @Test("An empty release renders only its heading, followed by one blank line")
    func emptyRelease() {
        let empty = release([c("00000001", "chore: nothing to see"), c("00000002", "Merge branch 'x'")])
        #expect(empty.sections.isEmpty)
        #expect(
            render(empty) == """
                <a name="1.4.0"></a>
                ## [1.4.0](https://github.com/o/r/compare/v1.3.0...v1.4.0) (2026-11-21)


                """)
        #expect(render(empty, url: nil) == "<a name=\"1.4.0\"></a>\n## 1.4.0 (2026-11-21)\n\n")
        #expect(!render(empty).contains("####"))
    }

    // MARK: The heading

    @Test("Heading: no compare link without a previous tag, with or without a repository URL")
    func headingFirstRelease() {
        let first = release([], version: "0.1.0", tag: "v0.1.0", previous: nil)
        #expect(render(first) == "<a name=\"0.1.0\"></a>\n## 0.1.0 (2026-11-21)\n\n")
        #expect(render(first, url: nil) == "<a name=\"0.1.0\"></a>\n## 0.1.0 (2026-11-21)\n\n")
    }

    @Test("Heading: the subtitle follows the version, inside the link")
    func headingSubtitle() {
        let r = release([])
        #expect(
            render(r, subtitle: "Crimson Falcon")
                == "<a name=\"1.4.0\"></a>\n## [1.4.0 Crimson Falcon](https://github.com/o/r/compare/v1.3.0...v1.4.0) (2026-11-21)\n\n")
        #expect(render(r, url: nil, subtitle: "Crimson Falcon") == "<a name=\"1.4.0\"></a>\n## 1.4.0 Crimson Falcon (2026-11-21)\n\n")
        // An empty subtitle is no subtitle.
        #expect(render(r, subtitle: "") == render(r))
        #expect(MarkdownRenderer(links: LinkContext(repositoryURL: nil, style: .github), subtitle: "").subtitle == nil)
    }

    @Test("Heading: Unreleased has its own anchor and compares the previous tag with HEAD")
    func headingUnreleased() {
        let unreleased = release([c("00000001", "fix: a")], version: nil, tag: nil, previous: "v1.3.0", head: "HEAD")
        let text = render(unreleased)
        #expect(
            text.hasPrefix(
                "<a name=\"unreleased\"></a>\n## [Unreleased](https://github.com/o/r/compare/v1.3.0...HEAD) (2026-11-21)\n\n#### Bug Fixes\n\n"
            ))
        #expect(render(unreleased, url: nil).hasPrefix("<a name=\"unreleased\"></a>\n## Unreleased (2026-11-21)\n\n"))
        // Another --to revision.
        let toMain = release([], version: nil, tag: nil, previous: "v1.3.0", head: "main")
        #expect(
            render(toMain) == "<a name=\"unreleased\"></a>\n## [Unreleased](https://github.com/o/r/compare/v1.3.0...main) (2026-11-21)\n\n")
        // Nothing released yet: nothing to compare with.
        let nothing = release([], version: nil, tag: nil, previous: nil, head: "HEAD")
        #expect(render(nothing) == "<a name=\"unreleased\"></a>\n## Unreleased (2026-11-21)\n\n")
    }

    @Test("Heading: a version's tag wins over head, and the anchor is the version without prefix")
    func headingTagWinsOverHead() {
        let r = release([], version: "2.0.0-rc.1", tag: "2.0.0-rc.1", previous: "1.9.0", head: "HEAD")
        #expect(
            render(r) == "<a name=\"2.0.0-rc.1\"></a>\n## [2.0.0-rc.1](https://github.com/o/r/compare/1.9.0...2.0.0-rc.1) (2026-11-21)\n\n")
    }

    @Test("A trailing slash on the repository URL is dropped")
    func trailingSlash() {
        #expect(render(release(Self.example), url: gh + "/") == render(release(Self.example)))
        #expect(LinkContext(repositoryURL: gh + "/", style: .github).repositoryURL == gh)
    }

    // MARK: Breaking notes

    @Test("Breaking note: indented two spaces, blank lines kept without trailing spaces")
    func breakingNoteMultiline() {
        let r = release([
            c(
                "1a2b3c4d",
                """
                feat(config)!: move the settings file

                BREAKING CHANGE: the config moved.

                Migrate by running `x migrate`.
                Then delete the old file.

                Reviewed-by: Z
                """)
        ])
        let text = render(r, url: nil)
        #expect(
            text == """
                <a name="1.4.0"></a>
                ## 1.4.0 (2026-11-21)

                #### Breaking Changes

                * **config:** move the settings file (1a2b3c4d)

                  the config moved.

                  Migrate by running `x migrate`.
                  Then delete the old file.

                #### Features

                * **config:** move the settings file (1a2b3c4d)


                """)
        expectWellFormed(text)
    }

    @Test("Breaking note: the subject when only `!` marks the change")
    func breakingNoteFromSubject() {
        let text = render(release([c("1a2b3c4d", "chore!: require Swift 6")]), url: nil)
        #expect(
            text == """
                <a name="1.4.0"></a>
                ## 1.4.0 (2026-11-21)

                #### Breaking Changes

                * require Swift 6 (1a2b3c4d)

                  require Swift 6


                """)
        expectWellFormed(text)
    }

    @Test("Breaking note taken from the subject has its spaces collapsed like the subject")
    func breakingNoteFromSubjectCollapsed() {
        let text = render(release([c("1a2b3c4d", "chore!: require  Swift\t6")]), url: nil)
        #expect(text.contains("* require Swift 6 (1a2b3c4d)\n"))
        #expect(text.contains("\n  require Swift 6\n"))
        #expect(!text.contains("require  Swift"))
        #expect(!text.contains("\t"))
    }

    @Test("Several breaking changes in a row keep one blank line between them")
    func severalBreaking() {
        let text = render(
            release([
                c("00000001", "chore!: a"),
                c("00000002", "build: b\n\nBREAKING CHANGE: note b"),
                c("00000003", "fix: c"),
            ]), url: nil)
        #expect(
            text == """
                <a name="1.4.0"></a>
                ## 1.4.0 (2026-11-21)

                #### Breaking Changes

                * a (00000001)

                  a

                * b (00000002)

                  note b

                #### Bug Fixes

                * c (00000003)


                """)
        expectWellFormed(text)
    }

    // MARK: References

    @Test("References are grouped by action, in first-seen order, with duplicates dropped")
    func referencesGrouped() {
        let text = render(release([c("1a2b3c4d", "fix: a\n\nCloses #1, #2\nFixes #3\ncloses #4\nCloses #2")]))
        #expect(
            text.contains(
                "* a ([1a2b3c4d](https://github.com/o/r/commit/\(full("1a2b3c4d"))), closes [#1](https://github.com/o/r/issues/1), [#2](https://github.com/o/r/issues/2), [#4](https://github.com/o/r/issues/4), fixes [#3](https://github.com/o/r/issues/3))\n"
            ))
        let plain = render(release([c("1a2b3c4d", "fix: a\n\nCloses #1, #2\nFixes #3\nRefs: #9")]), url: nil)
        #expect(plain.contains("* a (1a2b3c4d, closes #1, #2, fixes #3, refs #9)\n"))
    }

    @Test("GitLab merge requests and issues")
    func gitlabReferences() {
        let text = render(release([c("1a2b3c4d", "feat: a\n\nCloses: !12\nFixes #3")]), url: "https://gitlab.com/o/r", style: .gitlab)
        #expect(
            text.contains(
                "* a ([1a2b3c4d](https://gitlab.com/o/r/-/commit/\(full("1a2b3c4d"))), closes [!12](https://gitlab.com/o/r/-/merge_requests/12), fixes [#3](https://gitlab.com/o/r/-/issues/3))\n"
            ))
        #expect(text.hasPrefix("<a name=\"1.4.0\"></a>\n## [1.4.0](https://gitlab.com/o/r/-/compare/v1.3.0...v1.4.0) (2026-11-21)\n"))
        // Without a URL the marker still tells merge requests from issues.
        #expect(render(release([c("1a2b3c4d", "feat: a\n\nCloses: !12")]), url: nil).contains("(1a2b3c4d, closes !12)"))
    }

    @Test("Cross-repository references link to the other repository")
    func crossRepository() {
        let github = render(release([c("1a2b3c4d", "fix: a\n\nFixes: other/lib#5")]))
        #expect(github.contains(", fixes [other/lib#5](https://github.com/other/lib/issues/5))\n"))
        let gitlab = render(release([c("1a2b3c4d", "fix: a\n\nCloses: grp/proj!7")]), url: "https://gitlab.com/o/r", style: .gitlab)
        #expect(gitlab.contains(", closes [grp/proj!7](https://gitlab.com/grp/proj/-/merge_requests/7))\n"))
        #expect(render(release([c("1a2b3c4d", "fix: a\n\nFixes: other/lib#5")]), url: nil).contains("(1a2b3c4d, fixes other/lib#5)"))
    }

    @Test(
        "Bitbucket Server (stash) and cgit have no issue links: references stay plain text",
        arguments: [
            (LinkStyle.stash, "https://stash.example.com/projects/P/repos/r"), (.cgit, "https://git.example.org/cgit/r.git"),
        ])
    func unlinkedIssues(_ style: LinkStyle, _ url: String) {
        let text = render(release([c("1a2b3c4d", "fix: a\n\nCloses #1, #2\nFixes: !3")]), url: url, style: style)
        #expect(text.contains("](\(style.commit(url, full("1a2b3c4d")))), closes #1, #2, fixes !3)\n"))
        #expect(!text.contains("[#1]"))
    }

    // MARK: Link styles

    @Test("Every link style's commit, issue and compare URLs")
    func linkStyles() {
        let id = full("1a2b3c4d")
        let issue = Reference(action: "Closes", issue: "12")
        let mr = Reference(action: "Closes", issue: "7", kind: .mergeRequest)
        let other = Reference(action: "Fixes", issue: "5", repository: "other/lib")

        let g = "https://github.com/o/r"
        #expect(LinkStyle.github.commit(g, id) == "https://github.com/o/r/commit/\(id)")
        #expect(LinkStyle.github.issue(g, issue) == "https://github.com/o/r/issues/12")
        #expect(LinkStyle.github.issue(g, mr) == "https://github.com/o/r/pull/7")
        #expect(LinkStyle.github.issue(g, other) == "https://github.com/other/lib/issues/5")
        #expect(LinkStyle.github.compare(g, from: "v1.3.0", to: "v1.4.0") == "https://github.com/o/r/compare/v1.3.0...v1.4.0")

        let l = "https://gitlab.com/o/r"
        #expect(LinkStyle.gitlab.commit(l, id) == "https://gitlab.com/o/r/-/commit/\(id)")
        #expect(LinkStyle.gitlab.issue(l, issue) == "https://gitlab.com/o/r/-/issues/12")
        #expect(LinkStyle.gitlab.issue(l, mr) == "https://gitlab.com/o/r/-/merge_requests/7")
        #expect(LinkStyle.gitlab.issue(l, other) == "https://gitlab.com/other/lib/-/issues/5")
        #expect(LinkStyle.gitlab.compare(l, from: "v1.3.0", to: "v1.4.0") == "https://gitlab.com/o/r/-/compare/v1.3.0...v1.4.0")

        let s = "https://stash.example.com/projects/P/repos/r"
        #expect(LinkStyle.stash.commit(s, id) == "\(s)/commits/\(id)")
        #expect(LinkStyle.stash.issue(s, issue) == nil)
        #expect(LinkStyle.stash.issue(s, mr) == nil)
        #expect(
            LinkStyle.stash.compare(s, from: "v1.3.0", to: "v1.4.0")
                == "\(s)/compare/diff?targetBranch=refs%2Ftags%2Fv1.3.0&sourceBranch=refs%2Ftags%2Fv1.4.0")

        let cg = "https://git.example.org/cgit/r.git"
        #expect(LinkStyle.cgit.commit(cg, id) == "\(cg)/commit/?id=\(id)")
        #expect(LinkStyle.cgit.issue(cg, issue) == nil)
        #expect(LinkStyle.cgit.compare(cg, from: "v1.3.0", to: "v1.4.0") == "\(cg)/diff/?id=v1.4.0&id2=v1.3.0")

        #expect(LinkStyle.allCases.map(\.rawValue) == ["github", "gitlab", "stash", "cgit"])
        #expect(LinkStyle(rawValue: "bitbucket") == nil)
    }

    @Test(
        "Every link style in a rendered heading and entry",
        arguments: [
            (
                LinkStyle.github, "https://github.com/o/r", "https://github.com/o/r/compare/v1.3.0...v1.4.0",
                "https://github.com/o/r/commit/"
            ),
            (.gitlab, "https://gitlab.com/o/r", "https://gitlab.com/o/r/-/compare/v1.3.0...v1.4.0", "https://gitlab.com/o/r/-/commit/"),
            (
                .stash, "https://stash.example.com/projects/P/repos/r",
                "https://stash.example.com/projects/P/repos/r/compare/diff?targetBranch=refs%2Ftags%2Fv1.3.0&sourceBranch=refs%2Ftags%2Fv1.4.0",
                "https://stash.example.com/projects/P/repos/r/commits/"
            ),
            (
                .cgit, "https://git.example.org/cgit/r.git", "https://git.example.org/cgit/r.git/diff/?id=v1.4.0&id2=v1.3.0",
                "https://git.example.org/cgit/r.git/commit/?id="
            ),
        ])
    func renderedStyles(_ style: LinkStyle, _ url: String, _ compare: String, _ commitPrefix: String) {
        let text = render(release([c("1a2b3c4d", "fix: a")]), url: url, style: style)
        #expect(
            text == """
                <a name="1.4.0"></a>
                ## [1.4.0](\(compare)) (2026-11-21)

                #### Bug Fixes

                * a ([1a2b3c4d](\(commitPrefix)\(full("1a2b3c4d"))))


                """)
    }

    // MARK: Text hygiene

    @Test("Runs of spaces and tabs in subjects collapse to one space")
    func collapseSpaces() {
        let text = render(
            release([
                c("00000001", "feat(ui): add  the\tdark   mode"),
                c("00000002", "fix: tab\t\tand space \t mixed"),
            ]), url: nil)
        #expect(text.contains("* **ui:** add the dark mode (00000001)\n"))
        #expect(text.contains("* tab and space mixed (00000002)\n"))
        expectWellFormed(text)
        #expect(collapsingSpaces("a  b\t\tc \t d") == "a b c d")
        #expect(collapsingSpaces("plain text") == "plain text")
        #expect(collapsingSpaces("ünïcödé  ✓") == "ünïcödé ✓")
    }

    @Test("Components are displayed by their configured name")
    func componentNames() {
        let layout = SectionLayout.standard.adding(
            sections: [(title: "Documentation", aliases: ["docs"])],
            components: [(name: "Command Line", aliases: ["cli"])])
        let text = render(release([c("00000001", "feat(cli): a"), c("00000002", "docs: b")], layout: layout), url: nil)
        #expect(
            text == """
                <a name="1.4.0"></a>
                ## 1.4.0 (2026-11-21)

                #### Features

                * **Command Line:** a (00000001)

                #### Documentation

                * b (00000002)


                """)
    }

    @Test("A release with every section is well formed; releases rendered one after another stack cleanly")
    func everythingWellFormed() {
        let commits = [
            c("00000001", "feat(api)!: a\n\nBREAKING CHANGE: first line\n\nsecond paragraph\n\nCloses #1"),
            c("00000002", "feat: b\n\nRefs #2"),
            c("00000003", "fix(io): c\n\nFixes #3, #4"),
            c("00000004", "perf: d"),
            c("00000005", "Revert \"feat: e\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567."),
            c("00000006", "chore!: f"),
        ]
        let renderer = MarkdownRenderer(links: LinkContext(repositoryURL: gh, style: .github))
        var out = ""
        renderer.render(release(commits, version: nil, tag: nil, previous: "v1.4.0", head: "HEAD"), into: &out)
        renderer.render(release(commits), into: &out)
        renderer.render(release([]), into: &out)
        expectWellFormed(out)
        #expect(out.ranges(of: "<a name=").count == 3)
        #expect(out.contains("\n\n<a name=\"1.4.0\"></a>\n"))
        #expect(out.contains("\n\n  f\n\n#### Features\n\n"))
        #expect(out.contains("\n\n  first line\n\n  second paragraph\n\n* f ([00000006]("))
        #expect(out.contains("* e ([00000005]") == false)
        #expect(out.contains("* feat: e ([00000005](https://github.com/o/r/commit/\(full("00000005"))))\n"))
    }
}
