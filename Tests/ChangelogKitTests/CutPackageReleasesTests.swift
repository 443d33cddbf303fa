import ChangelogCore
import FixtureSupport
import Foundation
import Git
import Testing

@testable import ChangelogKit

/// A release of several packages cut in-process: a failure after the first tag is in place puts
/// everything back, the first tag included.
@Suite struct CutPackageReleasesTests {
    /// Writes to the disk, and on its first replacement creates the tag `tag` as another process
    /// would, so that the release meets it when it comes to that tag.
    final class TagRacingFiles: ReleaseFiles {
        let disk = DiskReleaseFiles()
        let sandbox: Sandbox
        let tag: String
        private var raced = false

        init(sandbox: Sandbox, tag: String) {
            self.sandbox = sandbox
            self.tag = tag
        }

        func read(_ path: String) throws(ChangelogError) -> [UInt8]? { try disk.read(path) }

        func replace(_ path: String, with bytes: [UInt8]) throws(ChangelogError) {
            if !raced {
                raced = true
                _ = try? sandbox.git("tag", tag, "HEAD")
            }
            try disk.replace(path, with: bytes)
        }

        func restore(_ old: [UInt8], to path: String) throws(ChangelogError) { try disk.restore(old, to: path) }
        func remove(_ path: String) throws(ChangelogError) { try disk.remove(path) }
        func removeTemporary(of path: String) throws(ChangelogError) { try disk.removeTemporary(of: path) }
        func restoreIndex(_ old: [UInt8]?, at path: String) throws(ChangelogError) { try disk.restoreIndex(old, at: path) }
    }

    private static let config = """
        [packages.api]
        path = "packages/api"
        files = ["packages/api/VERSION"]
        [packages.web]
        path = "packages/web"
        files = ["packages/web/VERSION"]
        """

    private func scene() throws -> Sandbox {
        let sandbox = try Sandbox()
        _ = try sandbox.build(
            text: """
                write packages/api/a.txt
                write packages/web/w.txt
                commit chore: init
                tag api-v1.0.0
                tag web-v1.0.0
                write packages/api/a.txt
                commit feat: api feature
                write packages/web/w.txt
                commit fix: web fix
                """)
        _ = try sandbox.git("reset", "-q", "--hard")
        try sandbox.write("repo/packages/api/VERSION", "1.0.0\n")
        try sandbox.write("repo/packages/web/VERSION", "1.0.0\n")
        _ = try sandbox.git("add", "-A")
        _ = try sandbox.git("commit", "-q", "-m", "build: versions")
        _ = try sandbox.git("config", "user.name", "Release Manager")
        _ = try sandbox.git("config", "user.email", "release@example.com")
        return sandbox
    }

    private func release(_ sandbox: Sandbox, files: any ReleaseFiles) throws(ChangelogError) -> PackagesReleaseReport {
        let repository: Repository
        do { repository = try Repository(discoveringFrom: sandbox.root + "/repo") } catch { throw ChangelogError(error) }
        let configuration = try! Configuration.parse(Self.config, file: ".changelog.toml", flavor: .changelog)
        let request = ReleaseRequest(
            today: Timestamp(secondsSince1970: 1_795_219_200, offsetMinutes: 0), links: LinkContext(repositoryURL: nil, style: .github))
        var cut = CutPackageReleases(repository: repository, configuration: configuration, names: [], request: request)
        cut.releaseFiles = files
        return try cut.run()
    }

    @Test func bothPackagesAreReleasedThroughTheFiles() throws {
        let sandbox = try scene()
        let report = try release(sandbox, files: DiskReleaseFiles())
        #expect(report.summary == "api 1.1.0, web 1.0.1")
        #expect(report.skipped.isEmpty)
        #expect(report.commits.map(\.message) == ["chore: tag api-v1.1.0, web-v1.0.1"])
        #expect(try sandbox.git("tag", "--points-at", "HEAD") == "api-v1.1.0\nweb-v1.0.1\n")
        #expect(try sandbox.read("repo/packages/web/VERSION") == "1.0.1\n")
    }

    @Test func aTagTakenMeanwhileUndoesTheWholeRelease() throws {
        let sandbox = try scene()
        let head = try sandbox.git("rev-parse", "HEAD")
        let error = #expect(throws: ChangelogError.self) {
            try release(sandbox, files: TagRacingFiles(sandbox: sandbox, tag: "web-v1.0.1"))
        }
        #expect(
            error?.message
                == "the release of api 1.1.0, web 1.0.1 failed and was undone: the tag web-v1.0.1 was created by someone else "
                + "meanwhile (git tag -d web-v1.0.1 deletes it)")
        // The first tag, the commit and the files are gone; the other process's tag stays.
        #expect(try sandbox.git("tag", "--list") == "api-v1.0.0\nweb-v1.0.0\nweb-v1.0.1\n")
        #expect(try sandbox.git("rev-parse", "HEAD") == head)
        #expect(try sandbox.read("repo/packages/api/VERSION") == "1.0.0\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/repo/packages/api/CHANGELOG.md"))
        #expect(try sandbox.git("status", "--porcelain") == "")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/repo/.git/changelog-release"))
    }

    /// The default message lists the tags while they fit a 72-character subject; past that it
    /// counts the packages and lists the tags in the body. A configured message is kept as written.
    @Test func aLongDefaultMessageCountsThePackages() {
        func message(_ template: String, isDefault: Bool = true, _ tags: [String]) -> String {
            CutPackageReleases.message(
                template, isDefault: isDefault, short: "chore: release \(tags.count) packages", versions: "v", tagNames: tags)
        }
        #expect(message("chore: tag {tag}", ["api-v1.1.0", "web-v1.0.1"]) == "chore: tag api-v1.1.0, web-v1.0.1")
        let fits = (1...5).map { "p\($0)-v1.0.0" }  // 11 + 5 * 9 + 4 * 2 = 64 characters
        #expect(message("chore: tag {tag}", fits) == "chore: tag " + fits.joined(separator: ", "))
        let many = (1...7).map { "p\($0)-v1.0.0" }  // 11 + 7 * 9 + 6 * 2 = 86 characters
        #expect(message("chore: tag {tag}", many) == "chore: release 7 packages\n\n" + many.joined(separator: "\n"))
        #expect(message("chore(release): {tag}", isDefault: false, many) == "chore(release): " + many.joined(separator: ", "))
    }
}
