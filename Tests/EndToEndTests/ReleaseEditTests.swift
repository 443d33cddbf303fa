import FixtureSupport
import Foundation
import Testing

/// A file edited while a release runs (while a slow signer signs, say) is never overwritten: a
/// release replaces a file only over the bytes it computed the new ones from, so it finds the
/// edit, rolls back what it wrote, exits 2 naming the file, and the edit stays.
@Suite struct ReleaseEditTests {
    /// Runs `arguments`, which stop once the release's objects are written (the tag signed), edits
    /// `file` then, and lets the release go on: it must fail naming the file and keep the edit.
    private func expectEditKept(
        _ scene: ReleaseScene, _ arguments: [String], editing file: String, state: () throws -> [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try state()
        let pipe = Pipe()
        let release = try scene.start(arguments, environment: ["CHANGELOG_FAULT": "objects:stop"], stderr: pipe)
        try waitUntilStopped(release)
        let edited = try scene.sandbox.read("repo/" + file) + "EDIT DURING RELEASE\n"
        try scene.sandbox.write("repo/" + file, edited)
        let during = try state()
        kill(release.processIdentifier, SIGCONT)
        release.waitUntilExit()
        let stderr = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(release.terminationStatus == 2, sourceLocation: sourceLocation)
        #expect(stderr.contains("\(file) changed while the release was being made"), "\(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.split(separator: "\n").count == 1, "\(stderr)", sourceLocation: sourceLocation)
        #expect(!scene.isPending, sourceLocation: sourceLocation)
        #expect(try scene.sandbox.read("repo/" + file) == edited, sourceLocation: sourceLocation)
        #expect(try state() == during, sourceLocation: sourceLocation)
        #expect(during != before, sourceLocation: sourceLocation)
    }

    /// Makes the release sign with a program that runs `command`, then signs as gpg would.
    private func signing(_ scene: ReleaseScene, first command: String) throws {
        let program = scene.sandbox.root + "/signing-gpg"
        try scene.sandbox.write(
            "signing-gpg",
            """
            #!/bin/sh
            \(command)
            cat >/dev/null
            echo '[GNUPG:] SIG_CREATED ' >&2
            printf -- '-----BEGIN PGP SIGNATURE-----\\n\\nAAAA\\n-----END PGP SIGNATURE-----\\n'

            """)
        chmod(program, 0o755)
        _ = try scene.git("config", "gpg.program", program)
        _ = try scene.git("config", "user.signingkey", "X")
    }

    /// The hostile tester's case: the signing program itself appends to CHANGELOG.md.
    @Test func anEditMadeWhileTheTagIsSignedIsKept() throws {
        let scene = try ReleaseScene()
        try signing(scene, first: "printf 'EDIT DURING RELEASE\\n' >> '\(scene.repo)/CHANGELOG.md'")
        let before = try scene.state()
        let result = try scene.changelog("release", "--sign")
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(
            result.stderr.hasPrefix("changelog: error: the release of 2.0.0 failed and was undone: CHANGELOG.md changed while"),
            "\(result.stderr)")
        #expect(!scene.isPending)
        var expected = before
        expected[2] = " M CHANGELOG.md\n"
        expected[6] = before[6] + "EDIT DURING RELEASE\n"
        #expect(try scene.state() == expected)
    }

    /// A tag of the same name made while the release signs its own: the release is undone, the other
    /// tag kept, and the message does not send the user to a `--continue` there is nothing to continue.
    @Test func aTagMadeWhileTheReleaseSignsIsKept() throws {
        let scene = try ReleaseScene()
        try signing(scene, first: "git -C '\(scene.repo)' tag v2.0.0 HEAD")
        let head = try scene.git("rev-parse", "HEAD")
        let result = try scene.changelog("release", "--sign")
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "changelog: error: the release of 2.0.0 failed and was undone: the tag v2.0.0 was created by someone else "
                + "meanwhile (git tag -d v2.0.0 deletes it)\n", "\(result.stderr)")
        #expect(!scene.isPending)
        #expect(try scene.git("rev-parse", "HEAD") == head)
        #expect(try scene.git("rev-parse", "v2.0.0") == head)
        #expect(try scene.git("status", "--porcelain") == "")
    }

    /// Every file a release writes is checked, not the changelog only: the version files, and the
    /// lock file that follows a manifest.
    @Test(arguments: ["CHANGELOG.md", "VERSION", "package.json", "package-lock.json"])
    func anEditToAnyReleasedFileIsKept(_ file: String) throws {
        let scene = try ReleaseScene()
        try scene.sandbox.write("repo/package-lock.json", ReleaseLockFileTests.packageLock)
        _ = try scene.git("add", "-A")
        _ = try scene.git("commit", "-q", "-m", "build: the lock file")
        try expectEditKept(scene, ["release"], editing: file) {
            try scene.state() + [try scene.sandbox.read("repo/package-lock.json")]
        }
    }

    /// So is every file of a release of several packages.
    @Test(arguments: ["packages/web/package.json", "packages/api/CHANGELOG.md"])
    func anEditDuringAReleaseOfSeveralPackagesIsKept(_ file: String) throws {
        let scene = try PackageReleaseTests.scene()
        // The changelog the release creates must exist to be edited: start it as a heading.
        if file.hasSuffix("CHANGELOG.md") {
            try scene.sandbox.write("repo/" + file, "# Changelog\n")
            _ = try scene.git("add", "-A")
            _ = try scene.git("commit", "-q", "-m", "docs: the api changelog")
        }
        try expectEditKept(scene, ["release", "--all-packages"], editing: file) { try PackageReleaseTests.state(scene) }
    }
}
