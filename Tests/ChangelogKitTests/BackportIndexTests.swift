import ChangelogCore
import FixtureSupport
import Git
import Testing

@testable import ChangelogKit

/// `--all` compares every release's commits with the maintenance releases that shipped before it
/// through one index, looking at each commit once: it must find exactly what comparing them with
/// each maintenance release on its own finds.
@Suite struct BackportIndexTests {
    @Test func oneLookPerCommitFindsWhatEachReleaseOnItsOwnFinds() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.importSynthetic(SyntheticHistory(commits: 2_000, seed: 3, shape: .maintenance, releaseEvery: 60))
        let history = try History(repository: Repository(discoveringFrom: sandbox.root + "/repo"))
        let head = try history.resolve("HEAD")
        let releases = try history.releaseHistory(head: head)
        let maintenance = try history.maintenanceReleases(
            of: releases.unreachableTags.filter { !$0.version.isPrerelease }, target: head)
        #expect(maintenance.count >= 20)
        let index = history.backportIndex(maintenance)
        let everything = SemanticVersion(major: 9_999, minor: 0, patch: 0)
        var found = 0
        for entry in releases.entries {
            guard let previous = entry.previous else { continue }
            // As `--all` bounds each release, and wider: every maintenance release above the previous one.
            for (limit, date) in [(entry.tag?.version ?? everything, entry.date), (everything, nil)] {
                let relevant = maintenance.filter { release in
                    release.tag.version > previous.version && release.tag.version < limit && date.map { release.date < $0 } ?? true
                }
                let expected = try history.backported(entry.commits, in: relevant)
                let indexed = try history.backported(
                    entry.commits, in: index, above: previous.version, below: limit, shippedBefore: date)
                #expect(indexed == expected, "\(entry.tag?.name ?? "unreleased") below \(limit)")
                found += expected.count
            }
        }
        #expect(found >= 20, "the history's fixes picked into its maintenance branches are found")
    }
}
