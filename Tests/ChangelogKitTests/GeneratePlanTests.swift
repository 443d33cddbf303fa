import ChangelogCore
import ChangelogKit
import FixtureSupport
import Git
import Testing

/// What `Generate` decides to render, before any text: which releases, their versions, tags,
/// previous tags, dates and commits, on a history with a maintenance branch merged back.
@Suite struct GeneratePlanTests {
    private static let today = Timestamp(secondsSince1970: 1_795_219_200, offsetMinutes: 0)

    private func plan(_ adjust: (inout GenerateRequest) -> Void) throws -> [ReleasePlan] {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: HistoryTests.maintenance)
        let history = try History(repository: Repository(discoveringFrom: sandbox.root + "/repo"))
        var request = GenerateRequest(today: Self.today)
        adjust(&request)
        return try Generate(history: history, request: request).plan()
    }

    private func summary(_ plan: ReleasePlan) -> String {
        let version = plan.version?.description ?? "unreleased"
        let subjects = plan.commits.map(\.commit.subjectLine).joined(separator: ", ")
        return "\(version) \(plan.tag ?? "-") after \(plan.previousTag ?? "-") on \(plan.date.day): \(subjects)"
    }

    @Test func unreleasedCommitsSinceTheHighestReachableRelease() throws {
        let plans = try plan { _ in }
        #expect(plans.map(summary) == ["unreleased - after V2.0.0-rc.1 on 2026-11-21: "])
        #expect(plans[0].head == "HEAD")
    }

    @Test func aNewVersionTakesTodayAndTheTagPrefixInUse() throws {
        let plans = try plan { $0.version = .exact(SemanticVersion("2.0.0")!) }
        #expect(plans.map(summary) == ["2.0.0 V2.0.0 after V2.0.0-rc.1 on 2026-11-21: "])
        #expect(plans[0].date == Self.today)
    }

    @Test func regeneratingATaggedReleaseStartsBelowItAndKeepsItsDate() throws {
        let plans = try plan {
            $0.version = .exact(SemanticVersion("1.4.0")!)
            $0.to = "v1.4.0"
        }
        #expect(plans.count == 1)
        #expect(plans[0].tag == "v1.4.0")
        #expect(plans[0].previousTag == "v1.3.0")
        #expect(plans[0].commits.map(\.commit.subjectLine) == ["fix: three", "feat: two"])
        #expect(plans[0].date != Self.today, "a tagged release keeps the tag's own date")
    }

    @Test func everyReleaseNewestFirstWithItsOwnCommits() throws {
        let plans = try plan { $0.all = true }
        #expect(plans.map { $0.tag ?? "-" } == ["V2.0.0-rc.1", "v1.4.0", "v1.3.1", "v1.3.0"])
        #expect(plans.map { $0.previousTag ?? "-" } == ["v1.4.0", "v1.3.0", "v1.3.0", "-"])
        #expect(plans[2].commits.map(\.commit.subjectLine) == ["fix: backported"])
        #expect(plans[0].commits.map(\.commit.subjectLine) == ["fix: latest", "Merge branch '1-3-stable'", "fix: after 1.4.0"])
    }

    @Test func aRangeFromARevisionNamesItsTag() throws {
        let plans = try plan { $0.from = "v1.3.1" }
        #expect(plans.count == 1)
        #expect(plans[0].previousTag == "v1.3.1")
        #expect(plans[0].commits.map(\.commit.subjectLine).contains("feat: two"))
        #expect(!plans[0].commits.map(\.commit.subjectLine).contains("fix: backported"))
    }
}
