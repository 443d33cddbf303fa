import FixtureSupport
import Foundation
import Testing

/// A release on a really full disk: a small tmpfs, filled so that only so many bytes are left,
/// one more page each round, until the release fits. Whichever write runs out of space, the
/// repository is untouched, released, or pending and then settled by `--abort` or `--continue`.
/// Mounting needs root (as in most CI containers); elsewhere `ReleaseFaultTests` simulates the
/// full disk with a fault point instead.
@Suite struct ReleaseDiskFullTests {
    static let canMount: Bool = {
        guard getuid() == 0, let sandbox = try? Sandbox("tmpfs-probe") else { return false }
        let point = sandbox.root + "/probe"
        guard (try? FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)) != nil,
            (try? sandbox.run("/usr/bin/env", ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", point]))?.status == 0
        else { return false }
        _ = try? sandbox.run("/usr/bin/env", ["umount", point])
        return true
    }()

    @Test(.enabled(if: canMount, "mounting a tmpfs needs root"))
    func aFullDiskAtAnyWriteLeavesOneOfThreeOutcomes() throws {
        let scene = try ReleaseScene()
        let point = scene.sandbox.root + "/disk"
        try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
        let mounted = try scene.sandbox.run("/usr/bin/env", ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", point])
        try #require(mounted.status == 0, "\(mounted.stderr)")
        defer { _ = try? scene.sandbox.run("/usr/bin/env", ["umount", "-l", point]) }
        var copy = scene
        copy.directory = "disk/repo"
        let filler = point + "/filler"
        var outcomes: [String: Int] = [:]
        var settled = 0
        for round in 0..<80 {
            _ = try? FileManager.default.removeItem(atPath: copy.repo)
            #expect(try scene.sandbox.run("/usr/bin/env", ["cp", "-a", scene.repo, copy.repo]).status == 0)
            let before = try copy.state()
            var info = statvfs()
            #expect(statvfs(point, &info) == 0)
            let available = Int(info.f_bavail) * Int(info.f_frsize)
            let left = round * 4_096
            FileManager.default.createFile(atPath: filler, contents: Data(count: max(0, available - left)))
            let result = try copy.changelog("release")
            try FileManager.default.removeItem(atPath: filler)
            #expect(result.stderr.split(separator: "\n").count <= 1, "\(result.stderr)")
            let outcome: String
            if copy.isPending {
                outcome = "pending"
                #expect(result.status == 2)
                #expect(
                    result.stderr.hasSuffix(
                        "it is pending: run `changelog release --continue` to finish it, or `changelog release --abort` to undo it\n"),
                    "\(result.stderr)")
                try copy.expectPendingRefusal()
                // Space is back: settle it, one way or the other in turn.
                let option = settled % 2 == 0 ? "--abort" : "--continue"
                settled += 1
                let settling = try copy.changelog("release", option)
                #expect(settling.status == 0, "\(settling.stderr)")
                if option == "--abort" { #expect(try copy.state() == before) } else { try copy.expectComplete() }
            } else if result.status == 0 {
                outcome = "complete"
                try copy.expectComplete()
            } else {
                outcome = "untouched"
                #expect(result.status == 2)
                #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
                #expect(try copy.state() == before)
            }
            outcomes[outcome, default: 0] += 1
            if outcome == "complete" { break }
        }
        #expect(outcomes["untouched", default: 0] > 0)
        #expect(outcomes["complete"] == 1)
        print("disk full, outcomes by free space in 4 KiB steps: \(outcomes)")
    }
}
