import FixtureSupport
import Foundation
import Testing

/// `Fixtures/release-branch.history` with release/0.23 brought back to main in each way real
/// projects do it. Whatever the way, main's previous release is 0.23.1, its next section lists
/// only what 0.23.x did not ship, and `--all` lists every change once.
@Suite struct ReleaseBranchTests {
    enum Homecoming: String, CaseIterable, CustomTestStringConvertible {
        case merged = "merge release/0.23 Merge pull request #45 from acme/release/0.23"
        case squashed = "squash release/0.23 chore: tag 0.23.1 (#45)"
        case rebased = "rebase release/0.23"

        var testDescription: String { String(rawValue.prefix { $0 != " " }) }
    }

    private func build(_ way: Homecoming?) throws -> (Sandbox, BuiltFixture) {
        let sandbox = try Sandbox()
        var text = try Sandbox.fixture("release-branch.history")
        if let way { text += way.rawValue + "\n" }
        text += "commit fix(ui): contrast\nlabel contrast\n"
        let fixture = try sandbox.build(text: text)
        return (sandbox, fixture)
    }

    /// A sandbox with `steps` built after the suite's author, start and step lines.
    private func history(_ steps: String) throws -> Sandbox {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "author Ada Lovelace <ada@example.com>\nstart 2026-01-05T09:00:00Z\nstep 3600\n" + steps)
        return sandbox
    }

    private func json(_ result: Sandbox.Result) throws -> [String: Any] {
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
    }

    /// Each release's version and subjects (`type: subject`), newest first.
    private func releases(_ result: Sandbox.Result) throws -> [(version: String, previous: String, subjects: [String])] {
        let object = try json(result)
        return (object["releases"] as? [[String: Any]] ?? []).map { release in
            let subjects = (release["sections"] as? [[String: Any]] ?? []).flatMap { section in
                (section["commits"] as? [[String: Any]] ?? []).map { "\($0["type"]!): \($0["subject"]!)" }
            }
            return (release["version"] as? String ?? "-", release["previousTag"] as? String ?? "-", subjects)
        }
    }

    /// `--setversion V` and `--all --setversion V` make the same section: after `previous`, with
    /// `subjects`; `--all` has `versions`, newest first, each with its subjects in `all`.
    private func expectTheSameSection(
        _ sandbox: Sandbox, _ version: String, after previous: String, lists subjects: [String], versions: [String],
        all: [[String]], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let section = try releases(sandbox.changelog("--setversion", version, "-T", "json"))
        #expect(section.map(\.previous) == [previous], sourceLocation: sourceLocation)
        #expect(section.map(\.subjects) == [subjects], sourceLocation: sourceLocation)
        let whole = try releases(sandbox.changelog("--all", "--setversion", version, "-T", "json"))
        #expect(whole.map(\.version) == versions, sourceLocation: sourceLocation)
        #expect(whole.map(\.subjects) == all, sourceLocation: sourceLocation)
    }

    @Test(arguments: Homecoming.allCases)
    func nextStartsAfterTheReleaseThatCameBack(_ way: Homecoming) throws {
        let (sandbox, _) = try build(way)
        let next = try json(sandbox.changelog("next", "--format", "json"))
        #expect(next["currentTag"] as? String == "0.23.1")
        #expect(next["next"] as? String == "0.24.0")
        let drivers = (next["commits"] as? [[String: Any]] ?? []).map { "\($0["type"]!): \($0["subject"]!)" }
        #expect(drivers == ["feat: themes"])
    }

    @Test(arguments: Homecoming.allCases)
    func theNewSectionListsOnlyWhatTheReleaseDidNotShip(_ way: Homecoming) throws {
        let (sandbox, _) = try build(way)
        let section = try releases(sandbox.changelog("--setversion", "0.24.0", "-T", "json"))
        #expect(section.count == 1)
        #expect(section.first?.previous == "0.23.1")
        #expect(section.first?.subjects == ["feat: themes", "fix: contrast"])
        let markdown = try sandbox.changelog("--setversion", "0.24.0")
        #expect(markdown.stdout.contains("(https://github.com/acme/gadget/compare/0.23.1...0.24.0)"), "\(markdown.stdout)")
    }

    /// Every change once, in the lowest release that shipped it, and each release's section the
    /// same as `--setversion V --to V` and `notes V` make it.
    @Test(arguments: Homecoming.allCases)
    func theWholeHistoryListsEachChangeOnce(_ way: Homecoming) throws {
        let (sandbox, _) = try build(way)
        let all = try releases(sandbox.changelog("--all", "--setversion", "0.24.0", "-T", "json"))
        #expect(all.map(\.version) == ["0.24.0", "0.23.1", "0.23.0", "0.22.2"])
        #expect(all.map(\.previous) == ["0.23.1", "0.23.0", "0.22.2", "-"])
        #expect(
            all.map(\.subjects) == [
                ["feat: themes", "fix: contrast"],
                ["fix: a leak in the cache"],
                ["feat: stream responses", "fix: retry on 503", "fix: exit 1 on bad flags"],
                ["feat: the gadget"],
            ])
        for release in all.dropFirst() {
            let single = try releases(sandbox.changelog("--setversion", release.version, "--to", release.version, "-T", "json"))
            #expect(single.first?.subjects == release.subjects, "\(release.version)")
            #expect(single.first?.previous == release.previous, "\(release.version)")
            let notes = try releases(sandbox.changelog("notes", release.version, "-T", "json"))
            #expect(notes.first?.subjects == release.subjects, "\(release.version)")
        }
    }

    /// The git command line as the oracle: every feat, fix and perf change of main and the release
    /// branch (by its header: a copy keeps it) is listed by `--all` exactly once.
    @Test(arguments: [Homecoming?.none] + Homecoming.allCases.map(Optional.some))
    func everyChangeOfTheCombinedHistoryIsListedOnce(_ way: Homecoming?) throws {
        let (sandbox, _) = try build(way)
        let log = try sandbox.git("log", "--format=%s", "HEAD", "release/0.23")
        let kinds = ["feat", "fix", "perf"]
        let headers: Set<String> = Set(
            log.split(separator: "\n").map(String.init).filter { (header: String) -> Bool in
                kinds.contains { (kind: String) -> Bool in header.hasPrefix(kind + ":") || header.hasPrefix(kind + "(") }
            })
        let all = try json(sandbox.changelog("--all", "--setversion", "0.24.0", "-T", "json"))
        var listed: [String] = []
        for release in all["releases"] as? [[String: Any]] ?? [] {
            for section in release["sections"] as? [[String: Any]] ?? [] {
                for commit in section["commits"] as? [[String: Any]] ?? [] {
                    let type = commit["type"] as? String ?? "?"
                    let scope = (commit["scope"] as? String).map { "(\($0))" } ?? ""
                    let subject = commit["subject"] as? String ?? "?"
                    listed.append(type + scope + ": " + subject)
                }
            }
        }
        #expect(listed.sorted() == headers.sorted())
    }

    /// A release branch never merged back is a maintenance line: main's previous release stays
    /// 0.22.2, and what 0.23.0 and 0.23.1 shipped first is left to them (`backports = "omit"`).
    @Test func aBranchNeverMergedIsNotReleasedIntoMain() throws {
        let (sandbox, _) = try build(nil)
        let next = try json(sandbox.changelog("next", "--format", "json"))
        #expect(next["currentTag"] as? String == "0.22.2")
        let section = try releases(sandbox.changelog("--setversion", "0.24.0", "-T", "json"))
        #expect(section.first?.previous == "0.22.2")
        #expect(section.first?.subjects == ["feat: themes", "fix: contrast"])
    }

    /// A hotfix line merged up after main's next minor: 1.0.1's fix is 1.0.1's alone. `next`,
    /// `--setversion 1.1.1` and `--all` agree that 1.1.1 starts after 1.1.0 and does not list it again.
    @Test func aFixMergedUpAfterTheNextMinorShipsOnce() throws {
        let sandbox = try history(
            """
            remote origin git@github.com:acme/gadget.git
            commit feat: the gadget
            tag v1.0.0 Release 1.0.0
            branch release/1.0
            checkout release/1.0
            commit fix: a crash on start
            tag v1.0.1 Release 1.0.1
            checkout main
            commit feat: themes
            tag v1.1.0 Release 1.1.0
            merge release/1.0 Merge branch 'release/1.0'
            commit fix: contrast

            """)
        let next = try json(sandbox.changelog("next", "--format", "json"))
        #expect(next["currentTag"] as? String == "v1.1.0")
        #expect(next["next"] as? String == "1.1.1")
        #expect((next["commits"] as? [[String: Any]] ?? []).map { "\($0["subject"]!)" } == ["contrast"])
        try expectTheSameSection(
            sandbox, "1.1.1", after: "v1.1.0", lists: ["fix: contrast"],
            versions: ["1.1.1", "1.1.0", "1.0.1", "1.0.0"],
            all: [["fix: contrast"], ["feat: themes"], ["fix: a crash on start"], ["feat: the gadget"]])
    }

    /// A hotfix forward-ported with `cherry-pick -e` keeps its author and date but not its subject:
    /// 1.1.1 came back all the same, so main's next release starts after it.
    @Test func aHotfixForwardPortedWithANewSubjectCameBack() throws {
        let sandbox = try history(
            """
            commit feat: the gadget
            tag v1.0.0 Release 1.0.0
            commit feat: themes
            tag v1.1.0 Release 1.1.0
            branch release/1.1
            checkout release/1.1
            commit fix: a crash on start
            label crash
            tag v1.1.1 Release 1.1.1
            checkout main
            cherry-pick crash --reword
            commit fix: contrast

            """)
        let next = try json(sandbox.changelog("next", "--format", "json"))
        #expect(next["currentTag"] as? String == "v1.1.1")
        #expect(next["next"] as? String == "1.1.2")
        #expect((next["commits"] as? [[String: Any]] ?? []).map { "\($0["subject"]!)" } == ["contrast"])
        let section = try releases(sandbox.changelog("--setversion", "1.1.2", "-T", "json"))
        #expect(section.map(\.previous) == ["v1.1.1"])
        #expect(section.map(\.subjects) == [["fix: contrast"]])
    }

    /// A fix picked (-x) into a release branch after its last tag comes back with the branch, beside
    /// its original on main: one change, listed once, by every command.
    @Test func aPickMergedBackBesideItsOriginalIsListedOnce() throws {
        let sandbox = try history(
            """
            commit feat: the gadget
            tag v1.0.0 Release 1.0.0
            branch release/1.0
            checkout release/1.0
            commit fix: on the line
            tag v1.0.1 Release 1.0.1
            checkout main
            commit fix: a crash on start
            label crash
            checkout release/1.0
            cherry-pick crash -x
            checkout main
            merge release/1.0 Merge branch 'release/1.0'
            commit fix: contrast

            """)
        let section = try releases(sandbox.changelog("--setversion", "1.0.2", "-T", "json"))
        #expect(section.map(\.previous) == ["v1.0.1"])
        #expect(section.map(\.subjects) == [["fix: contrast", "fix: a crash on start"]])
        let all = try releases(sandbox.changelog("--all", "--setversion", "1.0.2", "-T", "json"))
        #expect(all.first?.subjects == ["fix: contrast", "fix: a crash on start"])
    }

    /// A hotfix tagged on 1.0.x after main's 1.1.0, then picked into main (with or without -x):
    /// 1.0.1 shipped it, so main's 1.1.1 does not list it again, whichever command makes the section.
    @Test(arguments: ["-x", "--keep-author"])
    func aHotfixPickedIntoMainAfterTheNextMinorShipsOnce(_ option: String) throws {
        let sandbox = try history(
            """
            commit feat: the gadget
            tag v1.0.0 Release 1.0.0
            branch release/1.0
            commit feat: themes
            tag v1.1.0 Release 1.1.0
            checkout release/1.0
            commit fix: a crash on start
            label crash
            tag v1.0.1 Release 1.0.1
            checkout main
            cherry-pick crash \(option)
            commit fix: contrast

            """)
        let next = try json(sandbox.changelog("next", "--format", "json"))
        #expect(next["currentTag"] as? String == "v1.1.0")
        #expect((next["commits"] as? [[String: Any]] ?? []).map { "\($0["subject"]!)" } == ["contrast"])
        try expectTheSameSection(
            sandbox, "1.1.1", after: "v1.1.0", lists: ["fix: contrast"],
            versions: ["1.1.1", "1.1.0", "1.0.1", "1.0.0"],
            all: [["fix: contrast"], ["feat: themes"], ["fix: a crash on start"], ["feat: the gadget"]])
    }

    /// git-flow: releases are tagged on master's merge commits, which develop never reaches, but
    /// develop merges the same release and hotfix branches. Since the fork there is nothing but the
    /// merge, so 1.1.1 is released into develop, and develop's next release starts after it.
    @Test func gitFlowsDevelopStartsAfterTheHotfixMergedIntoMaster() throws {
        let sandbox = try history(
            """
            commit feat: base
            tag v1.0.0 Release 1.0.0
            branch develop
            checkout develop
            commit feat: d1
            branch release/1.1.0
            checkout release/1.1.0
            commit fix: rel fix
            checkout main
            merge release/1.1.0 Merge branch 'release/1.1.0'
            tag v1.1.0 Release 1.1.0
            checkout develop
            merge release/1.1.0 Merge branch 'release/1.1.0' into develop
            commit feat: d2
            checkout main
            branch hotfix/1.1.1
            checkout hotfix/1.1.1
            commit fix: hot
            checkout main
            merge hotfix/1.1.1 Merge branch 'hotfix/1.1.1'
            tag v1.1.1 Release 1.1.1
            checkout develop
            merge hotfix/1.1.1 Merge branch 'hotfix/1.1.1' into develop
            commit fix: d3

            """)
        let next = try json(sandbox.changelog("next", "--format", "json"))
        #expect(next["currentTag"] as? String == "v1.1.1")
        #expect(next["next"] as? String == "1.2.0")
        let section = try releases(sandbox.changelog("--setversion", "1.2.0", "-T", "json"))
        #expect(section.map(\.previous) == ["v1.1.1"])
        #expect(section.map(\.subjects) == [["feat: d2", "fix: d3"]])
        let all = try releases(sandbox.changelog("--all", "--setversion", "1.2.0", "-T", "json"))
        #expect(all.map(\.version) == ["1.2.0", "1.1.1", "1.1.0", "1.0.0"])
        #expect(all.map(\.previous) == ["v1.1.1", "v1.1.0", "v1.0.0", "-"])
        #expect(all.map(\.subjects) == [["feat: d2", "fix: d3"], ["fix: hot"], ["feat: d1", "fix: rel fix"], ["feat: base"]])
    }

    /// git-flow's support line: 1.0.1 is tagged on support/1.0's merge of a hotfix branch that
    /// main merges too, after its 1.1.0. The fix shipped in 1.0.1: main's 1.1.1 does not list it,
    /// whichever command makes the section.
    @Test func aHotfixBranchMergedIntoASupportLineAndMainShipsOnce() throws {
        let sandbox = try history(
            """
            commit feat: base
            tag v1.0.0 Release 1.0.0
            branch support/1.0
            branch hotfix/1.0.1
            checkout hotfix/1.0.1
            commit fix: hot
            checkout support/1.0
            merge hotfix/1.0.1 Merge branch 'hotfix/1.0.1' into support/1.0
            tag v1.0.1 Release 1.0.1
            checkout main
            commit feat: m1
            tag v1.1.0 Release 1.1.0
            merge hotfix/1.0.1 Merge branch 'hotfix/1.0.1'
            commit fix: m2

            """)
        try expectTheSameSection(
            sandbox, "1.1.1", after: "v1.1.0", lists: ["fix: m2"],
            versions: ["1.1.1", "1.1.0", "1.0.1", "1.0.0"], all: [["fix: m2"], ["feat: m1"], ["fix: hot"], ["feat: base"]])
    }

    /// 1.1.0 is tagged on the very commit that picked 1.0.1's fix into main: 1.0.1 came back
    /// there, so it is 1.1.0's previous release in `--all` as in `--setversion` and `notes`.
    @Test func aReleaseTaggedOnThePickOfALowerOneStartsAfterIt() throws {
        let sandbox = try history(
            """
            commit feat: base
            tag v1.0.0 Release 1.0.0
            branch release/1.0
            commit feat: m1
            checkout release/1.0
            commit fix: h1
            label h1
            tag v1.0.1 Release 1.0.1
            checkout main
            cherry-pick h1 -x --keep-author
            tag v1.1.0 Release 1.1.0
            commit fix: m2

            """)
        let all = try releases(sandbox.changelog("--all", "-T", "json"))
        let section = try releases(sandbox.changelog("--setversion", "1.1.0", "--to", "v1.1.0", "-T", "json"))
        #expect(section.map(\.previous) == ["v1.0.1"])
        #expect(all.first { $0.version == "1.1.0" }?.previous == "v1.0.1")
        #expect(all.first { $0.version == "1.1.0" }?.subjects == section.first?.subjects)
    }
}
