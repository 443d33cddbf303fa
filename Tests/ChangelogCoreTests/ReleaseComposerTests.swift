import Testing

@testable import ChangelogCore

private func c(_ short: String, _ message: String, parents: Int = 1) -> ParsedCommit {
    CoreCommitFactory.commit(short, message, parents: parents)
}

private func titles(_ sections: [Release.Section]) -> [String] { sections.map(\.title) }

/// `component: subject` (or the subject alone) of each entry in the section titled `title`.
private func lines(_ sections: [Release.Section], _ title: String) -> [String] {
    guard let section = sections.first(where: { $0.title == title }) else { return [] }
    return section.entries.map { entry in
        (entry.component.map { "\($0): " } ?? "") + entry.conventional.subject
    }
}

/// Every short id listed anywhere, in output order.
private func listedIDs(_ sections: [Release.Section]) -> [String] {
    sections.flatMap { $0.entries.map(\.commit.shortID) }
}

@Suite("ReleaseComposer")
struct ReleaseComposerTests {
    let composer = ReleaseComposer()

    // MARK: Sections and their order

    @Test("Sections come in docs/contract.md's order whatever the history order, and empty ones are left out")
    func sectionOrder() {
        let sections = composer.sections(for: [
            c("00000001", "Revert \"feat: old thing\"\n\nThis reverts commit abcdef0123456789abcdef0123456789abcdef01."),
            c("00000002", "perf: cache the walk"),
            c("00000003", "chore: bump deps"),
            c("00000004", "fix: keep the newline"),
            c("00000005", "feat!: drop the v1 API"),
            c("00000006", "feat: add notes"),
            c("00000007", "docs: typo"),
        ])
        #expect(titles(sections) == ["Breaking Changes", "Features", "Bug Fixes", "Performance Improvements", "Reverts"])
        #expect(lines(sections, "Breaking Changes") == ["drop the v1 API"])
        #expect(lines(sections, "Features") == ["drop the v1 API", "add notes"])
        #expect(lines(sections, "Bug Fixes") == ["keep the newline"])
        #expect(lines(sections, "Performance Improvements") == ["cache the walk"])
        #expect(lines(sections, "Reverts") == ["feat: old thing"])
        #expect(sections.allSatisfy { !$0.entries.isEmpty })

        #expect(titles(composer.sections(for: [c("00000001", "fix: a")])) == ["Bug Fixes"])
        #expect(
            titles(composer.sections(for: [c("00000001", "perf: a"), c("00000002", "feat: b")]))
                == ["Features", "Performance Improvements"])
    }

    @Test("No commits, no sections")
    func empty() {
        #expect(composer.sections(for: []).isEmpty)
        let release = Release(version: nil, tag: nil, previousTag: nil, date: Timestamp(gitDate: "2026-11-21T12:00:00Z")!, sections: [])
        #expect(release.isEmpty)
        #expect(
            Release(
                version: nil, tag: nil, previousTag: nil, date: Timestamp(secondsSince1970: 0, offsetMinutes: 0),
                sections: [Release.Section(title: "Features", entries: [])]
            ).isEmpty)
    }

    @Test("A breaking feat is listed under Breaking Changes and Features; a breaking fix under Breaking Changes and Bug Fixes")
    func breakingListedTwice() {
        let sections = composer.sections(for: [
            c("00000001", "feat(api)!: remove the legacy flag"),
            c("00000002", "fix: reject empty ids\n\nBREAKING CHANGE: empty ids were accepted before"),
        ])
        #expect(titles(sections) == ["Breaking Changes", "Features", "Bug Fixes"])
        #expect(lines(sections, "Breaking Changes") == ["api: remove the legacy flag", "reject empty ids"])
        #expect(lines(sections, "Features") == ["api: remove the legacy flag"])
        #expect(lines(sections, "Bug Fixes") == ["reject empty ids"])
        // The same commit, not a copy with other data.
        #expect(sections[0].entries[0].commit == sections[1].entries[0].commit)
        #expect(sections[0].entries[0].commit.id == CoreCommitFactory.id("00000001"))
    }

    @Test(
        "A breaking change of an unlisted type is listed under Breaking Changes only",
        arguments: [
            "chore!: require Swift 6", "docs!: move the guide", "refactor(core)!: split the module",
            "build: drop Linux 5.x\n\nBREAKING CHANGE: glibc 2.31 is required", "ci!: x", "style!: x", "test!: x",
        ])
    func breakingOtherType(_ message: String) {
        let sections = composer.sections(for: [c("00000001", message)])
        #expect(titles(sections) == ["Breaking Changes"])
        #expect(sections[0].entries.count == 1)
    }

    @Test(
        "Other types are not listed",
        arguments: [
            "chore: bump deps", "docs: typo", "style: format", "refactor: split", "test: more", "build: tweak",
            "ci: cache", "wip: something", "release: 1.2.3",
        ])
    func otherTypesNotListed(_ message: String) {
        #expect(composer.sections(for: [c("00000001", message)]).isEmpty)
    }

    @Test("Merges, autosquash commits and invalid messages are not listed")
    func unlistedKinds() {
        let sections = composer.sections(for: [
            c("00000001", "feat: merged with a message that looks conventional", parents: 2),
            c("00000002", "Merge branch 'feature/x' into main"),
            c("00000003", "Merge pull request #12 from o/feature"),
            c("00000004", "fixup! feat: add notes"),
            c("00000005", "squash! fix: keep the newline"),
            c("00000006", "amend! feat: add notes"),
            c("00000007", "update the readme"),
            c("00000008", "feat add notes"),
            c("00000009", ""),
        ])
        #expect(sections.isEmpty)
    }

    // MARK: Grouping within a section

    @Test("Scoped entries grouped by scope alphabetically, then unscoped; history order within each group")
    func scopeGrouping() {
        let sections = composer.sections(for: [
            c("00000001", "feat(parser): a"),
            c("00000002", "feat: b"),
            c("00000003", "feat(api): c"),
            c("00000004", "feat(parser): d"),
            c("00000005", "feat: e"),
            c("00000006", "feat(api): f"),
            c("00000007", "feat(cli): g"),
            c("00000008", "feat(api): h"),
        ])
        #expect(
            lines(sections, "Features") == [
                "api: c", "api: f", "api: h", "cli: g", "parser: a", "parser: d", "b", "e",
            ])
        #expect(
            listedIDs(sections) == [
                "00000003", "00000006", "00000008", "00000007", "00000001", "00000004",
                "00000002", "00000005",
            ])
    }

    @Test("Scope grouping ignores case, and keeps each scope as written")
    func scopeGroupingCaseInsensitive() {
        let sections = composer.sections(for: [
            c("00000001", "fix(Zeta): a"),
            c("00000002", "fix(API): b"),
            c("00000003", "fix(alpha): c"),
            c("00000004", "fix(api): d"),
            c("00000005", "fix(Api): e"),
        ])
        #expect(lines(sections, "Bug Fixes") == ["alpha: c", "API: b", "api: d", "Api: e", "Zeta: a"])
    }

    @Test("Breaking Changes are grouped by scope too")
    func breakingGrouping() {
        let sections = composer.sections(for: [
            c("00000001", "chore!: a"),
            c("00000002", "feat(zeta)!: b"),
            c("00000003", "fix(beta)!: c"),
        ])
        #expect(lines(sections, "Breaking Changes") == ["beta: c", "zeta: b", "a"])
    }

    // MARK: Copies

    @Test("A pick of a commit listed in the same release is listed once, as the original", arguments: [40, 7])
    func aPickBesideItsOriginalIsListedOnce(_ length: Int) {
        let original = String(CoreCommitFactory.id("1a2b3c4d").hex.prefix(length))
        let sections = composer.sections(for: [
            c("00000003", "fix: keep the newline\n\n(cherry picked from commit \(original))"),
            c("00000002", "fix: other"),
            c("1a2b3c4d", "fix: keep the newline"),
        ])
        #expect(listedIDs(sections) == ["00000002", "1a2b3c4d"])
        // A squash merge whose body carries the pick's line is a change of its own, and stays.
        var merged = CoreCommitFactory.source(
            "00000004", "feat: big feature (#7)\n\n* fix: keep the newline\n\n(cherry picked from commit \(original))")
        merged.date = Timestamp(secondsSince1970: merged.date.secondsSince1970 + 3600, offsetMinutes: 0)
        let squash = composer.sections(for: [ParsedCommit(merged), c("1a2b3c4d", "fix: keep the newline")])
        #expect(listedIDs(squash) == ["00000004", "1a2b3c4d"])
        // A backport pull request squashed with the forge's number is the pick itself.
        var backport = CoreCommitFactory.source("00000005", "fix: keep the newline (#8)\n\n(cherry picked from commit \(original))")
        backport.date = merged.date
        let squashedPick = composer.sections(for: [ParsedCommit(backport), c("1a2b3c4d", "fix: keep the newline")])
        #expect(listedIDs(squashedPick) == ["1a2b3c4d"])
        // A pick whose original is not in the release stays: it is the release's only copy.
        let alone = composer.sections(for: [c("00000003", "fix: keep the newline\n\n(cherry picked from commit \(original))")])
        #expect(listedIDs(alone) == ["00000003"])
    }

    // MARK: Reverts

    @Test("A commit reverted in the same release leaves with its revert (full id)")
    func revertFullID() {
        let sections = composer.sections(for: [
            c("00000003", "Revert \"feat(api): add export\"\n\nThis reverts commit \(CoreCommitFactory.id("00000001"))."),
            c("00000002", "feat: add notes"),
            c("00000001", "feat(api): add export"),
        ])
        #expect(titles(sections) == ["Features"])
        #expect(lines(sections, "Features") == ["add notes"])
    }

    @Test("A commit reverted in the same release leaves with its revert (abbreviated id)", arguments: [7, 8, 12, 39])
    func revertAbbreviatedID(_ length: Int) {
        let abbreviated = String(CoreCommitFactory.id("1a2b3c4d").hex.prefix(length))
        let sections = composer.sections(for: [
            c("00000003", "Revert \"fix: keep the newline\"\n\nThis reverts commit \(abbreviated)."),
            c("00000002", "fix: other"),
            c("1a2b3c4d", "fix: keep the newline"),
        ])
        #expect(titles(sections) == ["Bug Fixes"])
        #expect(lines(sections, "Bug Fixes") == ["other"])
    }

    @Test("A conventional `revert:` commit naming the id cancels the same way")
    func conventionalRevert() {
        let sections = composer.sections(for: [
            c("00000002", "revert: feat: add export\n\nThis reverts commit \(CoreCommitFactory.id("00000001"))."),
            c("00000001", "feat: add export"),
        ])
        #expect(sections.isEmpty)
    }

    @Test("Reverting a breaking change in the same release removes it from Breaking Changes too")
    func revertBreaking() {
        let sections = composer.sections(for: [
            c("00000002", "Revert \"feat(api)!: drop v1\"\n\nThis reverts commit \(CoreCommitFactory.id("00000001"))."),
            c("00000001", "feat(api)!: drop v1\n\nBREAKING CHANGE: v1 is gone"),
            c("00000000", "fix: a"),
        ])
        #expect(titles(sections) == ["Bug Fixes"])
    }

    @Test("A revert of a commit outside the release stays under Reverts, named by the reverted header")
    func revertOfEarlierRelease() throws {
        let sections = composer.sections(for: [
            c("00000002", "Revert \"feat(api)!: add export\"\n\nThis reverts commit 9f8e7d6c5b4a39281706f5e4d3c2b1a098765432."),
            c("00000001", "feat: add notes"),
        ])
        #expect(titles(sections) == ["Features", "Reverts"])
        let entry = try #require(sections.last?.entries.first)
        #expect(entry.conventional.type == "revert")
        #expect(entry.conventional.subject == "feat(api)!: add export")
        #expect(entry.conventional.isBreaking == false)
        #expect(entry.component == nil)
        #expect(entry.commit.id == CoreCommitFactory.id("00000002"))
        // Not a breaking change of this release, even though the reverted header had `!`.
        #expect(!titles(sections).contains("Breaking Changes"))
    }

    @Test("A revert naming an abbreviated id that matches nothing in the release stays listed")
    func revertAbbreviatedNoMatch() {
        let sections = composer.sections(for: [
            c("00000002", "Revert \"fix: a\"\n\nThis reverts commit 1a2b3c4."),
            c("00000001", "fix: b"),
        ])
        #expect(titles(sections) == ["Bug Fixes", "Reverts"])
        #expect(lines(sections, "Bug Fixes") == ["b"])
    }

    @Test("Reverting the revert inside the release brings the original back")
    func revertOfRevert() {
        let feature = CoreCommitFactory.id("00000001"), revert = CoreCommitFactory.id("00000002")
        let sections = composer.sections(for: [
            c("00000003", "Revert \"Revert \"feat: add export\"\"\n\nThis reverts commit \(revert)."),
            c("00000002", "Revert \"feat: add export\"\n\nThis reverts commit \(feature)."),
            c("00000001", "feat: add export"),
        ])
        #expect(titles(sections) == ["Features"])
        #expect(lines(sections, "Features") == ["add export"])
    }

    @Test("Revert, revert of the revert, and a third revert: nothing is listed")
    func revertChainOfThree() {
        let a = CoreCommitFactory.id("00000001"), r1 = CoreCommitFactory.id("00000002"), r2 = CoreCommitFactory.id("00000003")
        let sections = composer.sections(for: [
            c("00000004", "Revert \"Revert \"Revert \"feat: x\"\"\"\n\nThis reverts commit \(r2)."),
            c("00000003", "Revert \"Revert \"feat: x\"\"\n\nThis reverts commit \(r1)."),
            c("00000002", "Revert \"feat: x\"\n\nThis reverts commit \(a)."),
            c("00000001", "feat: x"),
        ])
        #expect(sections.isEmpty)
    }

    // MARK: Configured sections and components

    @Test("A configured alias list named like a default section extends it")
    func extendDefaultSection() {
        let layout = SectionLayout.standard.adding(sections: [(title: "Features", aliases: ["feature", "Feat"])], components: [])
        #expect(layout.definitions.map(\.title) == ["Features", "Bug Fixes", "Performance Improvements", "Reverts"])
        #expect(layout.sectionIndex(forType: "feature") == 0)
        #expect(layout.sectionIndex(forType: "feat") == 0)
        let sections = ReleaseComposer(layout: layout).sections(for: [
            c("00000001", "feature: a"),
            c("00000002", "feat: b"),
            c("00000003", "Feature(ui): c"),
        ])
        #expect(titles(sections) == ["Features"])
        #expect(lines(sections, "Features") == ["ui: c", "a", "b"])
    }

    @Test("Configured sections come after the defaults, in file order")
    func newSections() {
        let layout = SectionLayout.standard.adding(
            sections: [
                (title: "Documentation", aliases: ["docs", "doc"]),
                (title: "Maintenance", aliases: ["chore", "BUILD"]),
            ], components: [])
        let sections = ReleaseComposer(layout: layout).sections(for: [
            c("00000001", "chore: bump deps"),
            c("00000002", "build: tweak"),
            c("00000003", "doc: typo"),
            c("00000004", "docs(readme): usage"),
            c("00000005", "revert: feat: x"),
            c("00000006", "fix: y"),
            c("00000007", "chore!: require Swift 6"),
            c("00000008", "style: format"),
        ])
        #expect(titles(sections) == ["Breaking Changes", "Bug Fixes", "Reverts", "Documentation", "Maintenance"])
        #expect(lines(sections, "Documentation") == ["readme: usage", "typo"])
        #expect(lines(sections, "Maintenance") == ["bump deps", "tweak", "require Swift 6"])
        #expect(lines(sections, "Breaking Changes") == ["require Swift 6"])
    }

    @Test("A type named by a configured section moves there")
    func moveType() {
        let layout = SectionLayout.standard.adding(sections: [(title: "Speed", aliases: ["perf"])], components: [])
        #expect(layout.sectionIndex(forType: "perf") == layout.definitions.firstIndex { $0.title == "Speed" })
        let sections = ReleaseComposer(layout: layout).sections(for: [
            c("00000001", "perf: cache"),
            c("00000002", "fix: a"),
        ])
        #expect(titles(sections) == ["Bug Fixes", "Speed"])
        #expect(lines(sections, "Speed") == ["cache"])

        // feat moved away from Features: a breaking feat still goes to Breaking Changes too.
        let moved = SectionLayout.standard
            .adding(sections: [(title: "New", aliases: ["feat"]), (title: "Features", aliases: ["feature"])], components: [])
        let movedSections = ReleaseComposer(layout: moved).sections(for: [
            c("00000001", "feat!: a"),
            c("00000002", "feature: b"),
        ])
        #expect(titles(movedSections) == ["Breaking Changes", "Features", "New"])
        #expect(lines(movedSections, "New") == ["a"])
        #expect(lines(movedSections, "Features") == ["b"])

        // The last section naming a type wins.
        let twice = SectionLayout.standard
            .adding(sections: [(title: "One", aliases: ["chore"]), (title: "Two", aliases: ["chore"])], components: [])
        #expect(titles(ReleaseComposer(layout: twice).sections(for: [c("00000001", "chore: x")])) == ["Two"])
    }

    @Test("Components map scope aliases to a display name, case-insensitively, and group by it")
    func components() {
        let layout = SectionLayout.standard.adding(
            sections: [],
            components: [
                (name: "Command Line", aliases: ["cli", "CMD"]),
                (name: "Parser", aliases: ["parse"]),
            ])
        #expect(layout.component(forScope: "cli") == "Command Line")
        #expect(layout.component(forScope: "Cmd") == "Command Line")
        #expect(layout.component(forScope: "parse") == "Parser")
        #expect(layout.component(forScope: "other") == "other")
        #expect(layout.component(forScope: nil) == nil)

        let sections = ReleaseComposer(layout: layout).sections(for: [
            c("00000001", "feat(parse): a"),
            c("00000002", "feat(cmd): b"),
            c("00000003", "feat: c"),
            c("00000004", "feat(api): d"),
            c("00000005", "feat(Cli): e"),
            c("00000006", "feat(parser): f"),
        ])
        #expect(
            lines(sections, "Features") == [
                "api: d", "Command Line: b", "Command Line: e", "Parser: a", "parser: f", "c",
            ])
        // The scope itself is kept on the commit.
        #expect(sections[0].entries[1].conventional.scope == "cmd")
    }

    @Test("The standard layout")
    func standardLayout() {
        let layout = SectionLayout.standard
        #expect(
            layout.definitions == [
                .init(title: "Features", types: ["feat"]),
                .init(title: "Bug Fixes", types: ["fix"]),
                .init(title: "Performance Improvements", types: ["perf"]),
                .init(title: "Reverts", types: ["revert"]),
            ])
        #expect(layout.sectionIndex(forType: "chore") == nil)
        #expect(SectionLayout.breakingTitle == "Breaking Changes")
    }
}
