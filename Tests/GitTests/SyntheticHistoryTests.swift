import FixtureSupport
import Foundation
import Testing

/// The benchmark's histories: the linear shape's stream must never change (ids of existing
/// benchmarks and tests depend on it), and the maintenance shape must be what it claims: real ids
/// in its cherry-pick lines, picks with their original's patch, tags off the main line.
@Suite struct SyntheticHistoryTests {
    @Test func sha1MatchesTheStandardAndGit() throws {
        var hash = SHA1()
        hash.update(Array("abc".utf8))
        #expect(hex(hash.finish()) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        let sandbox = try Sandbox()
        // Lengths around the 56- and 64-byte padding boundaries, and several blocks.
        for length in [0, 47, 48, 55, 56, 63, 64, 1_000] {
            let text = String(repeating: "a", count: length)
            let result = try sandbox.run("/usr/bin/env", ["git", "hash-object", "--stdin"], input: text)
            #expect(
                hex(SHA1.objectID(type: "blob", content: Array(text.utf8))) == result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            )
        }
    }

    @Test func linearStreamIsUnchanged() {
        var hash = SHA1()
        hash.update(SyntheticHistory(commits: 3_000, tagEvery: 50, seed: 7).generate().stream)
        #expect(hex(hash.finish()) == "033398caa9051e731f3552fe89fbd818a0b5eb32")
    }

    @Test func maintenanceShapeHasRealPicksTagsOffMainAndSquashes() throws {
        let sandbox = try Sandbox()
        let history = SyntheticHistory(commits: 2_000, seed: 3, shape: .maintenance, releaseEvery: 60)
        #expect(history.generate().stream == history.generate().stream)
        let (output, ids) = try sandbox.importSynthetic(history)
        #expect(output.ids == ids)

        let offLine = output.tags.filter { output.offLineTags.contains($0.name) }
        #expect(offLine.count >= 40)
        let onMain = Set(try sandbox.git("tag", "--merged", "main").split(separator: "\n").map(String.init))
        #expect(onMain.isDisjoint(with: output.offLineTags))
        #expect(onMain.count == output.tags.count - offLine.count)
        #expect(onMain.allSatisfy { $0.hasSuffix(".0") })

        #expect(output.picks.count >= 40)
        var trailers = 0
        for (pick, original) in output.picks.sorted(by: { $0.key < $1.key }).prefix(30) {
            let message = try sandbox.git("log", "-1", "--format=%B", ids[pick]!)
            if message.contains("(cherry picked from commit \(ids[original]!))") { trailers += 1 }
            #expect(try patchID(ids[pick]!, sandbox) == patchID(ids[original]!, sandbox))
            #expect(
                try sandbox.git("log", "-1", "--format=%an %ad", ids[pick]!) == sandbox.git("log", "-1", "--format=%an %ad", ids[original]!)
            )
        }
        #expect(trailers >= 15 && trailers < 30)

        #expect(output.squashes.count >= 2)
        for (squash, branch) in output.squashes {
            let id = ids[squash]!
            let tip = try sandbox.git("rev-parse", branch).trimmingCharacters(in: .whitespacesAndNewlines)
            let subject = try sandbox.git("log", "-1", "--format=%s", tip).trimmingCharacters(in: .whitespacesAndNewlines)
            let squashSubject = try sandbox.git("log", "-1", "--format=%s", id).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(squashSubject.hasPrefix(subject + " (#"), "\(squashSubject)")
            #expect(try sandbox.git("merge-base", "--is-ancestor", id, "main").isEmpty)
            // Every path the branch changed has the branch's content on main at the squash.
            let fork = try sandbox.git("merge-base", id, tip).trimmingCharacters(in: .whitespacesAndNewlines)
            let paths = try sandbox.git("diff", "--name-only", fork, tip).split(separator: "\n").map(String.init)
            #expect(!paths.isEmpty)
            let differing = try sandbox.run(
                "/usr/bin/env", ["git", "diff", "--name-only", id, tip, "--"] + paths, in: sandbox.root + "/repo")
            #expect(differing.status == 0 && differing.stdout.isEmpty, "\(differing.stdout)")
        }
    }

    private func patchID(_ id: String, _ sandbox: Sandbox) throws -> String {
        let result = try sandbox.run("/bin/sh", ["-c", "git show \"$1\" | git patch-id --stable", "sh", id], in: sandbox.root + "/repo")
        return String(result.stdout.prefix(40))
    }

    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
