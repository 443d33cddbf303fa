import ChangelogCore
import FixtureSupport
import Foundation
import Git
import Testing

@testable import ChangelogKit

/// The release cut in-process: its refusals before anything is written, and its way back when a
/// write fails, with the files' side replaced by a stand-in that fails where told.
@Suite struct CutReleaseTests {
    /// A repository at `v1.0.0` plus a feature and a fix, with a committed CHANGELOG.md and VERSION.
    struct Scene {
        let sandbox: Sandbox
        var repo: String { sandbox.root + "/repo" }

        init() throws {
            sandbox = try Sandbox()
            _ = try sandbox.build(text: "commit feat: one\ntag v1.0.0\ncommit feat: two\ncommit fix: three\n")
            _ = try sandbox.git("reset", "-q", "--hard")
            try sandbox.write("repo/VERSION", "1.0.0\n")
            try sandbox.write("repo/CHANGELOG.md", "# Changelog\n\nHand-written intro.\n")
            _ = try sandbox.git("add", "-A")
            _ = try sandbox.git("commit", "-q", "-m", "build: version files")
            // The identity a release commits and tags with, from the repository's own configuration.
            _ = try sandbox.git("config", "user.name", "Release Manager")
            _ = try sandbox.git("config", "user.email", "release@example.com")
        }

        func release(
            _ version: String? = nil, files: any ReleaseFiles = DiskReleaseFiles(),
            _ adjust: (inout ReleaseRequest) -> Void = { _ in }
        ) throws(ChangelogError) -> ReleaseReport {
            let repository: Repository
            do { repository = try Repository(discoveringFrom: repo) } catch { throw ChangelogError(error) }
            let configuration = try! Configuration.parse("[release]\nfiles = [\"VERSION\"]\n", file: ".changelog.toml", flavor: .changelog)
            var request = ReleaseRequest(
                today: Timestamp(secondsSince1970: 1_795_219_200, offsetMinutes: 0),
                links: LinkContext(repositoryURL: nil, style: .github))
            request.version = version.flatMap(SemanticVersion.init)
            adjust(&request)
            var cut = CutRelease(history: try History(repository: repository), configuration: configuration, request: request)
            cut.releaseFiles = files
            return try cut.run()
        }

        func read(_ name: String) throws -> String { try sandbox.read("repo/" + name) }
        var isPending: Bool { FileManager.default.fileExists(atPath: repo + "/.git/changelog-release") }
        func tags() throws -> String { try sandbox.git("tag", "--list") }
        func head() throws -> String { try sandbox.git("rev-parse", "HEAD") }
    }

    /// Fails the `failAt`-th replacement, and every restore while `restoresFail` holds; otherwise the disk.
    final class FailingFiles: ReleaseFiles {
        let disk = DiskReleaseFiles()
        let failAt: Int
        let restoresFail: Bool
        private(set) var replacements = 0

        init(failAt: Int, restoresFail: Bool = false) {
            self.failAt = failAt
            self.restoresFail = restoresFail
        }

        func read(_ path: String) throws(ChangelogError) -> [UInt8]? { try disk.read(path) }

        func replace(_ path: String, with bytes: [UInt8]) throws(ChangelogError) {
            replacements += 1
            if replacements == failAt { throw ChangelogError("cannot write \(path): No space left on device") }
            try disk.replace(path, with: bytes)
        }

        func restore(_ old: [UInt8], to path: String) throws(ChangelogError) {
            if restoresFail { throw ChangelogError("cannot restore \(path): Input/output error") }
            try disk.restore(old, to: path)
        }

        func remove(_ path: String) throws(ChangelogError) { try disk.remove(path) }
        func removeTemporary(of path: String) throws(ChangelogError) { try disk.removeTemporary(of: path) }
        func restoreIndex(_ old: [UInt8]?, at path: String) throws(ChangelogError) { try disk.restoreIndex(old, at: path) }
    }

    @Test func aVersionNotAboveTheCurrentOneIsRefusedBeforeAnythingIsWritten() throws {
        let scene = try Scene()
        let before = try scene.head()
        let error = #expect(throws: ChangelogError.self) { try scene.release("1.0.0") }
        #expect(error?.message.hasPrefix("1.0.0 is not greater than the current version 1.0.0 (v1.0.0)") == true)
        #expect(try scene.head() == before)
        #expect(try scene.read("VERSION") == "1.0.0\n")
        #expect(!scene.isPending)
    }

    @Test func uncommittedChangesToAFileTheReleaseWritesAreRefused() throws {
        let scene = try Scene()
        try scene.sandbox.write("repo/VERSION", "1.0.0-local\n")
        let error = #expect(throws: ChangelogError.self) { try scene.release() }
        #expect(error?.message == "uncommitted changes in VERSION; commit or stash them first, or pass --allow-dirty")
        #expect(try scene.read("VERSION") == "1.0.0-local\n")
        #expect(try scene.tags() == "v1.0.0\n")
    }

    @Test func aReleasedHeadIsRefused() throws {
        let scene = try Scene()
        _ = try scene.release()
        let error = #expect(throws: ChangelogError.self) { try scene.release() }
        #expect(error?.message == "HEAD is already released as v1.1.0; commit the changes to release first")
    }

    @Test func theSuggestedVersionIsReleasedThroughTheFiles() throws {
        let scene = try Scene()
        let files = FailingFiles(failAt: 0)
        let report = try scene.release(files: files)
        #expect(report.version.description == "1.1.0")
        #expect(files.replacements == 2, "CHANGELOG.md and VERSION go through the seam")
        #expect(try scene.read("VERSION") == "1.1.0\n")
        #expect(try scene.tags() == "v1.0.0\nv1.1.0\n")
        #expect(!scene.isPending)
    }

    @Test func aFailedWriteRollsTheWholeReleaseBack() throws {
        let scene = try Scene()
        let before = try scene.head()
        let changelog = try scene.read("CHANGELOG.md")
        let error = #expect(throws: ChangelogError.self) { try scene.release(files: FailingFiles(failAt: 2)) }
        #expect(error?.message.hasPrefix("the release of 1.1.0 failed and was undone: cannot write ") == true)
        #expect(try scene.read("CHANGELOG.md") == changelog, "the file written first is put back")
        #expect(try scene.read("VERSION") == "1.0.0\n")
        #expect(try scene.head() == before)
        #expect(try scene.tags() == "v1.0.0\n")
        #expect(try scene.sandbox.git("status", "--porcelain") == "")
        #expect(!scene.isPending)
    }

    @Test func aRollbackThatFailsTooLeavesAPendingReleaseThatAbortSettles() throws {
        let scene = try Scene()
        let before = try scene.head()
        let changelog = try scene.read("CHANGELOG.md")
        let error = #expect(throws: ChangelogError.self) {
            try scene.release(files: FailingFiles(failAt: 2, restoresFail: true))
        }
        #expect(error?.message.contains("could not be undone (cannot restore ") == true)
        #expect(
            error?.message.hasSuffix("run `changelog release --continue` to finish it, or `changelog release --abort` to undo it") == true)
        #expect(scene.isPending, "the journal stays: it is the only record of the way back")
        #expect(try scene.read("CHANGELOG.md") != changelog)

        let repository = try Repository(discoveringFrom: scene.repo)
        let (summary, warnings) = try PendingRelease(repository: repository).abort()
        #expect(warnings.isEmpty)
        #expect(summary.hasPrefix("aborted the release of 1.1.0: CHANGELOG.md, VERSION, the index"))
        #expect(try scene.read("CHANGELOG.md") == changelog)
        #expect(try scene.head() == before)
        #expect(try scene.tags() == "v1.0.0\n")
        #expect(!scene.isPending)
    }
}
