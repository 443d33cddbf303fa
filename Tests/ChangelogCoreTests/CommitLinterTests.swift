import Testing

@testable import ChangelogCore

@Suite struct CommitLinterTests {
    private func lint(
        _ message: String, parents: Int = 1, strip: Bool = false, id: String? = "0123456789abcdef0123456789abcdef01234567",
        _ configure: (inout LintOptions) -> Void = { _ in }
    ) -> LintResult {
        var options = LintOptions()
        configure(&options)
        return CommitLinter(options: options).lint(message: message, id: id, parentCount: parents, stripComments: strip)
    }

    private func rules(_ result: LintResult) -> [Diagnostic.Rule] { result.errors.map(\.rule) }

    // MARK: Valid messages

    @Test func validConventionalCommit() {
        let result = lint("feat(parser)!: accept multi-line footers\n\nBody.\n\nBREAKING CHANGE: the old syntax is gone\nCloses #12")
        #expect(result.valid)
        #expect(result.kind == .conventional)
        #expect(!result.ignored)
        #expect(result.header == "feat(parser)!: accept multi-line footers")
        #expect(result.id == "0123456789abcdef0123456789abcdef01234567")
        let commit = result.commit
        #expect(commit?.type == "feat" && commit?.scope == "parser" && commit?.isBreaking == true)
        #expect(commit?.breakingNote == "the old syntax is gone")
    }

    @Test func headerIsTheFirstLineOfTheCleanedMessage() {
        let result = lint("\n\n  \nfix: trailing blanks   \r\n\r\nbody\r\n# comment\n", strip: true, id: nil)
        #expect(result.header == "fix: trailing blanks")
        #expect(result.cleanedMessage == "fix: trailing blanks\n\nbody")
        #expect(result.id == nil)
        #expect(result.valid)
    }

    @Test func commentsAreStrippedForMessageFiles() {
        let message = "fix: x\n# Please enter the commit message\n# ------------------------ >8 ------------------------\ndiff --git a b"
        #expect(lint(message, strip: true).valid)
        // Without stripping, the comment is the body glued to the header.
        #expect(rules(lint(message, strip: false)) == [.bodyBlankLine])
    }

    // MARK: Header format (from the parser)

    @Test(arguments: [
        ("add the export command", Diagnostic.Rule.headerFormat, 4),
        ("feat:add", .separator, 6),
        ("feat : add", .separator, 5),
        ("feat:", .subjectEmpty, 6),
        ("feat(): add", .scopeEmpty, 6),
        (": add", .typeEmpty, 1),
    ])
    func headerFormat(_ message: String, _ rule: Diagnostic.Rule, _ column: Int) {
        let result = lint(message)
        #expect(result.kind == .invalid)
        #expect(result.commit == nil)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.rule == rule)
        #expect(result.errors.first?.line == 1)
        #expect(result.errors.first?.column == column)
    }

    @Test func emptyMessage() {
        let result = lint("\n  \n# only a comment\n", strip: true, id: nil)
        #expect(result.kind == .invalid)
        #expect(result.header == "")
        #expect(rules(result) == [.emptyMessage])
    }

    @Test func invalidHeaderStillGetsBodyDiagnostics() {
        let result = lint("add x\nbody")
        #expect(rules(result) == [.headerFormat, .bodyBlankLine])
    }

    // MARK: type-enum

    @Test func typeNotAllowedSuggestsTheClosest() {
        let result = lint("feature(cli): add the export command")
        #expect(rules(result) == [.typeAllowed])
        #expect(result.kind == .conventional)
        #expect(result.commit?.type == "feature", "the commit is filled even when a lint rule fails")
        let error = result.errors[0]
        #expect(error.line == 1 && error.column == 1)
        #expect(
            error.message == """
                type 'feature' is not allowed; did you mean 'feat'? Write 'feat(cli): add the export command'; \
                allowed types: feat, fix, perf, refactor, docs, style, test, build, ci, chore, revert
                """)
    }

    @Test func typeNotAllowedWithoutSuggestion() {
        let error = lint("wip: half done").errors.first
        #expect(error?.rule == .typeAllowed)
        #expect(
            error?.message == """
                type 'wip' is not allowed; use one of the allowed types: feat, fix, perf, refactor, docs, style, test, \
                build, ci, chore, revert (or add 'wip' to types under [check])
                """)
    }

    @Test(arguments: [
        ("fxi", "fix"), ("tset", "test"), ("tests", "test"), ("chores", "chore"), ("doc", "docs"),
        ("bugfix", "fix"), ("refactoring", "refactor"), ("perfs", "perf"), ("buidl", "build"),
    ])
    func typeSuggestions(_ typo: String, _ expected: String) {
        let message = lint("\(typo): x").errors.first?.message ?? ""
        #expect(message.contains("did you mean '\(expected)'?"), "\(message)")
    }

    @Test func typesAreCaseInsensitive() {
        let upper = lint("FEAT: shout")
        #expect(upper.valid)
        #expect(upper.commit?.type == "feat")
        #expect(lint("feat: x") { $0.types = ["Feat", "FIX"] }.valid)
        let written = lint("Feature: x").errors.first?.message ?? ""
        #expect(written.hasPrefix("type 'Feature' is not allowed; did you mean 'feat'? Write 'feat: x'"))
    }

    @Test func customTypes() {
        #expect(lint("deps: bump x") { $0.types = ["deps"] }.valid)
        #expect(rules(lint("feat: x") { $0.types = ["deps"] }) == [.typeAllowed])
        #expect(lint("anything: goes") { $0.types = [] }.valid, "an empty list allows any type")
    }

    // MARK: scope-enum

    @Test func scopesAreOpenByDefault() {
        #expect(lint("feat(whatever): x").valid)
    }

    @Test func scopeNotAllowed() {
        let result = lint("feat(parsr): x") { $0.scopes = ["api", "parser"] }
        #expect(rules(result) == [.scopeAllowed])
        #expect(result.commit?.scope == "parsr")
        #expect(result.errors[0].column == 6)
        #expect(
            result.errors[0].message == """
                scope 'parsr' is not allowed; did you mean 'parser'? Use one of the allowed scopes: api, parser, \
                or leave the scope out (or add 'parsr' to scopes under [check])
                """)
    }

    @Test func scopeRules() {
        let scopes: (inout LintOptions) -> Void = { $0.scopes = ["api", "cli", "core/io"] }
        #expect(lint("feat: no scope is fine", scopes).valid)
        #expect(lint("feat(api,cli): both", scopes).valid)
        #expect(lint("feat(api/cli): both", scopes).valid)
        #expect(lint("feat(core/io): configured as a whole", scopes).valid)
        #expect(lint("feat( api ): trimmed", scopes).valid)
        let second = lint("feat(api, web)!: x", scopes)
        #expect(rules(second) == [.scopeAllowed])
        #expect(second.errors[0].column == 11, "the caret points at 'web'")
        #expect(second.errors[0].message.hasPrefix("scope 'web' is not allowed; Use one of"))
        #expect(second.errors[0].message.contains("Use one of the allowed scopes: api, cli, core/io"))
        #expect(lint("feat(  web): x", scopes).errors.first?.column == 8)
        #expect(lint("feat(API): x", scopes).errors.first?.rule == .scopeAllowed, "scopes are compared as written")
    }

    // MARK: header-max-length

    @Test func headerMaxLength() {
        let exactly = "feat: " + String(repeating: "x", count: 94)
        #expect(exactly.count == 100)
        #expect(lint(exactly).valid)
        let result = lint(exactly + "yz")
        #expect(rules(result) == [.headerMaxLength])
        #expect(result.commit != nil)
        #expect(result.errors[0].line == 1 && result.errors[0].column == 101)
        #expect(
            result.errors[0].message == """
                the header is 102 characters long, 2 over the limit of 100; shorten the description and move the \
                details to the body, after a blank line
                """)
    }

    @Test func headerLengthCountsCharacters() {
        let emoji = "feat: " + String(repeating: "👍🏽", count: 4)  // 4 Characters, 8 scalars, 32 bytes
        #expect(lint(emoji) { $0.headerMaxLength = 10 }.valid)
        let over = lint(emoji + "!") { $0.headerMaxLength = 10 }
        #expect(over.errors.map(\.column) == [11])
        let cjk = lint("fix: 修复日志的时区问题") { $0.headerMaxLength = 8 }
        #expect(cjk.errors.map(\.rule) == [.headerMaxLength])
        #expect(cjk.errors.first?.column == 9)
    }

    @Test func headerLengthAppliesToInvalidHeadersToo() {
        let result = lint("no type here " + String(repeating: "x", count: 100))
        #expect(rules(result) == [.headerFormat, .headerMaxLength])
    }

    @Test func errorsAreSortedByPosition() {
        let result = lint("feature: " + String(repeating: "x", count: 100) + "\nglued body\n\nbreaking change: y") {
            $0.headerMaxLength = 50
        }
        #expect(rules(result) == [.typeAllowed, .headerMaxLength, .bodyBlankLine, .breakingChangeCase])
        #expect(result.errors.map(\.line) == [1, 1, 2, 4])
    }

    // MARK: Body and footers (from structuralDiagnostics)

    @Test func bodyLeadingBlank() {
        let result = lint("fix: x\nthe body")
        #expect(rules(result) == [.bodyBlankLine])
        #expect(result.errors[0].line == 2 && result.errors[0].column == 1)
        #expect(result.commit != nil)
    }

    @Test func footerFormat() {
        let spaced = lint("fix: x\n\nbody\n\nReviewed by: Z")
        #expect(rules(spaced) == [.footerFormat])
        #expect(spaced.errors[0].line == 5)
        #expect(spaced.errors[0].message.contains("Reviewed-by: Z"))
        #expect(rules(lint("fix: x\n\nbody\nCloses: #1")) == [.footerFormat])
        #expect(rules(lint("fix: x\n\nBREAKING CHANGES: y")) == [.footerFormat])
    }

    @Test func breakingChangeUpperCase() {
        let result = lint("feat: x\n\nbreaking change: the flag is gone")
        #expect(rules(result) == [.breakingChangeCase])
        #expect(result.errors[0].message.contains("BREAKING CHANGE: …"))
        #expect(result.commit?.isBreaking == false)
    }

    @Test func cherryPickLinesAreNeverErrors() {
        #expect(lint("fix: x\n\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)").valid)
        #expect(lint("fix: x\n(cherry picked from commit 0123456789abcdef)").valid)
        #expect(lint("fix: x\n\nbody\n\nCloses #4\n(cherry picked from commit 0123abcd)").valid)
        #expect(lint("fix: x\n\nbody\n(cherry picked from commit 0123abcd)\n\nReviewed-by: Z").valid)
    }

    // MARK: Disabled rules

    @Test(arguments: [
        ("fix: x\nbody", Diagnostic.Rule.bodyBlankLine),
        ("fix: x\n\nReviewed by: Z", .footerFormat),
        ("fix: x\n\nbreaking change: y", .breakingChangeCase),
        ("feature: x", .typeAllowed),
        ("feat(zzz): x", .scopeAllowed),
        ("feat: " + String(repeating: "x", count: 100), .headerMaxLength),
        ("feat:x", .separator),
    ])
    func disabledRulesAreDropped(_ message: String, _ rule: Diagnostic.Rule) {
        let scopes: (inout LintOptions) -> Void = { $0.scopes = ["api"] }
        #expect(rules(lint(message, scopes)) == [rule])
        #expect(
            lint(message) {
                scopes(&$0)
                $0.disabledRules = [rule]
            }.valid)
    }

    // MARK: Merges, reverts, autosquash

    @Test func mergeCommitsAreIgnored() {
        let merge = lint("Merge branch 'topic'", parents: 2)
        #expect(merge.kind == .merge && merge.ignored && merge.valid && merge.commit == nil)
        let forge = lint("Merge pull request #12 from o/topic\n\nAdd the thing")
        #expect(forge.kind == .merge && forge.ignored)
        let conventional = lint("feat: merged with a conventional header", parents: 2)
        #expect(conventional.kind == .merge && conventional.ignored)
    }

    @Test func mergeCommitsLintedWhenNotIgnored() {
        let noIgnore: (inout LintOptions) -> Void = { $0.ignoreMerges = false }
        let merge = lint("Merge branch 'topic' into main", parents: 2, noIgnore)
        #expect(merge.kind == .merge && !merge.ignored)
        #expect(rules(merge) == [.headerFormat])
        #expect(
            merge.errors[0].message == """
                'Merge branch 'topic' into main' is a merge commit header, not a Conventional Commit; rebase instead \
                of merging, reword the merge as 'type: description' (e.g. 'feat: merge the export command'), or set \
                ignore-merges = true under [check]
                """)
        let conventional = lint("feat: merge the export command\n\nbody", parents: 2, noIgnore)
        #expect(conventional.kind == .merge && conventional.valid)
        #expect(conventional.commit?.subject == "merge the export command")
        let invalid = lint("merged stuff", parents: 2, noIgnore)
        #expect(rules(invalid) == [.headerFormat])
        #expect(invalid.kind == .merge)
    }

    @Test func revertsAreIgnored() {
        let revert = lint("Revert \"feat: add x\"\n\nThis reverts commit 0123456789abcdef.")
        #expect(revert.kind == .revert && revert.ignored && revert.valid && revert.commit == nil)
        let notIgnored = lint("Revert \"feat: add x\"\n\nThis reverts commit 0123456789abcdef.") { $0.ignoreReverts = false }
        #expect(notIgnored.kind == .revert && !notIgnored.ignored)
        #expect(rules(notIgnored) == [.headerFormat])
        #expect(
            notIgnored.errors[0].message == """
                git's 'Revert "…"' header is not a Conventional Commit; write 'revert: feat: add x' and keep \
                'This reverts commit <id>.' in the body, or set ignore-reverts = true under [check]
                """)
        // A conventional revert is an ordinary conventional commit.
        let conventional = lint("revert: feat: add x\n\nRefs: 0123abcd") { $0.ignoreReverts = false }
        #expect(conventional.kind == .conventional && conventional.valid)
    }

    @Test(arguments: ["fixup! feat: add x", "squash! feat: add x", "amend! feat: add x"])
    func autosquashCommits(_ message: String) {
        let ignored = lint(message)
        #expect(ignored.kind == .fixup && ignored.ignored && ignored.valid)
        let linted = lint(message) { $0.ignoreAutosquash = false }
        #expect(linted.kind == .fixup && !linted.ignored)
        #expect(rules(linted) == [.headerFormat])
        #expect(linted.errors[0].message.contains("run 'git rebase -i --autosquash'"))
        #expect(linted.errors[0].message.hasPrefix("'\(message.prefix(while: { $0 != " " }))' commits"))
    }

    @Test func ignoringOneKindDoesNotIgnoreTheOthers() {
        let options: (inout LintOptions) -> Void = { $0.ignoreMerges = false }
        #expect(lint("fixup! x", options).ignored)
        #expect(lint("Revert \"x\"", options).ignored)
        #expect(!lint("Merge branch 'x'", options).ignored)
    }

    // MARK: Messages

    /// Every diagnostic says what is wrong and how to fix it: a statement, then a remedy after ';'.
    @Test func everyMessageSaysWhatAndHow() {
        var options = LintOptions()
        options.scopes = ["api"]
        options.headerMaxLength = 20
        options.ignoreMerges = false
        options.ignoreReverts = false
        options.ignoreAutosquash = false
        let linter = CommitLinter(options: options)
        let messages = [
            "", "add x", "feat:x", "feat : x", "feat:", "feat(): x", ": x", "feature: x", "wip: x", "feat(web): x",
            "feat: a header that is far too long", "fix: x\nbody", "fix: x\n\nbody\nCloses #1", "fix: x\n\nReviewed by: Z",
            "fix: x\n\nbreaking change: y", "fix: x\n\nBREAKING CHANGE:", "fixup! x", "Revert \"x\"", "Merge branch 'x'",
        ]
        var seen: Set<Diagnostic.Rule> = []
        for message in messages {
            for error in linter.lint(message: message, id: nil, parentCount: 1, stripComments: false).errors {
                seen.insert(error.rule)
                let parts = error.message.split(separator: ";", maxSplits: 1)
                #expect(parts.count == 2, "\(error.rule): \(error.message)")
                #expect(!error.message.contains("\n"))
            }
        }
        #expect(seen == Set(Diagnostic.Rule.allCases), "every rule is exercised")
    }
}
