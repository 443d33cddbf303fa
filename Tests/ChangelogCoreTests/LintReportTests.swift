import Testing

@testable import ChangelogCore

@Suite struct LintReportTests {
    private static let idA = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
    private static let idB = "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f"
    private static let idC = "9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d"

    private func lint(
        _ message: String, id: String?, parents: Int = 1, _ configure: (inout LintOptions) -> Void = { _ in }
    ) -> LintResult {
        var options = LintOptions()
        configure(&options)
        return CommitLinter(options: options).lint(message: message, id: id, parentCount: parents, stripComments: id == nil)
    }

    /// A failing commit, an ignored merge and a valid commit.
    private var mixed: [LintResult] {
        [
            lint("feature: add the export command\nIt exports.", id: Self.idA),
            lint("Merge branch 'topic'", id: Self.idB, parents: 2),
            lint("fix(parser)!: reject empty scopes\n\nBREAKING CHANGE: `feat(): x` is an error", id: Self.idC),
        ]
    }

    // MARK: Text

    @Test func textWithoutColour() {
        #expect(
            LintReport.text(mixed, color: false) == """
                ✖ 1a2b3c4d feature: add the export command
                  type-enum (line 1, column 1): type 'feature' is not allowed; did you mean 'feat'? Write 'feat: add the export command'; allowed types: feat, fix, perf, refactor, docs, style, test, build, ci, chore, revert
                    feature: add the export command
                    ^
                  body-leading-blank (line 2, column 1): the body must begin one blank line after the header; insert an empty line after line 1
                    It exports.
                    ^

                ○ 5e6f7a8b Merge branch 'topic' (ignored: merge)

                checked 3 commits: 1 failed, 1 ignored

                """)
    }

    @Test func textWithColour() {
        let text = LintReport.text(mixed, color: true)
        #expect(text.hasPrefix("\u{1B}[31m✖\u{1B}[0m \u{1B}[1m1a2b3c4d\u{1B}[0m feature: add the export command\n"))
        #expect(text.contains("  \u{1B}[31mtype-enum\u{1B}[0m (line 1, column 1): "))
        #expect(text.contains("\n    \u{1B}[31m^\u{1B}[0m\n"))
        #expect(text.contains("\u{1B}[2m○ 5e6f7a8b Merge branch 'topic' (ignored: merge)\u{1B}[0m\n"))
        #expect(text.hasSuffix("\u{1B}[31mchecked 3 commits: 1 failed, 1 ignored\u{1B}[0m\n"))
        let clean = LintReport.text([lint("fix: x", id: Self.idA)], color: true)
        #expect(clean == "\u{1B}[32mchecked 1 commit: 0 failed, 0 ignored\u{1B}[0m\n")
        #expect(!LintReport.text(mixed, color: false).contains("\u{1B}"))
    }

    @Test func allValidCommits() {
        let results = [lint("fix: x", id: Self.idA), lint("feat: y", id: Self.idB)]
        #expect(LintReport.text(results, color: false) == "checked 2 commits: 0 failed, 0 ignored\n")
        #expect(LintReport.text([], color: false) == "checked 0 commits: 0 failed, 0 ignored\n")
    }

    @Test func severalFailuresAreSeparatedByBlankLines() {
        let results = [
            lint("add a", id: Self.idA),
            lint("fix:b", id: Self.idB),
        ]
        #expect(
            LintReport.text(results, color: false) == """
                ✖ 1a2b3c4d add a
                  header-format (line 1, column 4): expected ': ' after the type 'add'; write the header as 'type(scope): description' with a type such as feat or fix, e.g. 'feat: add a'
                    add a
                       ^

                ✖ 5e6f7a8b fix:b
                  separator (line 1, column 5): missing space after ':'; the type must be followed by ': ' (colon and space), e.g. 'fix: b'
                    fix:b
                        ^

                checked 2 commits: 2 failed, 0 ignored

                """)
    }

    @Test func messageFile() {
        let bad = lint("feature: x\n# Please enter the commit message\n", id: nil)
        #expect(
            LintReport.text([bad], color: false) == """
                ✖ message feature: x
                  type-enum (line 1, column 1): type 'feature' is not allowed; did you mean 'feat'? Write 'feat: x'; allowed types: feat, fix, perf, refactor, docs, style, test, build, ci, chore, revert
                    feature: x
                    ^

                the message has 1 problem

                """)
        let two = lint("feature: x\nbody", id: nil)
        #expect(LintReport.summary([two]) == "the message has 2 problems")
        #expect(LintReport.text([lint("feat: x\n\n# comment", id: nil)], color: false) == "the message is valid\n")
        #expect(
            LintReport.text([lint("fixup! feat: x", id: nil)], color: false) == """
                ○ message fixup! feat: x (ignored: fixup)

                the message is ignored (fixup)

                """)
    }

    // MARK: Carets

    @Test func caretUnderWideCharacters() {
        let cjk = lint("fix: 修复日志的时区问题", id: Self.idA) { $0.headerMaxLength = 8 }
        let lines = LintReport.text([cjk], color: false).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2] == "    fix: 修复日志的时区问题")
        // Column 9 is '志': 'fix: ' takes 5 terminal columns and '修复日' 6.
        #expect(lines[3] == "    " + String(repeating: " ", count: 11) + "^")

        let emoji = lint("feat: 🎉👍🏽 party", id: Self.idA) { $0.headerMaxLength = 8 }
        let emojiLines = LintReport.text([emoji], color: false).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(emojiLines[3] == "    " + String(repeating: " ", count: 10) + "^")
    }

    @Test func caretKeepsTabsAndReachesPastTheEnd() {
        #expect(LintReport.caretPadding("\tab", column: 3) == "\t ")
        #expect(LintReport.caretPadding("feat:", column: 6) == "     ")
        #expect(LintReport.caretPadding("ab", column: 5) == "    ")
        #expect(LintReport.caretPadding("abc", column: 1) == "")
    }

    @Test(
        arguments: [
            ("a", 1), ("é", 1), ("e\u{301}", 1), ("日", 2), ("한", 2), ("Ａ", 2), ("。", 2), ("🎉", 2), ("👍🏽", 2),
            ("❤️", 2), ("❤", 1), ("🇫🇷", 2), ("👨‍👩‍👧", 2), ("\u{200B}", 0), ("\u{3000}", 2), ("ｱ", 1), ("→", 1),
        ] as [(Character, Int)])
    func displayWidth(_ character: Character, _ width: Int) {
        #expect(LintReport.displayWidth(character) == width)
    }

    // MARK: GitHub

    @Test func githubWorkflowCommands() {
        #expect(
            LintReport.github(mixed) == """
                ::error title=type-enum::1a2b3c4d feature: add the export command: type 'feature' is not allowed; did you mean 'feat'? Write 'feat: add the export command'; allowed types: feat, fix, perf, refactor, docs, style, test, build, ci, chore, revert
                ::error title=body-leading-blank::1a2b3c4d feature: add the export command: the body must begin one blank line after the header; insert an empty line after line 1
                checked 3 commits: 1 failed, 1 ignored

                """)
        #expect(LintReport.github([lint("fix: x", id: nil)]) == "the message is valid\n")
    }

    @Test func githubEscaping() {
        #expect(LintReport.escapeData("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b")
        #expect(LintReport.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
        let percent = lint("fix 100%", id: Self.idA)
        let line = LintReport.github([percent]).split(separator: "\n").first ?? ""
        #expect(line == "::error title=separator::1a2b3c4d fix 100%25: expected ': ' after the type; write 'fix: 100%25'")
    }

    // MARK: JSON

    @Test func json() {
        #expect(
            LintReport.json(mixed) == #"""
                {
                  "checked": 3,
                  "failed": 1,
                  "results": [
                    {
                      "id": "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b",
                      "header": "feature: add the export command",
                      "valid": false,
                      "kind": "conventional",
                      "ignored": false,
                      "errors": [
                        {
                          "rule": "type-enum",
                          "message": "type 'feature' is not allowed; did you mean 'feat'? Write 'feat: add the export command'; allowed types: feat, fix, perf, refactor, docs, style, test, build, ci, chore, revert",
                          "line": 1,
                          "column": 1
                        },
                        {
                          "rule": "body-leading-blank",
                          "message": "the body must begin one blank line after the header; insert an empty line after line 1",
                          "line": 2,
                          "column": 1
                        }
                      ],
                      "commit": {
                        "type": "feature",
                        "scope": null,
                        "subject": "add the export command",
                        "breaking": false,
                        "breakingNote": null
                      }
                    },
                    {
                      "id": "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f",
                      "header": "Merge branch 'topic'",
                      "valid": true,
                      "kind": "merge",
                      "ignored": true,
                      "errors": [],
                      "commit": null
                    },
                    {
                      "id": "9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d",
                      "header": "fix(parser)!: reject empty scopes",
                      "valid": true,
                      "kind": "conventional",
                      "ignored": false,
                      "errors": [],
                      "commit": {
                        "type": "fix",
                        "scope": "parser",
                        "subject": "reject empty scopes",
                        "breaking": true,
                        "breakingNote": "`feat(): x` is an error"
                      }
                    }
                  ]
                }

                """#)
    }

    @Test func jsonForAMessageFileAndEscaping() {
        let result = lint("fix: say \"hi\"\n\tand\\more", id: nil)
        #expect(
            LintReport.json([result]) == #"""
                {
                  "checked": 1,
                  "failed": 1,
                  "results": [
                    {
                      "id": null,
                      "header": "fix: say \"hi\"",
                      "valid": false,
                      "kind": "conventional",
                      "ignored": false,
                      "errors": [
                        {
                          "rule": "body-leading-blank",
                          "message": "the body must begin one blank line after the header; insert an empty line after line 1",
                          "line": 2,
                          "column": 1
                        }
                      ],
                      "commit": {
                        "type": "fix",
                        "scope": null,
                        "subject": "say \"hi\"",
                        "breaking": false,
                        "breakingNote": null
                      }
                    }
                  ]
                }

                """#)
        #expect(LintReport.json([]) == "{\n  \"checked\": 0,\n  \"failed\": 0,\n  \"results\": []\n}\n")
    }

    @Test func failedCountsNeitherValidNorIgnored() {
        let ignoredButLinted = lint("Merge branch 'x'", id: Self.idA, parents: 2)
        #expect(LintReport.failedCount([ignoredButLinted]) == 0)
        #expect(LintReport.failedCount(mixed) == 1)
    }
}
