import Testing

@testable import ChangelogCore

// MARK: Helpers

private func conventional(_ message: String, stripComments: Bool = false) -> ConventionalCommit? {
    if case .conventional(let commit) = CommitMessageParser.parse(message, stripComments: stripComments) { return commit }
    return nil
}

private func diagnostics(_ message: String, stripComments: Bool = false) -> [Diagnostic] {
    if case .invalid(let d) = CommitMessageParser.parse(message, stripComments: stripComments) { return d }
    return []
}

private func revert(_ message: String) -> Revert? {
    if case .revert(let r) = CommitMessageParser.parse(message) { return r }
    return nil
}

private func structural(_ message: String, stripComments: Bool = false) -> [Diagnostic] {
    CommitMessageParser.structuralDiagnostics(message, stripComments: stripComments)
}

private func footer(_ token: String, _ value: String, _ separator: Footer.Separator = .colon) -> Footer {
    Footer(token: token, value: value, separator: separator)
}

/// Every parser test, so that `--filter CommitMessageParserTests` selects them all.
@Suite("CommitMessageParser")
struct CommitMessageParserTests {}

// MARK: Conventional Commits 1.0.0, rule by rule

extension CommitMessageParserTests {
    @Suite("CommitMessageParser: Conventional Commits 1.0.0 rules")
    struct SpecRules {
        @Test("Rule 1: type, optional scope, optional '!', and a required ': '")
        func rule1_prefix() {
            #expect(conventional("feat: add x")?.type == "feat")
            let full = conventional("feat(parser)!: add x")
            #expect(full?.type == "feat")
            #expect(full?.scope == "parser")
            #expect(full?.isBreaking == true)
            #expect(full?.subject == "add x")
            #expect(diagnostics("feat add x").first?.rule == .separator)
            #expect(diagnostics("add x").first?.rule == .headerFormat)
            #expect(diagnostics(": add x").first?.rule == .typeEmpty)
        }

        @Test("Rule 2: the feat type")
        func rule2_feat() {
            let c = conventional("feat: allow provided config object to extend other configs")
            #expect(c?.type == "feat")
            #expect(c?.isBreaking == false)
        }

        @Test("Rule 3: the fix type")
        func rule3_fix() {
            let c = conventional("fix: array parsing issue when multiple spaces were contained in string")
            #expect(c?.type == "fix")
            #expect(c?.subject == "array parsing issue when multiple spaces were contained in string")
        }

        @Test("Rule 4: a scope is a noun in parentheses after the type, stored as written and trimmed")
        func rule4_scope() throws {
            #expect(conventional("fix(parser): x")?.scope == "parser")
            #expect(conventional("fix( parser ): x")?.scope == "parser")
            #expect(conventional("fix(Parser-Core): x")?.scope == "Parser-Core")
            #expect(conventional("feat(界面): x")?.scope == "界面")
            #expect(conventional("feat(api, cli): x")?.scope == "api, cli")
            #expect(try #require(conventional("fix: x")).scope == nil)
            #expect(diagnostics("fix(): x").first?.rule == .scopeEmpty)
            #expect(diagnostics("fix(a(b)): x").first?.rule == .headerFormat)
            #expect(diagnostics("fix(a: x").first?.rule == .headerFormat)
        }

        @Test("Rule 5: the description immediately follows ': '")
        func rule5_description() {
            #expect(conventional("fix: correct typo")?.subject == "correct typo")
            #expect(conventional("fix:   correct typo")?.subject == "correct typo")
            #expect(diagnostics("fix:correct typo").first?.rule == .separator)
            #expect(diagnostics("fix: ").first?.rule == .subjectEmpty)
            #expect(diagnostics("fix:").first?.rule == .subjectEmpty)
        }

        @Test("Rule 6: the body begins one blank line after the description")
        func rule6_body() {
            let c = conventional("fix: x\n\nThe body explains why.")
            #expect(c?.body == "The body explains why.")
            #expect(structural("fix: x\n\nThe body explains why.").isEmpty)
            // Without the blank line the text is still the body, and the structure check reports it.
            #expect(conventional("fix: x\nThe body explains why.")?.body == "The body explains why.")
            let d = structural("fix: x\nThe body explains why.")
            #expect(d.map(\.rule) == [.bodyBlankLine])
            #expect(d.first?.line == 2)
        }

        @Test("Rule 7: the body is free-form, any number of paragraphs")
        func rule7_multiParagraphBody() {
            let c = conventional("fix: x\n\nFirst paragraph\nstill first.\n\n\nSecond: with a colon\n\n  - a list\n  - item")
            #expect(c?.body == "First paragraph\nstill first.\n\n\nSecond: with a colon\n\n  - a list\n  - item")
            #expect(c?.footers == [])
        }

        @Test("Rule 8: footers one blank line after the body, with ': ' or ' #' separators")
        func rule8_footers() throws {
            let c = conventional("fix: x\n\nbody\n\nReviewed-by: Z\nRefs #133")
            #expect(c?.body == "body")
            #expect(c?.footers == [footer("Reviewed-by", "Z"), footer("Refs", "133", .hash)])
            let noBody = try #require(conventional("fix: x\n\nAcked-by: Y"))
            #expect(noBody.body == nil)
            #expect(noBody.footers == [footer("Acked-by", "Y")])
        }

        @Test("Rule 9: a token uses '-' for spaces; only BREAKING CHANGE may contain a space")
        func rule9_tokenSpaces() {
            let c = conventional("fix: x\n\nReviewed by: Z")
            #expect(c?.footers == [])
            #expect(c?.body == "Reviewed by: Z")
            let d = structural("fix: x\n\nReviewed by: Z")
            #expect(d.map(\.rule) == [.footerFormat])
            #expect(d.first?.message.contains("Reviewed-by: Z") == true)
            #expect(conventional("fix: x\n\nBREAKING CHANGE: y")?.footers == [footer("BREAKING CHANGE", "y")])
        }

        @Test("Rule 10: a value may span lines and ends at the next token/separator pair")
        func rule10_multiLineValue() {
            let c = conventional(
                "fix: x\n\nBREAKING CHANGE: the option is gone;\nuse --bar instead.\n  Indented too.\nRefs: #3\nSigned-off-by: A <a@example.com>"
            )
            #expect(
                c?.footers == [
                    footer("BREAKING CHANGE", "the option is gone;\nuse --bar instead.\n  Indented too."),
                    footer("Refs", "#3"),
                    footer("Signed-off-by", "A <a@example.com>"),
                ])
            // git-style folded continuation lines lose their common indentation.
            let folded = conventional("fix: x\n\nNote-for-packagers: rebuild\n  the cache\n  and restart")
            #expect(folded?.footers == [footer("Note-for-packagers", "rebuild\nthe cache\nand restart")])
        }

        @Test("Rule 11: breaking changes in the prefix or as a footer")
        func rule11_breakingPlaces() {
            #expect(conventional("chore!: drop Node 6")?.isBreaking == true)
            #expect(conventional("chore: drop Node 6\n\nBREAKING CHANGE: Node 6 is unsupported")?.isBreaking == true)
            #expect(conventional("chore: drop Node 6\n\nBREAKING CHANGE is mentioned in prose")?.isBreaking == false)
            #expect(conventional("chore: drop Node 6")?.isBreaking == false)
        }

        @Test("Rule 12: the footer is upper-case BREAKING CHANGE, ': ' and a description")
        func rule12_breakingFooter() {
            let c = conventional("feat: x\n\nBREAKING CHANGE: environment variables now take precedence over config files")
            #expect(c?.isBreaking == true)
            #expect(c?.breakingNote == "environment variables now take precedence over config files")
            // `BREAKING CHANGE #1` is not the breaking-change form.
            let hash = conventional("feat: x\n\nBREAKING CHANGE #1")
            #expect(hash?.isBreaking == false)
            #expect(structural("feat: x\n\nBREAKING CHANGE #1").map(\.rule) == [.footerFormat])
            // The first breaking footer gives the note.
            let two = conventional("feat: x\n\nBREAKING CHANGE: first\nBREAKING-CHANGE: second")
            #expect(two?.breakingNote == "first")
            #expect(two?.footers.count == 2)
        }

        @Test("Rule 13: '!' right before ':' marks a breaking change; the description describes it")
        func rule13_bang() throws {
            let c = try #require(conventional("refactor(runtime)!: drop support for Node 6"))
            #expect(c.isBreaking == true)
            #expect(c.breakingNote == nil)
            #expect(c.subject == "drop support for Node 6")
            #expect(try #require(conventional("refactor!: drop support for Node 6")).scope == nil)
            let misplaced = diagnostics("refactor!(runtime): drop")
            #expect(misplaced.first?.rule == .separator)
            #expect(misplaced.first?.message.contains("refactor(scope)!: ") == true)
        }

        @Test("Rule 14: types other than feat and fix are allowed")
        func rule14_otherTypes() {
            #expect(conventional("docs: updated ref docs.")?.type == "docs")
            #expect(conventional("my-team_type2: x")?.type == "my-team_type2")
        }

        @Test("Rule 15: case-insensitive, except BREAKING CHANGE which must be upper case")
        func rule15_caseInsensitive() throws {
            let c = conventional("FEAT(Parser): X\n\nCLOSES #4")
            #expect(c?.type == "feat")
            #expect(c?.scope == "Parser")
            #expect(c?.subject == "X")
            #expect(c?.references == [Reference(action: "Closes", issue: "4")])
            let lower = try #require(conventional("feat: x\n\nbreaking change: y"))
            #expect(lower.isBreaking == false)
            #expect(lower.breakingNote == nil)
            #expect(lower.footers == [footer("breaking change", "y")])
            let d = structural("feat: x\n\nbreaking change: y")
            #expect(d.map(\.rule) == [.breakingChangeCase])
            #expect(d.first?.line == 3)
            #expect(d.first?.message.contains("BREAKING CHANGE: ") == true)
            #expect(conventional("feat: x\n\nBreaking-Change: y")?.isBreaking == false)
            #expect(structural("feat: x\n\nBreaking-Change: y").map(\.rule) == [.breakingChangeCase])
        }

        @Test("Rule 16: BREAKING-CHANGE is synonymous with BREAKING CHANGE")
        func rule16_breakingHyphen() {
            let c = conventional("feat: x\n\nBREAKING-CHANGE: the API changed")
            #expect(c?.isBreaking == true)
            #expect(c?.breakingNote == "the API changed")
            #expect(c?.footers.first?.isBreakingChange == true)
        }
    }
}

// MARK: The specification's examples

struct ParserSpecExample: Sendable, CustomTestStringConvertible {
    var message: String
    var expected: ConventionalCommit
    var testDescription: String { String(message.prefix(40)) }
}

extension CommitMessageParserTests {
    @Suite("CommitMessageParser: the specification's examples")
    struct SpecExamples {
        static let examples: [ParserSpecExample] = [
            ParserSpecExample(
                message:
                    "feat: allow provided config object to extend other configs\n\nBREAKING CHANGE: `extends` key in config file is now used for extending other config files",
                expected: ConventionalCommit(
                    type: "feat", scope: nil, isBreaking: true, subject: "allow provided config object to extend other configs",
                    body: nil,
                    footers: [footer("BREAKING CHANGE", "`extends` key in config file is now used for extending other config files")],
                    breakingNote: "`extends` key in config file is now used for extending other config files", references: [])),
            ParserSpecExample(
                message: "refactor!: drop support for Node 6",
                expected: ConventionalCommit(
                    type: "refactor", scope: nil, isBreaking: true, subject: "drop support for Node 6",
                    body: nil, footers: [], breakingNote: nil, references: [])),
            ParserSpecExample(
                message: "refactor(runtime)!: drop support for Node 6",
                expected: ConventionalCommit(
                    type: "refactor", scope: "runtime", isBreaking: true, subject: "drop support for Node 6",
                    body: nil, footers: [], breakingNote: nil, references: [])),
            ParserSpecExample(
                message:
                    "refactor!: drop support for Node 6\n\nBREAKING CHANGE: refactor to use JavaScript features not available in Node 6.",
                expected: ConventionalCommit(
                    type: "refactor", scope: nil, isBreaking: true, subject: "drop support for Node 6",
                    body: nil, footers: [footer("BREAKING CHANGE", "refactor to use JavaScript features not available in Node 6.")],
                    breakingNote: "refactor to use JavaScript features not available in Node 6.", references: [])),
            ParserSpecExample(
                message: "docs: correct spelling of CHANGELOG",
                expected: ConventionalCommit(
                    type: "docs", scope: nil, isBreaking: false, subject: "correct spelling of CHANGELOG",
                    body: nil, footers: [], breakingNote: nil, references: [])),
            ParserSpecExample(
                message: "feat(lang): add polish language",
                expected: ConventionalCommit(
                    type: "feat", scope: "lang", isBreaking: false, subject: "add polish language",
                    body: nil, footers: [], breakingNote: nil, references: [])),
            ParserSpecExample(
                message: "fix: correct minor typos in code\n\nsee the issue for details\n\non typos fixed.\n\nReviewed-by: Z\nRefs #133",
                expected: ConventionalCommit(
                    type: "fix", scope: nil, isBreaking: false, subject: "correct minor typos in code",
                    body: "see the issue for details\n\non typos fixed.",
                    footers: [footer("Reviewed-by", "Z"), footer("Refs", "133", .hash)],
                    breakingNote: nil, references: [Reference(action: "Refs", issue: "133")])),
            ParserSpecExample(
                message: "revert: let us never again speak of the noodle incident\n\nRefs: 676104e, a215868",
                expected: ConventionalCommit(
                    type: "revert", scope: nil, isBreaking: false, subject: "let us never again speak of the noodle incident",
                    body: nil, footers: [footer("Refs", "676104e, a215868")], breakingNote: nil, references: [])),
        ]

        @Test(arguments: examples)
        func example(_ example: ParserSpecExample) {
            #expect(CommitMessageParser.parse(example.message) == .conventional(example.expected))
            #expect(structural(example.message).isEmpty)
        }
    }
}

// MARK: Header diagnostics

struct ParserHeaderCase: Sendable, CustomTestStringConvertible {
    var header: String
    var rule: Diagnostic.Rule
    var column: Int
    /// A piece of the suggested fix the message must contain.
    var fix: String
    var testDescription: String { header }
}

extension CommitMessageParserTests {
    @Suite("CommitMessageParser: header diagnostics")
    struct HeaderDiagnostics {
        static let cases: [ParserHeaderCase] = [
            ParserHeaderCase(header: "Update README", rule: .headerFormat, column: 7, fix: "'feat: Update README'"),
            ParserHeaderCase(header: "WIP", rule: .headerFormat, column: 4, fix: "type(scope): description"),
            ParserHeaderCase(header: "[JIRA-1] feat: x", rule: .headerFormat, column: 1, fix: "type(scope): description"),
            ParserHeaderCase(header: "✨ feat: add x", rule: .headerFormat, column: 1, fix: "type(scope): description"),
            ParserHeaderCase(header: " feat: x", rule: .headerFormat, column: 1, fix: "'feat: x'"),
            ParserHeaderCase(header: "feat(a(b)): x", rule: .headerFormat, column: 7, fix: "feat(parser)"),
            ParserHeaderCase(header: "feat(parser: x", rule: .headerFormat, column: 5, fix: "feat(scope): "),
            ParserHeaderCase(header: "feat(a)(b): x", rule: .headerFormat, column: 8, fix: "'feat(a): …'"),
            ParserHeaderCase(header: ": x", rule: .typeEmpty, column: 1, fix: "'feat: x'"),
            ParserHeaderCase(header: "(scope): x", rule: .typeEmpty, column: 1, fix: "'feat(scope): x'"),
            ParserHeaderCase(header: "!: x", rule: .typeEmpty, column: 1, fix: "'feat!: x'"),
            ParserHeaderCase(header: "feat(): x", rule: .scopeEmpty, column: 6, fix: "'feat: …'"),
            ParserHeaderCase(header: "feat(  ): x", rule: .scopeEmpty, column: 6, fix: "feat(parser)"),
            ParserHeaderCase(header: "feat:x", rule: .separator, column: 6, fix: "'feat: x'"),
            ParserHeaderCase(header: "feat:\tx", rule: .separator, column: 6, fix: "'feat: x'"),
            ParserHeaderCase(header: "feat :x", rule: .separator, column: 5, fix: "'feat: x'"),
            ParserHeaderCase(header: "feat : x", rule: .separator, column: 5, fix: "'feat: x'"),
            ParserHeaderCase(header: "feat- x", rule: .separator, column: 5, fix: "'feat: x'"),
            ParserHeaderCase(header: "feat - x", rule: .separator, column: 5, fix: "'feat: x'"),
            ParserHeaderCase(header: "feat; x", rule: .separator, column: 5, fix: "'feat: x'"),
            ParserHeaderCase(header: "fix typo in README", rule: .separator, column: 4, fix: "'fix: typo in README'"),
            ParserHeaderCase(header: "feat", rule: .separator, column: 5, fix: "'feat: "),
            ParserHeaderCase(header: "feat(parser) add x", rule: .separator, column: 13, fix: "'feat(parser): add x'"),
            ParserHeaderCase(header: "feat!!: x", rule: .separator, column: 6, fix: "'feat!: x'"),
            ParserHeaderCase(header: "feat: ", rule: .subjectEmpty, column: 6, fix: "'feat: "),
            ParserHeaderCase(header: "feat:", rule: .subjectEmpty, column: 6, fix: "'feat: "),
            ParserHeaderCase(header: "feat(ui)!:", rule: .subjectEmpty, column: 11, fix: "'feat(ui)!: "),
            // Columns are counted in Characters, so carets line up under CJK and emoji.
            ParserHeaderCase(header: "feat(界面):x", rule: .separator, column: 10, fix: "'feat(界面): x'"),
            ParserHeaderCase(header: "feat(👨‍👩‍👧):x", rule: .separator, column: 9, fix: "'feat(👨‍👩‍👧): x'"),
            ParserHeaderCase(header: "feat(🎉🎉) add", rule: .separator, column: 9, fix: "'feat(🎉🎉): add'"),
        ]

        @Test(arguments: cases)
        func diagnostic(_ c: ParserHeaderCase) throws {
            let d = diagnostics(c.header + "\n\nbody")
            try #require(d.count == 1)
            #expect(d[0].rule == c.rule)
            #expect(d[0].line == 1)
            #expect(d[0].column == c.column)
            #expect(d[0].message.contains(c.fix), "\(d[0].message)")
            #expect(d[0].message.contains(";"), "the message says what is wrong; then how to fix it")
        }

        @Test("Separator messages say that ': ' is expected after the type")
        func separatorMessage() {
            #expect(diagnostics("feat- x").first?.message.contains("expected ': ' after the type") == true)
            #expect(diagnostics("feat:x").first?.message.contains("': '") == true)
        }

        @Test("A header with no newline, with tabs, and with Unicode everywhere")
        func headerVariants() {
            #expect(
                conventional("feat: x")
                    == ConventionalCommit(
                        type: "feat", scope: nil, isBreaking: false, subject: "x", body: nil, footers: [], breakingNote: nil, references: []
                    ))
            #expect(conventional("feat: \tadd\ttabs\t")?.subject == "add\ttabs")
            let c = conventional("feat(界面): 添加 🎉 支持\n\n正文 with émoji 👍\n\nRefs: #7")
            #expect(c?.scope == "界面")
            #expect(c?.subject == "添加 🎉 支持")
            #expect(c?.body == "正文 with émoji 👍")
            #expect(c?.references == [Reference(action: "Refs", issue: "7")])
            #expect(conventional("feat(scope): colon: in: subject")?.subject == "colon: in: subject")
        }
    }
}

// MARK: Footers and the footer block

extension CommitMessageParserTests {
    @Suite("CommitMessageParser: body and footers")
    struct BodyAndFooters {
        @Test("A prose paragraph in the middle of the body is not a footer block")
        func proseParagraphInBody() {
            let c = conventional("feat: x\n\nNote: this is prose\nthat goes on.\n\nMore body text.")
            #expect(c?.footers == [])
            #expect(c?.body == "Note: this is prose\nthat goes on.\n\nMore body text.")
        }

        @Test("Footer-looking paragraphs followed by prose are body text")
        func footersFollowedByProse() {
            let c = conventional("feat: x\n\nReviewed-by: Z\n\nAnd then some prose.")
            #expect(c?.footers == [])
            #expect(c?.body == "Reviewed-by: Z\n\nAnd then some prose.")
        }

        @Test("The final paragraphs are footers when each starts with a footer line")
        func finalParagraphs() {
            let c = conventional("feat: x\n\nBody.\n\nNote: read the docs.\n\nReviewed-by: Z\nRefs #1")
            #expect(c?.body == "Body.")
            #expect(c?.footers == [footer("Note", "read the docs."), footer("Reviewed-by", "Z"), footer("Refs", "1", .hash)])
        }

        @Test("A breaking-change note may have several paragraphs")
        func multiParagraphBreakingNote() {
            let c = conventional(
                "feat: x\n\nBody.\n\nBREAKING CHANGE: the config moved.\n\nMigrate by running `x migrate`.\n\nReviewed-by: Z")
            #expect(c?.body == "Body.")
            #expect(c?.breakingNote == "the config moved.\n\nMigrate by running `x migrate`.")
            #expect(c?.footers.map(\.token) == ["BREAKING CHANGE", "Reviewed-by"])
        }

        @Test("BREAKING CHANGE: on a line of its own, the note on the following indented lines")
        func breakingNoteOnNextLines() throws {
            let c = conventional("feat: x\n\nBREAKING CHANGE:\n  The --foo option is gone.\n  Use --bar.")
            #expect(c?.isBreaking == true)
            #expect(c?.breakingNote == "The --foo option is gone.\nUse --bar.")
            let empty = try #require(conventional("feat: x\n\nBREAKING CHANGE:"))
            #expect(empty.isBreaking == true)
            #expect(empty.breakingNote == nil)
            #expect(structural("feat: x\n\nBREAKING CHANGE:").map(\.rule) == [.footerFormat])
        }

        @Test("An upper-case BREAKING CHANGE glued to the body still counts, and is reported")
        func gluedBreakingChange() {
            let message = "feat: x\n\nSome body text.\nBREAKING CHANGE: removed y"
            let c = conventional(message)
            #expect(c?.body == "Some body text.")
            #expect(c?.isBreaking == true)
            #expect(c?.breakingNote == "removed y")
            let d = structural(message)
            #expect(d.map(\.rule) == [.footerFormat])
            #expect(d.first?.line == 4)
            // Right after the header: body-leading-blank is the problem.
            let direct = conventional("feat: x\nBREAKING CHANGE: y")
            #expect(direct?.isBreaking == true)
            #expect(structural("feat: x\nBREAKING CHANGE: y").map(\.rule) == [.bodyBlankLine])
        }

        @Test("A BREAKING CHANGE footer is not lost when prose follows another footer after it")
        func breakingChangePinsTheBlock() {
            let c = conventional("feat: x\n\nBREAKING CHANGE: a\n\nNote: b\n\nprose")
            #expect(c?.isBreaking == true)
            #expect(c?.breakingNote == "a")
            #expect(c?.footers == [footer("BREAKING CHANGE", "a"), footer("Note", "b\n\nprose")])
        }

        @Test("Other footers glued to the body stay body text, and are reported")
        func gluedFooters() {
            let message = "fix: x\n\nThis fixes the crash.\nCloses #12\nSigned-off-by: A <a@b.c>"
            let c = conventional(message)
            #expect(c?.footers == [])
            #expect(c?.references == [])
            let d = structural(message)
            #expect(d.map(\.rule) == [.footerFormat])
            #expect(d.first?.line == 4)
        }

        @Test("Blank lines and comments between footers")
        func blankLinesBetweenFooters() {
            let c = conventional("fix: x\n\nRefs: #1\n\n\nAcked-by: B\n\n")
            #expect(c?.footers == [footer("Refs", "#1"), footer("Acked-by", "B")])
            let hook = conventional("fix: x\n# Please enter the commit message\n\nbody\n# comment\n\nRefs: #1\n", stripComments: true)
            #expect(hook?.body == "body")
            #expect(hook?.footers == [footer("Refs", "#1")])
        }

        @Test("A commit-msg hook file: comments and the verbose diff below the scissors line are dropped")
        func hookFile() {
            let file = """
                feat(cli): add --dry-run

                Shows what would change.

                # Please enter the commit message for your changes.
                # ------------------------ >8 ------------------------
                # Do not modify or remove the line above.
                diff --git a/x b/x
                +BREAKING CHANGE: not part of the message
                +Closes #99

                """
            let c = conventional(file, stripComments: true)
            #expect(c?.body == "Shows what would change.")
            #expect(c?.isBreaking == false)
            #expect(c?.references == [])
            #expect(CommitMessageParser.structuralDiagnostics(file, stripComments: true).isEmpty)
        }

        @Test("URLs and times are not footers")
        func notFooters() {
            let c = conventional("fix: x\n\nhttps://example.com/issue/1\nat 10:30")
            #expect(c?.footers == [])
            let d = conventional("fix: x\n\n1: first item")
            #expect(d?.footers == [])
        }

        @Test("cherry-pick -x lines are neither body nor footers")
        func cherryPickLines() throws {
            let id = "0123456789abcdef0123456789abcdef01234567"
            let c = conventional("fix: x\n\nBody.\n\nSigned-off-by: A <a@b.c>\n(cherry picked from commit \(id))")
            #expect(c?.body == "Body.")
            #expect(c?.footers == [footer("Signed-off-by", "A <a@b.c>")])
            let bodyOnly = conventional("fix: x\n\nBody.\n\n(cherry picked from commit \(id))")
            #expect(bodyOnly?.body == "Body.")
            #expect(bodyOnly?.footers == [])
            let headerOnly = try #require(
                conventional("fix: x\n\n(cherry picked from commit abc1234)\n(cherry picked from commit def5678)"))
            #expect(headerOnly.body == nil)
            #expect(structural("fix: x\n\n(cherry picked from commit abc1234)").isEmpty)
            #expect(
                CommitMessageParser.cherryPickedFrom(
                    in: "fix: x\n\n(cherry picked from commit \(id))\r\n(cherry picked from commit abc1234)")
                    == [id, "abc1234"])
            #expect(CommitMessageParser.cherryPickedFrom(in: "fix: x\n\nnot (cherry picked from commit zzzz)") == [])
        }
    }
}

// MARK: References

struct ParserReferenceCase: Sendable, CustomTestStringConvertible {
    var footers: String
    var expected: [Reference]
    var testDescription: String { footers }
}

extension CommitMessageParserTests {
    @Suite("CommitMessageParser: references")
    struct References {
        static let cases: [ParserReferenceCase] = [
            ParserReferenceCase(footers: "Closes #12", expected: [Reference(action: "Closes", issue: "12")]),
            ParserReferenceCase(footers: "Closes: #12", expected: [Reference(action: "Closes", issue: "12")]),
            ParserReferenceCase(
                footers: "Fixes: #3, #4", expected: [Reference(action: "Fixes", issue: "3"), Reference(action: "Fixes", issue: "4")]),
            ParserReferenceCase(
                footers: "Fixes #3, #4", expected: [Reference(action: "Fixes", issue: "3"), Reference(action: "Fixes", issue: "4")]),
            ParserReferenceCase(footers: "Resolves: o/r#5", expected: [Reference(action: "Resolves", issue: "5", repository: "o/r")]),
            ParserReferenceCase(
                footers: "Refs: group/sub/project#6", expected: [Reference(action: "Refs", issue: "6", repository: "group/sub/project")]),
            ParserReferenceCase(footers: "Closes: !123", expected: [Reference(action: "Closes", issue: "123", kind: .mergeRequest)]),
            ParserReferenceCase(
                footers: "Related: my.org/my-repo!7",
                expected: [Reference(action: "Related", issue: "7", kind: .mergeRequest, repository: "my.org/my-repo")]),
            ParserReferenceCase(footers: "See #8", expected: [Reference(action: "See", issue: "8")]),
            ParserReferenceCase(
                footers: "Closes: #1,\n  #2", expected: [Reference(action: "Closes", issue: "1"), Reference(action: "Closes", issue: "2")]),
            ParserReferenceCase(
                footers: "Closes #1\nFixes #1", expected: [Reference(action: "Closes", issue: "1"), Reference(action: "Fixes", issue: "1")]),
            ParserReferenceCase(footers: "Closes: #9 and #9", expected: [Reference(action: "Closes", issue: "9")]),
            ParserReferenceCase(footers: "Reviewed-by: #12", expected: []),
            ParserReferenceCase(footers: "Refs: 676104e, a215868", expected: []),
            ParserReferenceCase(footers: "Closes: abc#12, #12abc, /#3, #", expected: []),
            ParserReferenceCase(footers: "Closes: https://example.com/o/r/pull/3#issuecomment-1", expected: []),
        ]

        @Test(arguments: cases)
        func references(_ c: ParserReferenceCase) {
            #expect(conventional("fix: x\n\n" + c.footers)?.references == c.expected)
        }

        @Test(arguments: [
            ("Close", "Closes"), ("closes", "Closes"), ("Closed", "Closes"),
            ("fix", "Fixes"), ("Fixes", "Fixes"), ("FIXED", "Fixes"),
            ("Resolve", "Resolves"), ("resolves", "Resolves"), ("Resolved", "Resolves"),
            ("Ref", "Refs"), ("refs", "Refs"), ("References", "Refs"),
            ("related", "Related"), ("SEE", "See"),
        ])
        func actionNormalisation(_ token: String, _ action: String) {
            #expect(conventional("fix: x\n\n\(token) #1")?.references == [Reference(action: action, issue: "1")])
            #expect(conventional("fix: x\n\n\(token): #2")?.references == [Reference(action: action, issue: "2")])
        }
    }
}

// MARK: git's own messages

extension CommitMessageParserTests {
    @Suite("CommitMessageParser: merges, reverts, autosquash")
    struct GitMessages {
        @Test(arguments: [
            "Merge branch 'feature/x'",
            "Merge branch 'feature/x' into main",
            "Merge branch 'feature/x' into 'main'",
            "Merge branch 'main' of https://github.com/o/r",
            "Merge branches 'a' and 'b'",
            "Merge pull request #42 from o/feature-x",
            "Merge remote-tracking branch 'origin/main'",
            "Merge tag 'v1.2.0'",
            "Merge commit 'abc1234'",
            "Merged in feature/x (pull request #12)",
            "Merged PR 123: add x",
        ])
        func mergeHeaders(_ header: String) {
            #expect(CommitMessageParser.parse(header + "\n\n# Conflicts:\n#\tfile.swift") == .merge)
        }

        @Test("More than one parent is a merge whatever the header")
        func parentCount() {
            #expect(CommitMessageParser.parse("feat: x", parentCount: 2) == .merge)
            #expect(CommitMessageParser.parse("", parentCount: 3) == .merge)
            #expect(CommitMessageParser.parse("feat: x", parentCount: 0) != .merge)
        }

        @Test("A header that only starts with 'Merge' is not a merge")
        func notMerge() {
            #expect(diagnostics("Merge two lists in the parser").first?.rule == .headerFormat)
            #expect(conventional("merge: combine the lists")?.type == "merge")
        }

        @Test("git revert of a conventional commit")
        func gitRevert() throws {
            let id = "0123456789abcdef0123456789abcdef01234567"
            let r = try #require(revert("Revert \"feat(api)!: drop v1\"\n\nThis reverts commit \(id).\n"))
            #expect(r.revertedHeader == "feat(api)!: drop v1")
            #expect(r.revertedIDs == [id])
            #expect(
                r.revertedCommit
                    == ConventionalCommit(
                        type: "feat", scope: "api", isBreaking: true, subject: "drop v1", body: nil, footers: [], breakingNote: nil,
                        references: []))
        }

        @Test("git revert of a non-conventional commit, of a revert, and git 2.43's Reapply")
        func nestedReverts() throws {
            let plain = try #require(revert("Revert \"Update README\"\n\nThis reverts commit abc1234."))
            #expect(plain.revertedHeader == "Update README")
            #expect(plain.revertedCommit == nil)
            let nested = try #require(revert("Revert \"Revert \"feat: x\"\"\n\nThis reverts commit def5678."))
            #expect(nested.revertedHeader == "Revert \"feat: x\"")
            #expect(nested.revertedIDs == ["def5678"])
            #expect(nested.revertedCommit == nil)
            let reapply = try #require(revert("Reapply \"feat: x\"\n\nThis reverts commit 9abcdef."))
            #expect(reapply.revertedHeader == "Revert \"feat: x\"")
            #expect(reapply.revertedIDs == ["9abcdef"])
            let github = try #require(revert("Revert \"feat(ui): dark mode\" (#124)\n\nReverts o/r#120"))
            #expect(github.revertedHeader == "feat(ui): dark mode")
            #expect(github.revertedCommit?.scope == "ui")
            #expect(github.revertedIDs == [])
            let unclosed = try #require(revert("Revert \"feat: a very long header that was cut"))
            #expect(unclosed.revertedHeader == "feat: a very long header that was cut")
            let noBody = try #require(revert("Revert \"fix: y\""))
            #expect(noBody.revertedIDs == [])
            #expect(noBody.revertedCommit?.type == "fix")
        }

        @Test("revertedIDs: git's sentences, merges reverted, conventional revert commits")
        func revertedIDs() {
            #expect(
                CommitMessageParser.revertedIDs(in: "Revert \"x\"\n\nThis reverts commit abc1234, reversing\nchanges made to def5678.") == [
                    "abc1234"
                ])
            #expect(
                CommitMessageParser.revertedIDs(
                    in: "revert: x\n\nThis reverts commit abcdef1.\nThis reverts commit 1234567.\nthis reverts commit ABCDEF1.")
                    == ["abcdef1", "1234567", "ABCDEF1"])
            #expect(
                CommitMessageParser.revertedIDs(in: "revert: x\n\nThis reverts commit abcdef1.\nThis reverts commit abcdef1.") == [
                    "abcdef1"
                ])
            #expect(CommitMessageParser.revertedIDs(in: "This reverts commit xyz.") == [])
            #expect(CommitMessageParser.revertedIDs(in: "This reverts commit abc") == [])
            #expect(CommitMessageParser.revertedIDs(in: "This reverts commit abcd1234x") == [])
            #expect(CommitMessageParser.revertedIDs(in: "") == [])
            let c = conventional("revert(api): drop v1\n\nThis reverts commit abc1234.")
            #expect(c?.type == "revert")
            #expect(c?.scope == "api")
        }

        @Test(arguments: [
            ("fixup! feat: x", AutosquashKind.fixup),
            ("fixup! fixup! feat: x", .fixup),
            ("squash! feat: x\n\nmore", .squash),
            ("amend! feat: x\n\nfeat: better x", .amend),
            ("fixup!", .fixup),
        ])
        func autosquash(_ message: String, _ kind: AutosquashKind) {
            #expect(CommitMessageParser.parse(message) == .autosquash(kind))
        }

        @Test("fixup!feat without a space is not autosquash")
        func notAutosquash() {
            if case .autosquash = CommitMessageParser.parse("fixup!feat") { Issue.record("parsed as autosquash") }
        }
    }
}

// MARK: Cleaning and robustness

extension CommitMessageParserTests {
    @Suite("CommitMessageParser: cleaning and robustness")
    struct Robustness {
        @Test(arguments: [
            ("\n\n  feat: x  \r\n\r\nbody\t\r\n\n\n", false, "  feat: x\n\nbody"),
            ("a\rb\r\rc", false, "a\nb\n\nc"),
            ("a\r\n\r\nb", false, "a\n\nb"),
            ("\u{FEFF}feat: x", false, "feat: x"),
            ("feat: x\u{00A0}\u{3000}\n\nbody\u{2003}", false, "feat: x\n\nbody"),
            ("feat: x\n# comment\nbody", false, "feat: x\n# comment\nbody"),
            ("feat: x\n# comment\nbody", true, "feat: x\nbody"),
            ("# leading comment\n\nfeat: x\n\n# Please enter\n#\n", true, "feat: x"),
            (
                "feat: x\n\nbody\n# ------------------------ >8 ------------------------\n# Do not modify\ndiff --git a/x b/x\n+feat: y",
                true, "feat: x\n\nbody"
            ),
            ("  \n\t\n", false, ""),
            ("", false, ""),
        ])
        func clean(_ message: String, _ stripComments: Bool, _ expected: String) {
            #expect(CommitMessageParser.clean(message, stripComments: stripComments) == expected)
        }

        @Test(arguments: ["", " ", "\n\n", " \t\r\n \u{3000}\u{00A0}\n", "# only a comment\n#\n"])
        func emptyMessage(_ message: String) throws {
            let d = diagnostics(message, stripComments: true)
            try #require(d.count == 1)
            #expect(d[0].rule == .emptyMessage)
            #expect(d[0].line == 1)
            #expect(d[0].column == 1)
        }

        @Test("Comment lines are text when stripComments is false")
        func commentsKeptFromHistory() {
            #expect(diagnostics("# heading").first?.rule == .headerFormat)
            #expect(conventional("fix: x\n\n#123 was the cause")?.body == "#123 was the cause")
        }

        @Test("CRLF, lone CR, trailing whitespace and tabs")
        func lineEndings() {
            let expected = ConventionalCommit(
                type: "feat", scope: "api", isBreaking: true, subject: "x", body: "body line\n\ttabbed",
                footers: [footer("BREAKING CHANGE", "y\nz"), footer("Refs", "#1")], breakingNote: "y\nz",
                references: [Reference(action: "Refs", issue: "1")])
            #expect(
                conventional("feat(api): x \r\n\r\nbody line  \r\n\ttabbed\t\r\n\r\nBREAKING CHANGE: y\r\nz\r\nRefs: #1\r\n") == expected)
            #expect(conventional("feat(api): x\r\rbody line\r\ttabbed\r\rBREAKING CHANGE: y\rz\rRefs: #1\r") == expected)
        }

        @Test("Diagnostics' lines refer to the cleaned message")
        func linesAfterCleaning() {
            let message = "\n\n# comment\nfeat: x\n# comment\nbody\n\nbreaking change: y"
            let d = structural(message, stripComments: true)
            #expect(d.map(\.rule) == [.bodyBlankLine, .breakingChangeCase])
            #expect(d.map(\.line) == [2, 4])
            let cleaned = CommitMessageParser.clean(message, stripComments: true).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(cleaned[3] == "breaking change: y")
        }

        @Test("Very long messages")
        func longMessages() {
            let longSubject = String(repeating: "word ", count: 5_000) + "end"
            #expect(conventional("feat: " + longSubject)?.subject == longSubject)
            let bodyLines = (0..<50_000).map { "line \($0) with text: 🎉" }
            let message = "fix(core): x\n\n" + bodyLines.joined(separator: "\n") + "\n\nCloses #1"
            let c = conventional(message)
            #expect(c?.body?.split(separator: "\n").count == 50_000)
            #expect(c?.references == [Reference(action: "Closes", issue: "1")])
            let noNewline = String(repeating: "x", count: 100_000)
            #expect(diagnostics(noNewline).first?.rule == .headerFormat)
        }

        @Test("Never crashes on odd input")
        func fuzz() {
            let pieces = [
                "feat", "fix", "(", ")", "!", ":", " ", ": ", "\n", "\r\n", "\r", "\t", "#", "#12", "!3", "o/r",
                "BREAKING CHANGE", "BREAKING-CHANGE", "breaking change", "Refs", "Closes", "Token", "-", "_",
                "🎉", "界", "👨‍👩‍👧", "e\u{301}", "\u{3000}", "\u{FEFF}", "\u{00A0}", "\"", "Revert \"", "Merge branch ",
                "fixup! ", "(cherry picked from commit abc1234)", "This reverts commit abcdef1.", "x", "\u{0}",
            ]
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            func next(_ bound: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(bound))
            }
            for _ in 0..<3_000 {
                var message = ""
                for _ in 0..<next(24) { message += pieces[next(pieces.count)] }
                for strip in [false, true] {
                    let cleaned = CommitMessageParser.clean(message, stripComments: strip)
                    #expect(
                        CommitMessageParser.clean(cleaned, stripComments: strip) == cleaned,
                        "clean is idempotent: \(message.debugDescription)")
                    let lineCount = cleaned.split(separator: "\n", omittingEmptySubsequences: false).count
                    switch CommitMessageParser.parse(message, stripComments: strip) {
                    case .conventional(let c):
                        #expect(!c.type.isEmpty && c.type == c.type.lowercased())
                        #expect(!c.subject.isEmpty && c.subject.first?.isWhitespace == false)
                        #expect(c.scope?.isEmpty != true)
                        #expect(c.isBreaking || c.breakingNote == nil)
                    case .invalid(let d):
                        #expect(!d.isEmpty)
                        #expect(d.allSatisfy { $0.line >= 1 && $0.column >= 1 && !$0.message.isEmpty })
                    default:
                        break
                    }
                    for d in CommitMessageParser.structuralDiagnostics(message, stripComments: strip) {
                        #expect(d.line >= 2 && d.line <= lineCount && d.column >= 1, "\(message.debugDescription)")
                    }
                    _ = CommitMessageParser.revertedIDs(in: message)
                    _ = CommitMessageParser.cherryPickedFrom(in: message)
                }
            }
        }
    }
}

// MARK: Structural diagnostics

struct ParserStructuralCase: Sendable, CustomTestStringConvertible {
    var message: String
    var expected: [Diagnostic.Rule]
    var lines: [Int]
    var fix: String?
    var testDescription: String { message.debugDescription }
}

extension CommitMessageParserTests {
    @Suite("CommitMessageParser: structural diagnostics")
    struct StructuralDiagnostics {
        static let cases: [ParserStructuralCase] = [
            ParserStructuralCase(message: "feat: x", expected: [], lines: []),
            ParserStructuralCase(message: "feat: x\n\nbody\n\nReviewed-by: Z\nRefs #133", expected: [], lines: []),
            ParserStructuralCase(
                message: "feat: x\nbody", expected: [.bodyBlankLine], lines: [2], fix: "insert an empty line after line 1"),
            ParserStructuralCase(
                message: "feat: x\n\nbreaking change: y", expected: [.breakingChangeCase], lines: [3], fix: "'BREAKING CHANGE: …'"),
            ParserStructuralCase(
                message: "feat: x\n\nbody\nBreaking change: y\nmore", expected: [.breakingChangeCase], lines: [4],
                fix: "'BREAKING CHANGE: …'"),
            ParserStructuralCase(
                message: "feat: x\n\nBREAKING CHANGES: y", expected: [.footerFormat], lines: [3], fix: "'BREAKING CHANGE: y'"),
            ParserStructuralCase(message: "feat: x\n\nBREAKING: y", expected: [.footerFormat], lines: [3], fix: "'BREAKING CHANGE: y'"),
            ParserStructuralCase(
                message: "feat: x\n\nBREAKING_CHANGE: y", expected: [.footerFormat], lines: [3], fix: "'BREAKING CHANGE: y'"),
            ParserStructuralCase(
                message: "feat: x\n\nBREAKING CHANGE:y", expected: [.footerFormat], lines: [3], fix: "'BREAKING CHANGE: y'"),
            ParserStructuralCase(
                message: "feat: x\n\nBREAKING CHANGE : y", expected: [.footerFormat], lines: [3], fix: "'BREAKING CHANGE: y'"),
            ParserStructuralCase(
                message: "feat: x\n\nBody.\nBREAKING CHANGE: y", expected: [.footerFormat], lines: [4],
                fix: "insert an empty line before line 4"),
            ParserStructuralCase(
                message: "feat: x\n\nBody.\nCloses #12", expected: [.footerFormat], lines: [4], fix: "insert an empty line before line 4"),
            ParserStructuralCase(message: "feat: x\n\nSigned off by: A", expected: [.footerFormat], lines: [3], fix: "'Signed-off-by: A'"),
            ParserStructuralCase(message: "feat: x\n\nRefs: #1\nCloses:#2", expected: [.footerFormat], lines: [4], fix: "'Closes: #2'"),
            ParserStructuralCase(message: "feat: x\n\nRefs: #1\nCloses#2", expected: [.footerFormat], lines: [4], fix: "'Closes #2'"),
            ParserStructuralCase(message: "feat: x\n\nCloses:#2", expected: [.footerFormat], lines: [3], fix: "'Closes: #2'"),
            ParserStructuralCase(
                message: "feat: x\nbody\n\nbreaking-change: y", expected: [.bodyBlankLine, .breakingChangeCase], lines: [2, 4]),
            // Prose is left alone.
            ParserStructuralCase(
                message: "feat: x\n\nOld behaviour: slow.\nNew behaviour: fast.\nSee https://example.com", expected: [], lines: []),
            ParserStructuralCase(message: "feat: x\n\nBreaking news: nothing breaks.", expected: [], lines: []),
            ParserStructuralCase(message: "feat: x\n\nBREAKING CHANGE: y\n\nExplained: at length:like this", expected: [], lines: []),
        ]

        @Test(arguments: cases)
        func structure(_ c: ParserStructuralCase) {
            let d = structural(c.message)
            #expect(d.map(\.rule) == c.expected)
            #expect(d.map(\.line) == c.lines)
            #expect(d.allSatisfy { $0.column == 1 })
            if let fix = c.fix { #expect(d.first?.message.contains(fix) == true, "\(d.first?.message ?? "")") }
        }

        @Test("Structural diagnostics of an empty or one-line message")
        func trivial() {
            #expect(structural("").isEmpty)
            #expect(structural("not conventional").isEmpty)
        }
    }
}
