import FixtureSupport
import Foundation
import Git
import Testing

/// The patch-release flow of `Fixtures/stable.history`: main and 1-3-stable, fixes cherry-picked
/// with and without `-x`, one edited in a conflict, a feature picked where it should not be.
@Suite struct StableBranchTests {
    let sandbox: Sandbox
    let fixture: BuiltFixture

    init() throws {
        sandbox = try Sandbox()
        fixture = try sandbox.build(history: "stable")
        _ = try sandbox.git("reset", "-q", "--hard")
    }

    private func id(_ label: String) -> String { fixture.labels[label]!.hex }

    private func checkout(_ branch: String) throws {
        _ = try sandbox.git("checkout", "-q", branch)
    }

    /// Subjects of one release's JSON, section by section.
    private func subjects(_ result: Sandbox.Result) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any]
        let release = try #require((object?["releases"] as? [[String: Any]])?.first)
        return (release["sections"] as? [[String: Any]] ?? []).flatMap { section in
            (section["commits"] as? [[String: Any]] ?? []).map { "\($0["type"]!): \($0["subject"]!)" }
        }
    }

    @Test func theWholeHistoryOnEachBranchMatchesWhatWasShipped() throws {
        let main = try sandbox.changelog("--all")
        #expect(main.status == 0, "\(main.stderr)")
        #expect(main.stdout == (try Sandbox.golden("stable/main-all.md", actual: main.stdout)))
        try checkout("1-3-stable")
        let stable = try sandbox.changelog("--all")
        #expect(stable.stdout == (try Sandbox.golden("stable/stable-all.md", actual: stable.stdout)))
    }

    /// The issue's "done when": cutting 1.4.0 on main lists each change once across 1.3.1, 1.3.2 and
    /// 1.4.0. The pick whose conflict resolution changed its patch, without -x, is a different change.
    @Test func mainsReleaseListsEachChangeOnce() throws {
        _ = try sandbox.git("checkout", "-q", "-b", "cut", "v1.4.0")
        _ = try sandbox.git("tag", "-d", "v1.4.0")
        let main = try sandbox.changelog("--setversion", "1.4.0", "-T", "json")
        #expect(main.status == 0, "\(main.stderr)")
        #expect(
            try subjects(main) == [
                "feat: write CSV", "feat: dark mode", "fix: use the locale's date format",
                "fix: a typo in the help text", "perf: skip the second scan",
            ])
        #expect(
            try subjects(sandbox.changelog("notes", "1.3.1", "-T", "json")) == [
                "fix: keep the exit status on errors", "fix: accept empty input",
            ])
        #expect(
            try subjects(sandbox.changelog("notes", "1.3.2", "-T", "json")) == ["fix: align the toolbar", "perf: skip the second scan"])
        let markdown = try sandbox.changelog("--setversion", "1.4.0")
        #expect(!markdown.stdout.contains(id("empty-input").prefix(8)))
        #expect(!markdown.stdout.contains(id("exit-status").prefix(8)))
        #expect(!markdown.stdout.contains(id("toolbar").prefix(8)))
    }

    /// A release candidate cut from the stable branch shipped nothing for good: main still lists the feature.
    @Test func preReleasesOfOtherBranchesAreNotMaintenanceReleases() throws {
        _ = try sandbox.git("tag", "v1.3.3-rc.1", "1-3-stable")
        let main = try sandbox.changelog("--setversion", "1.4.0", "--to", "v1.4.0", "-T", "json")
        #expect(try subjects(main).contains("feat: dark mode"))
        #expect(try sandbox.changelog("--all").stdout == (try Sandbox.fixture("stable/main-all.md")))
    }

    @Test func markAndKeepListBackportsInBothReleases() throws {
        try sandbox.write("repo/.changelog.toml", "[branches]\nbackports = \"mark\"\n")
        let marked = try sandbox.changelog("--setversion", "1.4.0", "--to", "v1.4.0")
        #expect(
            marked.stdout.contains(
                "* **parser:** accept empty input ([\(id("empty-input").prefix(8))](https://github.com/acme/widget/commit/\(id("empty-input"))), closes [#41](https://github.com/acme/widget/issues/41)) (also in 1.3.1)\n"
            ))
        #expect(
            marked.stdout.contains(
                "* **ui:** align the toolbar ([\(id("toolbar").prefix(8))](https://github.com/acme/widget/commit/\(id("toolbar")))) (also in 1.3.2)\n"
            ))
        #expect(
            !marked.stdout.contains(
                "skip the second scan ([\(id("second-scan").prefix(8))](https://github.com/acme/widget/commit/\(id("second-scan")))) (also")
        )

        try sandbox.write("repo/.changelog.toml", "[branches]\nbackports = \"keep\"\n")
        let kept = try sandbox.changelog("--setversion", "1.4.0", "--to", "v1.4.0")
        #expect(kept.stdout.contains("accept empty input") && !kept.stdout.contains("(also in"))
        let json = try sandbox.changelog("--setversion", "1.4.0", "--to", "v1.4.0", "-T", "json")
        let object = try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any]
        let commits = ((object?["releases"] as? [[String: Any]])?.first?["sections"] as? [[String: Any]] ?? [])
            .flatMap { $0["commits"] as? [[String: Any]] ?? [] }
        let alsoIn = Dictionary(uniqueKeysWithValues: commits.map { ($0["id"] as! String, $0["alsoIn"] as? [String] ?? []) })
        #expect(alsoIn[id("empty-input")] == ["1.3.1"])
        #expect(alsoIn[id("exit-status")] == ["1.3.1"])
        #expect(alsoIn[id("toolbar")] == ["1.3.2"])
        #expect(alsoIn[id("second-scan")] == [])
    }

    @Test func inserting1_3_1OnMainKeepsVersionOrder() throws {
        try sandbox.write("repo/CHANGELOG.md", "# Changelog\n\n")
        for version in ["1.3.0", "1.4.0", "1.3.1"] {
            let result = try sandbox.changelog("--setversion", version, "--to", "v" + version, "-C", "CHANGELOG.md")
            #expect(result.status == 0, "\(result.stderr)")
        }
        let headings = try sandbox.read("repo/CHANGELOG.md").split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(headings.map { $0.split(separator: " ")[1].prefix(7) } == ["[1.4.0]", "[1.3.1]", "1.3.0"])
        let notes = try sandbox.changelog("notes", "1.3.1")
        #expect(notes.status == 0)
        #expect(notes.stdout.hasPrefix("#### Bug Fixes\n\n* **api:** keep the exit status on errors"))
    }

    @Test func nextOnTheStableBranchStaysAPatchAndWarns() throws {
        try checkout("1-3-stable")
        let result = try sandbox.changelog("next")
        #expect(result.status == 0)
        #expect(result.stdout == "1.3.3\n")
        let pick = try sandbox.git("rev-parse", "--short=8", "HEAD").trimmingCharacters(in: .newlines)
        #expect(
            result.stderr
                == "changelog: warning: 1-3-stable carries the version line 1.3: 1 commit asks for more than the line allows: \(pick) 'feat(ui): dark mode'; the version stays on the line\n"
        )
        // Elsewhere the same commits make a minor release; 1.4.0 is main's already, so the line moves past it.
        try sandbox.write("repo/.changelog.toml", "[branches]\npatch-only = [\"release/*\"]\n")
        let elsewhere = try sandbox.changelog("next")
        #expect(elsewhere.stdout == "1.5.0\n")
        #expect(elsewhere.stderr == "")
    }

    @Test func releaseOnTheStableBranchRefusesFeaturesUnlessAllowed() throws {
        try checkout("1-3-stable")
        let before = try sandbox.git("log", "--oneline", "--all") + sandbox.git("tag")
        let refused = try sandbox.changelog("release")
        #expect(refused.status == 2)
        let pick = try sandbox.git("rev-parse", "--short=8", "HEAD").trimmingCharacters(in: .newlines)
        #expect(
            refused.stderr
                == "changelog: error: 1-3-stable carries the version line 1.3, but a commit asks for more than the line allows: \(pick) 'feat(ui): dark mode'; move it off the branch, or pass --allow-features to release it on the line\n"
        )
        #expect(try sandbox.git("log", "--oneline", "--all") + sandbox.git("tag") == before)
        let allowed = try sandbox.changelog("release", "--allow-features")
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try sandbox.git("describe", "--exact-match", "HEAD") == "v1.3.3\n")
    }

    @Test func backportsListsExactlyTheFixesNotYetPicked() throws {
        let result = try sandbox.changelog("backports", "--onto", "1-3-stable")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                git cherry-pick -x \(id("second-scan"))  # perf(parser): skip the second scan
                git cherry-pick -x \(id("date-format"))  # fix(i18n): use the locale's date format
                git cherry-pick -x \(id("typo"))  # fix: a typo in the help text
                git cherry-pick -x \(id("late-fix"))  # fix: a late fix

                """)
        #expect(
            result.stderr == """
                changelog: 4 fixes to pick into 1-3-stable, oldest first; 3 already there
                changelog: left out 2 feat or breaking commits: a patch release takes fixes only

                """)
        let json = try sandbox.changelog("backports", "--onto", "1-3-stable", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any])
        let picked = (object["alreadyPicked"] as? [[String: String]] ?? []).map { [$0["id"]!, $0["evidence"]!] }
        #expect(picked == [[id("empty-input"), "trailer"], [id("exit-status"), "patch-id"], [id("toolbar"), "trailer"]])
        #expect(object["leftOut"] as? Int == 2)
        #expect((object["candidates"] as? [[String: Any]])?.count == 4)
        #expect(object["forkPoint"] as? String == (try sandbox.git("rev-parse", "v1.3.0^{commit}").trimmingCharacters(in: .newlines)))

        // Once picked, a fix is no longer a candidate.
        try checkout("1-3-stable")
        _ = try sandbox.git("cherry-pick", "-x", id("typo"))
        try checkout("main")
        #expect(!(try sandbox.changelog("backports", "--onto", "1-3-stable").stdout.contains(id("typo"))))
        let unknown = try sandbox.changelog("backports", "--onto", "2-0-stable")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'2-0-stable' is not a known revision"))
    }

    /// A change is compared by its patch only with commits that keep its subject or its author
    /// date, as a pick does even when it rewords the message: a fix made again by hand, with
    /// another subject and date, is another change; a reworded pick that kept the date is the same.
    @Test func patchesAreComparedOnlyWithCommitsKeepingTheSubjectOrTheDate() throws {
        try checkout("1-3-stable")
        _ = try sandbox.git("cherry-pick", "-n", id("typo"))
        _ = try sandbox.git("commit", "-q", "-m", "fix: correct the help text")
        _ = try sandbox.git("cherry-pick", "-n", id("late-fix"))
        let date = try sandbox.git("log", "-1", "--format=%aI", id("late-fix")).trimmingCharacters(in: .newlines)
        let reworded = try sandbox.run(
            "/usr/bin/env", ["git", "commit", "-q", "-m", "fix: the late one, reworded"], in: sandbox.root + "/repo",
            environment: ["GIT_AUTHOR_DATE": date])
        #expect(reworded.status == 0, "\(reworded.stderr)")
        try checkout("main")
        let json = try sandbox.changelog("backports", "--onto", "1-3-stable", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any])
        let picked = (object["alreadyPicked"] as? [[String: String]] ?? []).map { [$0["id"]!, $0["evidence"]!] }
        #expect(picked.contains([id("late-fix"), "patch-id"]), "\(picked)")
        #expect(!picked.contains { $0[0] == id("typo") }, "\(picked)")
        #expect(try sandbox.changelog("backports", "--onto", "1-3-stable").stdout.contains("git cherry-pick -x \(id("typo"))"))
    }

    /// A pick the stable branch reverted is not there: the fix is a candidate again.
    @Test func aPickRevertedOnTheStableBranchIsACandidateAgain() throws {
        try checkout("1-3-stable")
        _ = try sandbox.git("cherry-pick", "-x", id("date-format"))
        _ = try sandbox.git("revert", "--no-edit", "HEAD")
        try checkout("main")
        let result = try sandbox.changelog("backports", "--onto", "1-3-stable")
        #expect(result.stdout.contains("git cherry-pick -x \(id("date-format"))"))
    }

    /// A hand-written pick line may abbreviate the id; it still names the original.
    @Test func anAbbreviatedPickLineStillMatches() throws {
        try checkout("1-3-stable")
        _ = try sandbox.git("cherry-pick", "-n", id("late-fix"))
        try sandbox.write("repo/late.txt", "resolved by hand\n")
        _ = try sandbox.git("add", "-A")
        _ = try sandbox.git(
            "commit", "-q", "-m", "fix: a late fix\n\n(cherry picked from commit \(id("late-fix").prefix(12).uppercased()))")
        try checkout("main")
        #expect(!(try sandbox.changelog("backports", "--onto", "1-3-stable").stdout.contains(id("late-fix"))))
    }

    /// 1.3.3, released from the stable branch after main's 1.4.0, took nothing away from 1.4.0.
    @Test func aLaterMaintenanceReleaseLeavesEarlierReleasesAlone() throws {
        try checkout("1-3-stable")
        _ = try sandbox.git("cherry-pick", "-x", id("typo"))
        _ = try sandbox.git("tag", "-a", "-m", "Release 1.3.3", "v1.3.3")
        try checkout("main")
        #expect(try sandbox.changelog("notes", "1.4.0").stdout.contains("a typo in the help text"))
        let all = try sandbox.changelog("--all").stdout
        #expect(all.components(separatedBy: "a typo in the help text").count == 3, "in 1.4.0 and in 1.3.3")
    }

    /// A pre-release line never leads to a version another branch has released.
    @Test func aPrereleaseLineStartsAboveVersionsTakenElsewhere() throws {
        try sandbox.write("repo/.changelog.toml", "[branches]\npatch-only = [\"release/*\"]\n")
        try checkout("1-3-stable")
        #expect(try sandbox.changelog("next", "--prerelease", "rc").stdout == "1.5.0-rc.1\n")
    }

    @Test func cherryPickLinesPassTheCheck() throws {
        let result = try sandbox.changelog("check", "v1.3.0..1-3-stable")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix("checked 5 commits: 0 failed, 0 ignored\n"))
    }
}
