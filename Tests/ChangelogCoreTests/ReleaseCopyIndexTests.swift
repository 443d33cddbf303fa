import Testing

@testable import ChangelogCore

@Suite("ReleaseCopyIndex: traces a release left when it came back")
struct ReleaseCopyIndexTests {
    let tip = CoreCommitFactory.source("aaaaaaaa", "chore: tag 0.23.1\n")
    let version = SemanticVersion(major: 0, minor: 23, patch: 1)

    private func index(_ commits: [SourceCommit], at time: Int64 = 200) -> ReleaseCopyIndex {
        ReleaseCopyIndex(commits, committed: commits.map { _ in time })
    }

    @Test func aSquashMergeSubjectWithItsPullRequestNumber() {
        let squash = CoreCommitFactory.source("bbbbbbbb", "chore: tag 0.23.1 (#45)\n")
        #expect(index([squash]).mayHoldCopy(of: tip, committed: 100, version: version))
        // The other ways of naming it: a forge's list of squashed commits, or the version.
        let listed = CoreCommitFactory.source("cccccccc", "Release branch 0.23 (#46)\n\n* fix: x\n* chore: tag 0.23.1\n")
        #expect(index([listed]).mayHoldCopy(of: tip, committed: 100, version: version))
        let named = CoreCommitFactory.source("dddddddd", "Merge the 0.23.1 release (#47)\n")
        #expect(index([named]).mayHoldCopy(of: tip, committed: 100, version: version))
    }

    @Test func aCopyNamingTheTipOrKeepingItsAuthorAndDate() {
        let picked = CoreCommitFactory.source("eeeeeeee", "fix: other subject\n\n(cherry picked from commit \(tip.id))\n")
        #expect(index([picked]).mayHoldCopy(of: tip, committed: 100, version: version))
        var rebased = tip
        rebased.id = CoreCommitFactory.id("ffffffff")
        #expect(index([rebased]).mayHoldCopy(of: tip, committed: 100, version: version))
    }

    /// A fix made here and picked into a maintenance branch shares everything with the pick, but
    /// it was committed first: that release did not come back.
    @Test func anOriginalCommittedBeforeThePickIsNoTrace() {
        var original = tip
        original.id = CoreCommitFactory.id("12345678")
        #expect(!index([original], at: 50).mayHoldCopy(of: tip, committed: 100, version: version))
        #expect(index([original], at: 100).mayHoldCopy(of: tip, committed: 100, version: version))
    }

    /// `cherry-pick -e` and a rebase's reword keep the author and date, not the subject.
    @Test func aCopyWithANewSubjectKeepsItsAuthorAndDate() {
        var reworded = tip
        reworded.id = CoreCommitFactory.id("ffffffff")
        reworded.message = "fix: the start crash, forward-ported\n"
        #expect(index([reworded]).mayHoldCopy(of: tip, committed: 100, version: version))
        reworded.date = Timestamp(secondsSince1970: tip.date.secondsSince1970 + 1, offsetMinutes: 0)
        #expect(!index([reworded]).mayHoldCopy(of: tip, committed: 100, version: version))
    }

    @Test func unrelatedCommitsAreNoTrace() {
        let commits = [
            CoreCommitFactory.source("11111111", "chore: tag 0.23.0 (#44)\n"),
            CoreCommitFactory.source("22222222", "fix: bump the parser to 0.23.10\n"),
            CoreCommitFactory.source("33333333", "chore: tag 0.24.1 (#x45)\n"),
        ].enumerated().map { offset, commit in
            var other = commit
            other.date = Timestamp(secondsSince1970: tip.date.secondsSince1970 - 1 - Int64(offset), offsetMinutes: 0)
            return other
        }
        #expect(!index(commits).mayHoldCopy(of: tip, committed: 100, version: version))
    }

    @Test func messagesThatNameARelease() {
        #expect(ReleaseCopyIndex.message("chore: tag 0.23.1 (#45)\n\nbody", names: "chore: tag 0.23.1", version: version))
        #expect(ReleaseCopyIndex.message("Release v0.23.1\n", names: "chore: tag 0.23.1", version: version))
        #expect(ReleaseCopyIndex.message("release/0.23 (#9)\n\n* chore: tag 0.23.1\n", names: "chore: tag 0.23.1", version: version))
        #expect(!ReleaseCopyIndex.message("chore: tag 0.23.10 (#45)\n", names: "chore: tag 0.23.1", version: version))
        // Closing punctuation and a branch's name around the version, as squash merges are titled.
        for subject in ["chore: release 0.23.1.", "chore: release v0.23.1!", "release/0.23.1 (#45)", "Merge branch 'release-0.23.1'"] {
            #expect(ReleaseCopyIndex.message(subject + "\n", names: "chore: tag 0.23.1", version: version), "\(subject)")
        }
        for subject in ["release/0.23.10 (#45)", "chore: bump-0.23.1x", "fix 2-0.23.1"] {
            #expect(!ReleaseCopyIndex.message(subject + "\n", names: "chore: tag 0.23.1", version: version), "\(subject)")
        }
        #expect(!ReleaseCopyIndex.message("", names: "chore: tag 0.23.1", version: version))
    }

    @Test func keysDropOnlyAForgesPullRequestNumber() {
        #expect(ReleaseCopyIndex.key("  fix: x (#12) ") == "fix: x")
        #expect(ReleaseCopyIndex.key("fix: x (#12a)") == "fix: x (#12a)")
        #expect(ReleaseCopyIndex.key("fix: x (#)") == "fix: x (#)")
        #expect(ReleaseCopyIndex.key("fix: (#12)") == "fix:")
    }

    /// ASCII subjects are cut as bytes, others as characters: both ways give the same keys.
    @Test func keysAreTheSameForAsciiAndOtherSubjects() {
        #expect(ReleaseCopyIndex.key("\tfix: x \t\r") == "fix: x")
        #expect(ReleaseCopyIndex.key("\tfix: é \t\r") == "fix: é")
        #expect(ReleaseCopyIndex.key("fix: é (#12)") == "fix: é")
        #expect(ReleaseCopyIndex.key("fix: e\u{301} (#12)") == "fix: e\u{301}")
        // A `\r\n` inside a line split on characters is one character: neither trimmed nor cut.
        #expect(ReleaseCopyIndex.key("fix: x\r\n") == "fix: x\r\n")
        #expect(ReleaseCopyIndex.key("fix: x\r\n (#3)") == "fix: x\r\n")
        #expect(ReleaseCopyIndex.key("12)") == "12)")
        #expect(ReleaseCopyIndex.key(" (#12)") == "(#12)")
        #expect(ReleaseCopyIndex.key("   ") == "")
        #expect(ReleaseCopyIndex.key("fix: é".dropLast(2)) == "fix:")
    }

    @Test func subjectLinesEndAtTheFirstLineBreak() {
        #expect(ReleaseCopyIndex.subjectLine(of: "fix: x\r\nbody") == "fix: x")
        #expect(ReleaseCopyIndex.subjectLine(of: "fix: é\n\nbody\n") == "fix: é")
        #expect(ReleaseCopyIndex.subjectLine(of: "fix: x") == "fix: x")
        #expect(ReleaseCopyIndex.subjectLine(of: "\nfix: x") == "")
    }
}
