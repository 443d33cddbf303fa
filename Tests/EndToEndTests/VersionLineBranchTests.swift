import FixtureSupport
import Foundation
import Testing

/// Branches named for a version line (`release/0.24`, `release-1.3`, `1-3-stable`, `v1.3.x`): the
/// procedure that cuts `release/0.24` from main to make 0.24.0, then patches there.
@Suite struct VersionLineBranchTests {
    /// main at 0.23.3 with `features` feats and a fix since, and `release/0.24` cut from it, checked out.
    private func releaseBranch(features: Int = 2) throws -> Sandbox {
        let sandbox = try Sandbox()
        var history = "commit feat: base\ntag v0.23.3\n"
        for number in 1...features { history += "commit feat: feature \(number)\n" }
        history += "commit fix: a fix\nbranch release/0.24\ncheckout release/0.24\n"
        _ = try sandbox.build(text: history)
        _ = try sandbox.git("reset", "-q", "--hard")
        return sandbox
    }

    private func json(_ result: Sandbox.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
    }

    private func shortID(_ sandbox: Sandbox, _ revision: String) throws -> String {
        try sandbox.git("rev-parse", "--short=8", revision).trimmingCharacters(in: .newlines)
    }

    @Test func theFirstReleaseOnTheLineIsItsMinorRelease() throws {
        let sandbox = try releaseBranch()
        let next = try sandbox.changelog("next")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout == "0.24.0\n")
        #expect(next.stderr == "changelog: release/0.24 carries the version line 0.24: releases there are 0.24.z\n")
        let object = try json(try sandbox.changelog("next", "--format", "json"))
        #expect(object["current"] as? String == "0.23.3")
        #expect(object["next"] as? String == "0.24.0")
        #expect(object["nextTag"] as? String == "v0.24.0")
        #expect(object["bump"] as? String == "minor")

        let release = try sandbox.changelog("release")
        #expect(release.status == 0, "\(release.stderr)")
        #expect(release.stderr == "")
        #expect(release.stdout.hasPrefix("released 0.24.0 (after v0.23.3)\n"))
        #expect(try sandbox.git("describe", "--exact-match", "HEAD") == "v0.24.0\n")
    }

    /// CI checks a branch out as a detached HEAD at its tip: the branch's line still applies, to
    /// `next`, `--bump` and `release --allow-detached`. With main at the same commit, nothing says
    /// which branch is meant, and no line applies.
    @Test func aDetachedHeadAtTheLinesTipKeepsTheLine() throws {
        let sandbox = try releaseBranch()
        #expect(try sandbox.changelog("release").status == 0)
        for (number, subject) in ["feat!: picked by mistake", "fix: another"].enumerated() {
            try sandbox.write("repo/late\(number)", "\(number)\n")
            _ = try sandbox.git("add", "-A")
            _ = try sandbox.git("commit", "-q", "-m", subject)
        }
        _ = try sandbox.git("checkout", "-q", "--detach", "release/0.24")
        let next = try sandbox.changelog("next")
        #expect(next.stdout == "0.24.1\n", "\(next.stderr)")
        #expect(next.stderr.hasPrefix("changelog: warning: release/0.24 carries the version line 0.24"), "\(next.stderr)")
        #expect(try sandbox.changelog("--bump").stdout.hasPrefix("<a name=\"0.24.1\"></a>"))
        let refused = try sandbox.changelog("release", "--allow-detached")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("release/0.24 carries the version line 0.24, but"), "\(refused.stderr)")
        _ = try sandbox.git("branch", "-f", "main", "HEAD")
        let ambiguous = try sandbox.changelog("next")
        #expect(ambiguous.stdout != "0.24.1\n" && !ambiguous.stderr.contains("carries the version line"), "\(ambiguous.stdout)")
        #expect(
            ambiguous.stderr.hasSuffix(
                "changelog: HEAD is detached where main and release/0.24 point, so no branch's rules apply; "
                    + "check out the branch to release from for its version line\n"), "\(ambiguous.stderr)")
    }

    @Test func onlyFixesStillJumpIntoTheLine() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit feat: base\ntag v0.23.3\ncommit fix: one\nbranch release/0.24\ncheckout release/0.24\n")
        #expect(try sandbox.changelog("next").stdout == "0.24.0\n")
        #expect(try sandbox.changelog("next", "--prerelease", "rc").stdout == "0.24.0-rc.1\n")
        // generate --bump agrees with next there.
        let generated = try sandbox.changelog("--bump")
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.hasPrefix("<a name=\"0.24.0\"></a>"), "\(generated.stdout)")
    }

    @Test func laterReleasesArePatchesAndOneLineSaysWhichCommitsAskedForMore() throws {
        let sandbox = try releaseBranch()
        #expect(try sandbox.changelog("release").status == 0)
        for number in 1...24 {
            try sandbox.write("repo/file\(number)", "\(number)\n")
            _ = try sandbox.git("add", "-A")
            _ = try sandbox.git("commit", "-q", "-m", number == 12 ? "fix: the fix \(number)" : "feat: late feature \(number)")
        }
        let next = try sandbox.changelog("next")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout == "0.24.1\n")
        let first = try (0..<3).map { try shortID(sandbox, "HEAD~\($0)") }
        #expect(
            next.stderr == "changelog: warning: release/0.24 carries the version line 0.24: 23 commits ask for more than the line allows: "
                + "\(first[0]) 'feat: late feature 24', \(first[1]) 'feat: late feature 23', \(first[2]) 'feat: late feature 22' and 20 more; "
                + "the version stays on the line\n")
        // --bump gets the same version, and says the same.
        let bumped = try sandbox.changelog("--bump")
        #expect(bumped.stdout.hasPrefix("<a name=\"0.24.1\"></a>"))
        #expect(bumped.stderr == next.stderr)

        let refused = try sandbox.changelog("release")
        #expect(refused.status == 2)
        #expect(
            refused.stderr.hasPrefix(
                "changelog: error: release/0.24 carries the version line 0.24, but 23 commits ask for more than the line allows: "))
        #expect(refused.stderr.hasSuffix("and 20 more; move them off the branch, or pass --allow-features to release them on the line\n"))
        #expect(refused.stderr.components(separatedBy: "\n").count == 2, "one line")
        let allowed = try sandbox.changelog("release", "--allow-features")
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try sandbox.git("describe", "--exact-match", "HEAD") == "v0.24.1\n")
    }

    @Test func anExplicitVersionOffTheLineIsRefused() throws {
        let sandbox = try releaseBranch()
        for version in ["0.25.0", "0.23.4", "1.0.0"] {
            let result = try sandbox.changelog("release", version, "--dry-run")
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(
                result.stderr == "changelog: error: release/0.24 carries the version line 0.24, and \(version) is not on it; "
                    + "choose a 0.24.z version, release \(version) from another branch, or pass --allow-features to release it here anyway\n"
            )
        }
        #expect(try sandbox.git("tag", "--list") == "v0.23.3\n")
        #expect(try sandbox.changelog("release", "0.24.2", "--dry-run").status == 0, "any version on the line")
        let anyway = try sandbox.changelog("release", "0.25.0", "--allow-features", "--dry-run")
        #expect(anyway.status == 0, "\(anyway.stderr)")
        #expect(anyway.stdout.hasPrefix("dry run: release 0.25.0 (after v0.23.3)"))
        let onTheLine = try sandbox.changelog("release", "0.24.0")
        #expect(onTheLine.status == 0, "\(onTheLine.stderr)")
        #expect(try sandbox.git("tag", "--list") == "v0.23.3\nv0.24.0\n")
    }

    @Test func aBreakingChangeAboveTheLineIsCappedAtItsFirstRelease() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit feat: base\ntag v1.2.3\ncommit feat!: new protocol\nbranch release-1.3\ncheckout release-1.3\n")
        _ = try sandbox.git("reset", "-q", "--hard")
        let next = try sandbox.changelog("next")
        #expect(next.stdout == "1.3.0\n")
        let id = try shortID(sandbox, "HEAD")
        #expect(
            next.stderr
                == "changelog: warning: release-1.3 carries the version line 1.3: 1 commit asks for more than the line allows: \(id) 'feat!: new protocol'; the version stays on the line\n"
        )
        #expect(try sandbox.changelog("release").status == 2)
        let allowed = try sandbox.changelog("release", "--allow-features")
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try sandbox.git("describe", "--exact-match", "HEAD") == "v1.3.0\n")
    }

    @Test(
        "Each spelling of a line bounds next",
        arguments: [
            ("v1.3.x", "v1.2.3", "feat: one", "1.3.0"),
            ("1.3.x", "v1.2.3", "fix: one", "1.3.0"),
            ("release/v2.1", "v1.9.0", "feat: one", "2.1.0"),
            ("1-3-stable", "v1.3.0", "feat: one", "1.3.1"),
            ("release/0.24", "v0.24.2", "feat!: one", "0.24.3"),
        ])
    func spellings(_ branch: String, _ tag: String, _ message: String, _ expected: String) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit feat: base\ntag \(tag)\ncommit \(message)\nbranch \(branch)\ncheckout \(branch)\n")
        let next = try sandbox.changelog("next")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout == "\(expected)\n")
        #expect(next.stderr.components(separatedBy: "\n").count == 2, "one line: \(next.stderr)")
    }

    @Test func aPrereleaseOfTheLinesFirstReleaseStillTakesFeatures() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(
            text: "commit feat: base\ntag v0.23.3\ncommit feat: one\ntag v0.24.0-rc.1\ncommit feat: two\n"
                + "branch release/0.24\ncheckout release/0.24\n")
        let next = try sandbox.changelog("next", "--prerelease", "rc")
        #expect(next.stdout == "0.24.0-rc.2\n")
        #expect(next.stderr == "changelog: release/0.24 carries the version line 0.24: releases there are 0.24.z\n")
        #expect(try sandbox.changelog("next").stdout == "0.24.0\n")
    }

    @Test func aLineBelowTheLatestReleaseIsAnError() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit feat: base\ntag v0.25.0\ncommit fix: one\nbranch release/0.24\ncheckout release/0.24\n")
        let next = try sandbox.changelog("next")
        #expect(next.status == 2)
        #expect(next.stdout == "")
        #expect(
            next.stderr == "changelog: error: this branch carries the version line 0.24, but its latest release 0.25.0 is above the line; "
                + "release from a branch of 0.25.0's line\n")
    }

    @Test func aPatchOnlyBranchWithoutAVersionStaysPatchOnlyWithOneSummaryLine() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(
            text: "commit feat: base\ntag v1.2.3\ncommit feat: a\ncommit feat: b\ncommit fix: c\ncommit feat!: d\ncommit feat: e\n"
                + "branch maintenance/lts\ncheckout maintenance/lts\n")
        let next = try sandbox.changelog("next")
        #expect(next.stdout == "1.2.4\n")
        let ids = try [0, 1, 3].map { try shortID(sandbox, "HEAD~\($0)") }
        #expect(
            next.stderr
                == "changelog: warning: 4 commits ask for more than a patch, but maintenance/lts is patch-only ([branches] patch-only): "
                + "\(ids[0]) 'feat: e', \(ids[1]) 'feat!: d', \(ids[2]) 'feat: b' and 1 more; the version stays a patch\n")
    }

    @Test func lineBranchesFollowPatchOnly() throws {
        let sandbox = try releaseBranch()
        try sandbox.write("repo/.changelog.toml", "[branches]\npatch-only = []\n")
        let next = try sandbox.changelog("next")
        #expect(next.stdout == "0.24.0\n")
        #expect(next.stderr == "", "not a maintenance branch: no line")
    }
}

/// Histories whose only tags are pre-releases.
@Suite struct PrereleaseOnlyHistoryTests {
    @Test func theHighestPrereleaseIsCurrentAndAFeatureStartsTheNextMinorLine() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit fix: base\ntag v0.1.0-rc.1\ncommit fix: one\ntag v0.1.1-rc.1\ncommit feat: new\n")
        let result = try sandbox.changelog("next", "--prerelease", "rc", "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        #expect(object["current"] as? String == "0.1.1-rc.1")
        #expect(object["currentTag"] as? String == "v0.1.1-rc.1")
        #expect(object["next"] as? String == "0.2.0-rc.1")
        #expect(object["nextTag"] as? String == "v0.2.0-rc.1")
        #expect(object["bump"] as? String == "minor")
        #expect((object["commits"] as? [[String: Any]])?.map { $0["subject"] as? String } == ["new"])
        #expect(try sandbox.changelog("next").stdout == "0.2.0\n")
    }

    @Test func aBreakingChangeAfterAMinorLineGivesTheNextMajor() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit feat: base\ntag v1.3.0-rc.1\ncommit fix: one\ntag v1.3.0-rc.2\ncommit feat!: rework\n")
        let plain = try sandbox.changelog("next", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: plain.stdoutBytes) as? [String: Any])
        #expect(object["current"] as? String == "1.3.0-rc.2")
        #expect(object["next"] as? String == "2.0.0")
        #expect(object["bump"] as? String == "major")
        #expect(try sandbox.changelog("next", "--prerelease", "rc").stdout == "2.0.0-rc.1\n")
    }

    /// The sections agree with `next`: each pre-release is a release of its own, and the next one
    /// starts after the highest.
    @Test func sectionsOfAPrereleaseOnlyHistory() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(
            text: "remote origin git@github.com:acme/rc.git\ncommit fix: base\ntag v0.1.0-rc.1\ncommit fix: one\n"
                + "tag v0.1.1-rc.1\ncommit feat: new\n")
        let all = try sandbox.changelog("--all", "--bump", "-T", "json")
        #expect(all.status == 0, "\(all.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: all.stdoutBytes) as? [String: Any])
        let releases = try #require(object["releases"] as? [[String: Any]])
        #expect(releases.map { $0["tag"] as? String } == ["v0.2.0", "v0.1.1-rc.1", "v0.1.0-rc.1"])
        #expect(releases.map { $0["previousTag"] as? String } == ["v0.1.1-rc.1", "v0.1.0-rc.1", nil])
        let section = try sandbox.changelog("--setversion", "0.2.0-rc.1")
        #expect(
            section.stdout.hasPrefix(
                "<a name=\"0.2.0-rc.1\"></a>\n## [0.2.0-rc.1](https://github.com/acme/rc/compare/v0.1.1-rc.1...v0.2.0-rc.1)"),
            "\(section.stdout)")
        let notes = try sandbox.changelog("notes", "0.1.1-rc.1")
        #expect(notes.status == 0, "\(notes.stderr)")
        #expect(notes.stdout.contains("* one (["), "\(notes.stdout)")
        #expect(!notes.stdout.contains("base"))
    }

    @Test func noErrorNamesAnEmptyIdentifier() throws {
        // Once "--prerelease  would give 2.0.0": a stable release far below a pre-release line.
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit fix: base\ntag v1.2.3\ncommit feat!: a\ntag v2.1.0-rc.1\ncommit feat!: b\n")
        let next = try sandbox.changelog("next")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout == "3.0.0\n")
        let lower = try sandbox.changelog("next", "--prerelease", "alpha")
        #expect(lower.status == 0, "\(lower.stderr)")
        #expect(lower.stdout == "3.0.0-alpha.1\n")
    }
}
