import FixtureSupport
import Foundation
import Testing

/// On a 20,000-commit, ~200-tag history, `--all` puts every listed commit in exactly one release:
/// the lowest version tag reachable from HEAD that contains it, as the git command line says.
@Suite(.serialized) struct LargeHistoryTests {
    @Test func everyListedCommitIsInTheLowestTagThatContainsIt() throws {
        let sandbox = try Sandbox()
        let (output, ids) = try sandbox.importSynthetic(SyntheticHistory(commits: 20_000, tagEvery: 100))
        #expect(output.tags.count >= 180)

        // Oracle: walking the tags in version order, `git rev-list T --not <earlier tags>` is what T
        // adds; that is exactly "the lowest tag that contains the commit".
        let tagNames = try sandbox.git("tag", "--merged", "HEAD", "--sort=version:refname").split(separator: "\n").map(String.init)
        var expected: [String: String] = [:]  // commit id -> tag name ("" = unreleased)
        var earlier: [String] = []
        for tag in tagNames {
            let listed = try sandbox.run("/usr/bin/env", ["git", "rev-list", tag, "--not"] + earlier, in: sandbox.root + "/repo")
            for id in listed.stdout.split(separator: "\n") { expected[String(id)] = tag }
            earlier.append(tag)
        }
        for id in try sandbox.git("rev-list", "HEAD", "--not", "--tags").split(separator: "\n") { expected[String(id)] = "" }

        let result = try sandbox.changelog("--all", "-T", "json")
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        let releases = try #require(document["releases"] as? [[String: Any]])
        var foundIn: [String: Set<String>] = [:]
        for release in releases {
            let tag = release["tag"] as? String ?? ""
            for section in release["sections"] as? [[String: Any]] ?? [] {
                for commit in section["commits"] as? [[String: Any]] ?? [] {
                    foundIn[commit["id"] as! String, default: []].insert(tag)
                }
            }
        }
        var listedCount = 0, problems: [String] = []
        for (mark, kind) in output.kinds where kind.isListed {
            listedCount += 1
            let id = ids[mark]!
            let releasesWithIt = foundIn[id] ?? []
            if releasesWithIt != [expected[id]!] {
                problems.append("\(id) (\(kind)) expected in '\(expected[id]!)', found in \(releasesWithIt.sorted())")
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(listedCount > 15_000)
        let unlisted = output.kinds.filter { !$0.value.isListed }.map { ids[$0.key]! }
        #expect(unlisted.allSatisfy { foundIn[$0] == nil }, "chores, merges and non-conventional commits stay out")

        // The oracle itself agrees with `git tag --contains` on a sample.
        for mark in stride(from: 1, to: 20_000, by: 2_477) {
            let id = ids[mark]!
            let containing = try sandbox.git("tag", "--merged", "HEAD", "--contains", id, "--sort=version:refname")
            #expect((containing.split(separator: "\n").first.map(String.init) ?? "") == expected[id]!)
        }
    }
}
