import FixtureSupport
import Foundation
import Testing

/// `[changelog] other` through the built binary, on the widget history (which has one commit that
/// is not a Conventional Commit, "Update README", besides merges and a fixup).
@Suite struct OtherChangesEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
        try sandbox.write("repo/.changelog.toml", "[changelog]\nother = \"Other Changes\"\n")
    }

    @Test func markdownListsThemLastAndLeavesMergesAndFixupsOut() throws {
        let result = try sandbox.changelog("--all")
        #expect(result.status == 0, "\(result.stderr)")
        let sections = result.stdout.components(separatedBy: "<a name=")
        let release020 = try #require(sections.first { $0.hasPrefix("\"0.2.0\"") })
        let other = try #require(release020.range(of: "#### Other Changes\n\n* Update README ("))
        #expect(release020[other.upperBound...].split(separator: "\n").count == 1, "the last section")
        #expect(!result.stdout.contains("Merge pull request"))
        #expect(!result.stdout.contains("fixup!"))
        #expect(result.stdout.components(separatedBy: "#### Other Changes").count == 2, "only 0.2.0 has one")
    }

    @Test func jsonGivesThemANullType() throws {
        let result = try sandbox.changelog("--all", "-T", "json")
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let releases = try #require(document["releases"] as? [[String: Any]])
        let release = try #require(releases.first { $0["version"] as? String == "0.2.0" })
        let sections = try #require(release["sections"] as? [[String: Any]])
        let other = try #require(sections.last)
        #expect(other["title"] as? String == "Other Changes")
        let commits = try #require(other["commits"] as? [[String: Any]])
        #expect(commits.map { $0["subject"] as? String } == ["Update README"])
        #expect(commits.first?["type"] is NSNull)
    }

    @Test func withoutTheKeyTheyAreDropped() throws {
        try FileManager.default.removeItem(atPath: sandbox.root + "/repo/.changelog.toml")
        let result = try sandbox.changelog("--all")
        #expect(result.status == 0)
        #expect(!result.stdout.contains("Update README"))
        #expect(!result.stdout.contains("Other Changes"))
    }
}
