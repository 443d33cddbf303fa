import FixtureSupport
import Foundation
import Testing

/// What a release refuses before anything changes: configured paths that lead out of the working
/// tree, a read-only changelog, a version file it would move backwards.
@Suite struct ReleaseSafetyTests {
    private func expectRefusal(
        _ scene: ReleaseScene, _ arguments: [String], containing text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try scene.state()
        let result = try scene.sandbox.run(Sandbox.changelogBinary, arguments, in: scene.repo)
        #expect(result.status == 2, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout == "", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try scene.state() == before, sourceLocation: sourceLocation)
    }

    @Test func aVersionFileThroughACommittedLinkToADirectoryOutsideIsRefused() throws {
        let scene = try ReleaseScene(config: "[release]\nfiles = [\"VERSION\", \"vendor/VERSION\"]\n")
        try scene.sandbox.write("outside/VERSION", "1.0.0\n")
        try FileManager.default.createSymbolicLink(atPath: scene.repo + "/vendor", withDestinationPath: "../outside")
        _ = try scene.git("add", "vendor")
        _ = try scene.git("commit", "-q", "-m", "build: vendor the version")
        try expectRefusal(scene, ["release"], containing: "vendor/VERSION is outside the repository (it leads to ")
        #expect(try scene.sandbox.read("outside/VERSION") == "1.0.0\n")
    }

    @Test(arguments: ["../x.md", "docs/../../x.md", "/tmp/changelog-outside-x.md", "link-out/x.md"])
    func aConfiguredChangelogOutsideTheWorkingTreeIsRefused(_ path: String) throws {
        let scene = try ReleaseScene(config: "[changelog]\nchangelog = \"\(path)\"\n")
        try FileManager.default.createSymbolicLink(atPath: scene.repo + "/link-out", withDestinationPath: scene.sandbox.root)
        _ = try scene.git("add", "link-out")
        _ = try scene.git("commit", "-q", "-m", "build: a link out")
        try expectRefusal(scene, ["release"], containing: "\(path) is outside the repository")
        // generate reads the same setting, and refuses it the same way.
        try expectRefusal(scene, [], containing: "\(path) is outside the repository")
        #expect(!FileManager.default.fileExists(atPath: scene.sandbox.root + "/x.md"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/changelog-outside-x.md"))
    }

    @Test func aChangelogLinkedOutsideIsRefused() throws {
        let scene = try ReleaseScene()
        try scene.sandbox.write("elsewhere.md", "# Elsewhere\n")
        _ = try scene.git("rm", "-q", "CHANGELOG.md")
        try FileManager.default.createSymbolicLink(
            atPath: scene.repo + "/CHANGELOG.md", withDestinationPath: scene.sandbox.root + "/elsewhere.md")
        _ = try scene.git("add", "CHANGELOG.md")
        _ = try scene.git("commit", "-q", "-m", "docs: link the changelog")
        try expectRefusal(scene, ["release"], containing: "CHANGELOG.md is outside the repository (it leads to ")
        #expect(try scene.sandbox.read("elsewhere.md") == "# Elsewhere\n")
    }

    /// Paths on the command line are the user's own, wherever they lead.
    @Test func aChangelogNamedOnTheCommandLineMayBeOutside() throws {
        let scene = try ReleaseScene(config: "[changelog]\nchangelog = \"../x.md\"\n")
        let result = try scene.changelog("--setversion", "2.0.0", "-C", "../x.md")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scene.sandbox.read("x.md").contains("<a name=\"2.0.0\"></a>"))
    }

    @Test func aReadOnlyChangelogIsRefusedBeforeAnythingChanges() throws {
        let scene = try ReleaseScene()
        #expect(chmod(scene.repo + "/CHANGELOG.md", 0o444) == 0)
        try expectRefusal(
            scene, ["release"], containing: "CHANGELOG.md is read-only; make it writable (chmod u+w CHANGELOG.md) before releasing")
        let info = try FileManager.default.attributesOfItem(atPath: scene.repo + "/CHANGELOG.md")
        #expect((info[.posixPermissions] as? Int) == 0o444)
        #expect(chmod(scene.repo + "/CHANGELOG.md", 0o644) == 0)
        #expect(try scene.changelog("release").status == 0)
    }

    /// A FIFO where CHANGELOG.md or a version file should be is refused at once, never read (a
    /// read would wait for a writer forever) and never replaced.
    @Test(arguments: ["CHANGELOG.md", "VERSION"])
    func aFIFOWhereAFileShouldBeIsRefusedWithoutReadingIt(_ name: String) throws {
        let scene = try ReleaseScene()
        let path = scene.repo + "/" + name
        #expect(unlink(path) == 0 && mkfifo(path, 0o644) == 0)
        for arguments in [["release"], ["release", "--dry-run"], ["release", "--allow-dirty"]] {
            let result = try scene.sandbox.changelogLimited(arguments, limit: 30)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(
                result.stderr
                    == "changelog: error: \(name) is not a regular file (a FIFO, socket or device); a release writes it as a file "
                    + "of the working tree, so put the file back (git checkout -- \(name)) or configure another path\n")
        }
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(try scene.git("tag", "--list", "v2.*") == "")
    }

    @Test func aVersionFileIsNeverMovedBackwards() throws {
        let scene = try ReleaseScene()
        try scene.sandbox.write("repo/VERSION", "3.0.0\n")
        _ = try scene.git("commit", "-q", "-am", "build: VERSION ahead")
        try expectRefusal(
            scene, ["release"],
            containing:
                "VERSION holds 3.0.0, above the 2.0.0 being released; a release never moves a version file backwards: release a higher version, or fix VERSION"
        )
        try expectRefusal(scene, ["release", "2.9.9"], containing: "VERSION holds 3.0.0, above the 2.9.9 being released")
        let result = try scene.changelog("release", "3.0.0")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scene.sandbox.read("repo/VERSION") == "3.0.0\n")
        #expect(try scene.sandbox.read("repo/package.json").contains("\"version\": \"3.0.0\""))
    }
}
