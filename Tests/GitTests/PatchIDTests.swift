import FixtureSupport
import Foundation
import Git
import Testing

/// Patch-ids and fork points against git's own `patch-id --stable` and `merge-base`.
@Suite struct PatchIDTests {
    @Test func patchIDsAreGitsStableOnes() throws {
        let sandbox = try Sandbox()
        let fixture = try sandbox.build(history: "stable")
        let repository = try Repository(discoveringFrom: fixture.path)
        for label in ["empty-input", "second-scan", "toolbar"] {
            let id = fixture.labels[label]!
            let shown = try sandbox.run("/bin/sh", ["-c", "git show \(id.hex) | git patch-id --stable"], in: fixture.path)
            let expected = shown.stdout.split(separator: " ").first.map(String.init)
            #expect(try repository.patchID(of: id)?.hex == expected, "\(label)")
        }
        // A pick without -x has the same patch; one edited in a conflict does not.
        let stable = try repository.walk(
            including: [try repository.resolveCommit("1-3-stable")], excluding: [try repository.resolveCommit("v1.3.0")])
        let bySubject = Dictionary(uniqueKeysWithValues: stable.map { ($0.message.prefix { $0 != "\n" }, $0.id) })
        #expect(
            try repository.patchID(of: bySubject["fix(api): keep the exit status on errors"]!)
                == repository.patchID(of: fixture.labels["exit-status"]!))
        #expect(
            try repository.patchID(of: bySubject["perf(parser): skip the second scan"]!)
                != repository.patchID(of: fixture.labels["second-scan"]!))
        let merge = try sandbox.build(history: "widget", into: "widget")
        let mergeCommit = try Repository(discoveringFrom: merge.path).resolveCommit(":/Merge pull request")
        #expect(try Repository(discoveringFrom: merge.path).patchID(of: mergeCommit) == nil)
    }

    @Test func mergeBaseAndDescendants() throws {
        let sandbox = try Sandbox()
        let fixture = try sandbox.build(history: "stable")
        let repository = try Repository(discoveringFrom: fixture.path)
        let main = try repository.resolveCommit("main"), stable = try repository.resolveCommit("1-3-stable")
        let base = try repository.mergeBase(main, stable)
        #expect(base?.hex == (try sandbox.git("merge-base", "main", "1-3-stable", in: fixture.path).trimmingCharacters(in: .newlines)))
        #expect(try repository.isDescendant(main, of: base!))
        #expect(!(try repository.isDescendant(main, of: stable)))
        #expect(!(try repository.isDescendant(main, of: main)))
    }
}
