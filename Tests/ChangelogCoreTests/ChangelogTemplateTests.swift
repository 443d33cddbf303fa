import Dispatch
import Foundation
import Testing

@testable import ChangelogCore

private let links = LinkContext(repositoryURL: "https://github.com/acme/widget", style: .github)

private func release(_ messages: [(String, String)], version: String? = "1.4.0", contributors: [Contributor] = []) -> Release {
    Release(
        version: version.flatMap(SemanticVersion.init), tag: version.map { "v" + $0 }, previousTag: "v1.3.0",
        head: version == nil ? "HEAD" : nil, date: Timestamp(gitDate: "2026-11-21T12:00:00Z")!,
        sections: ReleaseComposer().sections(for: messages.map { CoreCommitFactory.commit($0.0, $0.1) }),
        contributors: contributors)
}

/// A context value as text, as the renderer writes it.
private func text(_ value: Any?) -> String? { (value as? TemplateContext.Text)?.value }

private func render(_ text: String, _ release: Release, links: LinkContext = links) throws -> String {
    try ChangelogTemplate(text: text, file: "t.mustache").render(release, links: links)
}

@Suite("ChangelogTemplate")
struct ChangelogTemplateTests {
    /// A section `--setversion VERSION` names with a string that is no version keeps that name.
    @Test func aNamedSectionIsNamedAndAnchoredByItsName() throws {
        var named = release([("00000001", "fix: a")], version: nil)
        named.name = "VERSION"
        let context = TemplateContext.release(named, links: links, subtitle: nil)
        #expect(text(context.child(named: "name")) == "VERSION")
        #expect(text(context.child(named: "anchor")) == "VERSION")
        let unreleased = TemplateContext.release(release([("00000001", "fix: a")], version: nil), links: links, subtitle: nil)
        #expect(text(unreleased.child(named: "anchor")) == "unreleased")
    }

    /// `--all` renders releases on every core with one template, each thread on a parse of its
    /// own: whichever copy a thread gets, and however many render at once, the text is the same.
    @Test func renderingOnManyThreadsAtOnceGivesTheSameText() throws {
        let template = try ChangelogTemplate(
            text: "## {{name}}\n{{#sections}}{{#commits}}- {{subject}} ({{link}})\n{{/commits}}{{/sections}}", file: "t.mustache")
        let releases = (0..<64).map { release([(String(format: "%08x", $0 + 1), "fix: change \($0)")], version: "1.\($0).0") }
        let expected = releases.map { template.render($0, links: links) }
        #expect(expected[5].hasPrefix("## 1.5.0\n- change 5 (["), "\(expected[5])")
        let results = ResultSlots(count: releases.count * 8)
        DispatchQueue.concurrentPerform(iterations: releases.count * 8) { index in
            results.set(index, template.render(releases[index % releases.count], links: links))
        }
        for index in 0..<releases.count * 8 { #expect(results.get(index) == expected[index % releases.count]) }
    }

    @Test func contextHasTheJSONKeysAndTheLinks() throws {
        let context = TemplateContext.release(
            release([("00000001", "feat(api): a\n\nCloses #12")]), links: links, subtitle: "Codename")
        #expect(text(context.child(named: "version")) == "1.4.0")
        #expect(text(context.child(named: "tag")) == "v1.4.0")
        #expect(text(context.child(named: "previousTag")) == "v1.3.0")
        #expect(text(context.child(named: "name")) == "1.4.0")
        #expect(text(context.child(named: "subtitle")) == "Codename")
        #expect(text(context.child(named: "compareURL")) == "https://github.com/acme/widget/compare/v1.3.0...v1.4.0")
        #expect(context.child(named: "nothing") == nil)
        let sections = try #require(context.child(named: "sections") as? [TemplateContext.SectionObject])
        #expect(sections.map { text($0.child(named: "title")) } == ["Features"])
        let commit = try #require((sections[0].child(named: "commits") as? [TemplateContext.CommitObject])?.first)
        #expect(text(commit.child(named: "url")) == "https://github.com/acme/widget/commit/" + CoreCommitFactory.id("00000001").hex)
        #expect(text(commit.child(named: "scope")) == "api")
        let reference = try #require((commit.child(named: "references") as? [TemplateContext.ReferenceObject])?.first)
        #expect(text(reference.child(named: "url")) == "https://github.com/acme/widget/issues/12")
        #expect(commit.child(named: "body") is TemplateContext.Null)
        #expect(commit.child(named: "indentedNote") is TemplateContext.Null)
        // A commit answers its section's breakingChanges, as the lookup would find it below.
        #expect(commit.child(named: "breakingChanges") as? Bool == false)
        let breaking = TemplateContext.release(release([("00000002", "feat!: b")]), links: links, subtitle: nil)
        let sectionsOfBreaking = try #require(breaking.child(named: "sections") as? [TemplateContext.SectionObject])
        #expect(
            sectionsOfBreaking.map { section in
                (section.child(named: "commits") as? [TemplateContext.CommitObject])?.map { $0.child(named: "breakingChanges") as? Bool }
            } == [[true], [false]])
    }

    /// `link`: the hash and the references as the built-in layout writes them, linked or not.
    @Test func linksAreWrittenAsTheBuiltInLayoutWritesThem() throws {
        let one = release([("00000001", "fix: a\n\nCloses #3\nRefs o/r#4\nCloses !5")])
        let template = "{{#sections}}{{#commits}}{{link}}{{#references}} {{link}}{{/references}}{{/commits}}{{/sections}}"
        let id = CoreCommitFactory.id("00000001")
        #expect(
            try render(template, one, links: LinkContext(repositoryURL: "https://gitlab.com/o/w", style: .gitlab))
                == "[00000001](https://gitlab.com/o/w/-/commit/\(id.hex)) [#3](https://gitlab.com/o/w/-/issues/3) "
                + "[o/r#4](https://gitlab.com/o/r/-/issues/4) [!5](https://gitlab.com/o/w/-/merge_requests/5)\n\n")
        #expect(try render(template, one, links: LinkContext(repositoryURL: nil, style: .github)) == "00000001 #3 o/r#4 !5\n\n")
        let markdown = MarkdownRenderer(links: links).render(one)
        let commitLink = try render("{{#sections}}{{#commits}}{{link}}{{/commits}}{{/sections}}", one).dropLast(2)
        let referenceLinks = try render("{{#sections}}{{#commits}}{{#references}}{{link}}|{{/references}}{{/commits}}{{/sections}}", one)
        #expect(markdown.contains("* a (\(commitLink), closes "))
        for link in referenceLinks.dropLast(2).split(separator: "|") { #expect(markdown.contains(link)) }
    }

    @Test func aMultiLineNoteIsIndentedAsTheBuiltInLayoutDoes() {
        #expect(TemplateContext.indented("first\n\n- a\n  b") == "  first\n\n  - a\n    b")
    }

    @Test func rendersAReleaseAsMarkdownWithoutEscaping() throws {
        let text = """
            ## {{name}} ({{date}})
            {{#sections}}
            ### {{title}}
            {{#commits}}
            - {{#scope}}{{scope}}: {{/scope}}{{subject}} [{{shortId}}]({{url}})
            {{/commits}}
            {{/sections}}
            {{#contributors}}
            @{{name}}{{#firstTime}} (new){{/firstTime}}
            {{/contributors}}
            """
        let out = try render(
            text,
            release(
                [("00000001", "feat(api): a <b> & \"c\""), ("00000002", "fix: d")],
                contributors: [Contributor(name: "Ada", email: "a@x"), Contributor(name: "Grace", email: "g@x", isFirstTime: true)]))
        let url = "https://github.com/acme/widget/commit/"
        #expect(
            out == """
                ## 1.4.0 (2026-11-21)
                ### Features
                - api: a <b> & "c" [00000001](\(url)\(CoreCommitFactory.id("00000001")))
                ### Bug Fixes
                - d [00000002](\(url)\(CoreCommitFactory.id("00000002")))
                @Ada
                @Grace (new)


                """)
    }

    /// Every key of a commit, asked twice and inside sections of their own: a commit's values are
    /// computed when asked, from its section's entries, so each must come from its own entry.
    @Test func everyCommitKeyRendersItsOwnEntrysValue() throws {
        let text = """
            {{#sections}}
            # {{title}} {{breakingChanges}}
            {{#commits}}
            {{id}} {{shortId}} {{type}}/{{scope}}/{{component}} {{subject}}|{{body}}|{{breaking}}|{{breakingNote}}
            {{author.name}} <{{author.email}}> {{date}} {{url}} {{link}} {{breakingChanges}}
            {{#footers}}{{token}}={{value}};{{/footers}}{{#references}}{{action}} {{issue}} {{url}} {{link}};{{/references}}
            {{#alsoIn}}also {{.}};{{/alsoIn}}{{#indentedNote}}{{.}}{{/indentedNote}}{{^url}}-{{/url}}{{#url}}[{{shortId}}]({{url}}){{/url}}
            {{/commits}}
            {{/sections}}
            """
        var one = release([
            ("00000001", "feat(api)!: a  b\n\nbody\n\nBREAKING CHANGE: gone\nReviewed-by: Grace\nCloses #3"),
            ("00000002", "fix: c\n\nRefs o/r#4"),
        ])
        one.sections[2].entries[0].alsoIn = [SemanticVersion("1.3.1")!]
        let (a, b) = (CoreCommitFactory.id("00000001").hex, CoreCommitFactory.id("00000002").hex)
        let url = "https://github.com/acme/widget"
        #expect(one.sections.map(\.title) == ["Breaking Changes", "Features", "Bug Fixes"])
        let commit = (a: "\(url)/commit/\(a)", b: "\(url)/commit/\(b)")
        // The breaking commit is listed twice, with the same values in each section but its own.
        let first = { (breakingSection: Bool) in
            """
            \(a) 00000001 feat/api/api a b|body|true|gone
            Ada Lovelace <ada@example.com> 2026-11-21T09:30:00+01:00 \(commit.a) [00000001](\(commit.a)) \(breakingSection)
            BREAKING CHANGE=gone;Reviewed-by=Grace;Closes=3;Closes 3 \(url)/issues/3 [#3](\(url)/issues/3);
              gone[00000001](\(commit.a))
            """
        }
        #expect(
            try render(text, one) == """
                # Breaking Changes true
                \(first(true))
                # Features false
                \(first(false))
                # Bug Fixes false
                \(b) 00000002 fix// c|Refs o/r#4|false|
                Ada Lovelace <ada@example.com> 2026-11-21T09:30:00+01:00 \(commit.b) [00000002](\(commit.b)) false

                also 1.3.1;[00000002](\(commit.b))


                """)
    }

    @Test func aNullIsNotLookedUpInTheEnclosingObjects() throws {
        let unlinked = LinkContext(repositoryURL: nil, style: .github)
        let out = try render(
            "{{#sections}}{{#commits}}{{#references}}[{{issue}}]({{url}}){{/references}}{{/commits}}{{/sections}}",
            release([("00000001", "fix: a\n\nCloses #3")]), links: unlinked)
        #expect(out == "[3]()\n\n")
        #expect(try render("{{^compareURL}}none{{/compareURL}} {{repository}}.", release([]), links: unlinked) == "none .\n\n")
    }

    @Test func unreleasedHasANameAndNoVersion() throws {
        #expect(
            try render("{{name}} {{^version}}-{{/version}} {{compareURL}}", release([], version: nil))
                == "Unreleased - https://github.com/acme/widget/compare/v1.3.0...HEAD\n\n")
    }

    @Test func transformsAndHTMLEscapingOnRequest() throws {
        let one = release([("00000001", "fix: a <b>")], contributors: [Contributor(name: "Ada", email: "a@x")])
        #expect(
            try render("{{lowercased(name)}} {{uppercased(date)}} {{count(contributors)}}", release([], version: nil))
                == "unreleased 2026-11-21 0\n\n")
        #expect(try render("{{^empty(contributors)}}{{#contributors}}{{name}}{{/contributors}}{{/empty(contributors)}}", one) == "Ada\n\n")
        #expect(
            try render("{{% CONTENT_TYPE: HTML }}{{#sections}}{{#commits}}{{subject}}|{{{subject}}}{{/commits}}{{/sections}}", one)
                == "a &lt;b&gt;|a <b>\n\n")
    }

    @Test func nothingRenderedAddsNothing() throws {
        #expect(try render("{{#version}}{{/version}}\n\n", release([])) == "")
    }

    @Test func syntaxErrorsNameTheLineAndColumnOfTheFile() throws {
        let error = #expect(throws: TemplateError.self) {
            try ChangelogTemplate(text: "## {{name}}\n\n{{#sections}}\n  {{/commits}}\n", file: "changelog.mustache")
        }
        #expect(error?.file == "changelog.mustache")
        #expect(error?.line == 4)
        #expect(error?.description.hasPrefix("changelog.mustache:4:") == true)
        #expect(error?.description.contains("\n") == false)
        let unfinished = #expect(throws: TemplateError.self) { try ChangelogTemplate(text: "a {{name", file: "x") }
        #expect(unfinished?.line == 1)
    }

    /// A tag the text ends inside is said so, not with the parser's word for it ("overflow").
    @Test(arguments: ["{{ version", "{{{version}}", "## {{#sections}}\n{{title"])
    func aTagLeftOpenIsSaidInWords(_ text: String) throws {
        let error = try #require(throws: TemplateError.self) { try ChangelogTemplate(text: text, file: "t.mustache") }
        #expect(error.reason == "the template ends inside a tag; close the tag with }} (}}} after {{{)")
        #expect(!error.description.contains("overflow"))
        #expect(error.description.hasPrefix("t.mustache:\(text.contains("\n") ? 2 : 1):"))
    }

    /// No partials are loaded: a template is one file, and `{{> name}}` renders nothing, as the
    /// Mustache spec says of a partial that cannot be found.
    @Test func aPartialRendersNothing() throws {
        #expect(try render("a{{> header}}b\n", release([("00000001", "feat: x")])) == "ab\n\n")
    }
}

/// Results written by several threads, each to its own slot.
private final class ResultSlots: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var slots: [String?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: String) {
        lock.wait()
        slots[index] = value
        lock.signal()
    }

    func get(_ index: Int) -> String? {
        lock.wait()
        defer { lock.signal() }
        return slots[index]
    }
}
