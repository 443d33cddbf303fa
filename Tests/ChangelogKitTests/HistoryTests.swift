import ChangelogCore
import ChangelogKit
import FixtureSupport
import Git
import Testing

/// The previous release is the highest version tag reachable from the target, never the newest by date.
@Suite struct HistoryTests {
    static let maintenance = """
        commit feat: one
        tag v1.3.0
        branch 1-3-stable
        commit feat: two
        commit fix: three
        tag v1.4.0
        checkout 1-3-stable
        commit fix: backported
        tag v1.3.1
        checkout main
        commit fix: after 1.4.0
        merge 1-3-stable
        commit fix: latest
        tag not-a-version
        tag V2.0.0-rc.1
        """

    @Test func aMergedMaintenanceTagDoesNotHideTheHigherRelease() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: Self.maintenance)
        let history = try History(repository: Repository(discoveringFrom: sandbox.root + "/repo"))
        #expect(history.tags.map(\.name) == ["v1.3.0", "v1.3.1", "v1.4.0", "V2.0.0-rc.1"])
        let head = try history.resolve("HEAD")
        #expect(try history.previousRelease(of: head)?.name == "V2.0.0-rc.1")
        #expect(try history.previousRelease(of: head, below: SemanticVersion("2.0.0-rc.1")!)?.name == "v1.4.0")
        #expect(try history.previousRelease(of: history.resolve("1-3-stable"))?.name == "v1.3.1", "1.4.0 is not on the stable branch")
        #expect(try history.previousRelease(of: history.resolve("v1.4.0"), below: SemanticVersion("1.4.0")!)?.name == "v1.3.0")
        #expect(try history.previousRelease(of: history.resolve("v1.3.0"), below: SemanticVersion("1.3.0")!) == nil)
    }

    @Test func commitsOfARangeAreWhatGitRevListSays() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: Self.maintenance)
        let history = try History(repository: Repository(discoveringFrom: sandbox.root + "/repo"))
        let commits = try history.commits(from: history.resolve("v1.4.0"), to: history.resolve("HEAD"))
        let expected = try sandbox.git("rev-list", "v1.4.0..HEAD").split(separator: "\n").map(String.init)
        #expect(commits.map(\.commit.id.hex) == expected)
        #expect(
            commits.map(\.commit.subjectLine)
                == ["fix: latest", "Merge branch '1-3-stable'", "fix: after 1.4.0", "fix: backported"])
    }

    @Test func everyReleaseOwnsTheCommitsItFirstShipped() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: Self.maintenance)
        let history = try History(repository: Repository(discoveringFrom: sandbox.root + "/repo"))
        let releases = try history.releaseHistory(head: history.resolve("HEAD"))
        let summary = releases.entries.map { entry in
            "\(entry.tag?.name ?? "-") after \(entry.previous?.name ?? "-"): "
                + entry.commits.map(\.subjectLine).joined(separator: ", ")
        }
        #expect(
            summary == [
                "V2.0.0-rc.1 after v1.4.0: fix: latest, Merge branch '1-3-stable', fix: after 1.4.0",
                "v1.4.0 after v1.3.0: fix: three, feat: two",
                "v1.3.1 after v1.3.0: fix: backported",
                "v1.3.0 after -: feat: one",
            ])
    }

    /// One release, named as the configured prefix says, else as most version tags are spelled
    /// (`v` on a tie); the other spelling stays attached to it.
    @Test func theSameVersionTaggedTwiceTakesTheProjectsSpelling() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit feat: one\ntag 1.0.0\ntag v1.0.0\ncommit fix: two\ntag 1.0.1\n")
        let repository = try Repository(discoveringFrom: sandbox.root + "/repo")
        let history = try History(repository: repository)
        #expect(history.tags.map(\.name) == ["1.0.0", "1.0.1"])
        #expect(history.tags.first?.otherSpellings.map(\.name) == ["v1.0.0"])
        #expect(try History(repository: repository, tagPrefix: "v").tags.map(\.name) == ["v1.0.0", "1.0.1"])

        let tie = try Sandbox()
        _ = try tie.build(text: "commit feat: one\ntag 1.0.0\ntag v1.0.0\n")
        #expect(try History(repository: Repository(discoveringFrom: tie.root + "/repo")).tags.map(\.name) == ["v1.0.0"])
    }
}
