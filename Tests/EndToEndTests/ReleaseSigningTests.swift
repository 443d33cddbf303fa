import FixtureSupport
import Foundation
import Testing

/// Signed release tags, made with throwaway keys and verified by `git tag -v`.
@Suite struct ReleaseSigningTests {
    @Test func anOpenPGPSignedTagVerifies() throws {
        let scene = try ReleaseScene()
        // gpg-agent's socket path must stay short, so the keyring lives in a short /tmp directory.
        let home = try ShortTemporaryDirectory()
        let environment = ["GNUPGHOME": home.path]
        defer { _ = try? scene.sandbox.run("/usr/bin/env", ["gpgconf", "--kill", "gpg-agent"], environment: environment) }
        let made = try scene.sandbox.run(
            "/usr/bin/env",
            [
                "gpg", "--batch", "--passphrase", "", "--quick-gen-key",
                "Test Runner <runner@example.com>", "ed25519", "sign", "never",
            ],
            environment: environment)
        try #require(made.status == 0, "gpg could not make a key: \(made.stderr)")
        _ = try scene.git("config", "tag.gpgSign", "true")

        let result = try scene.changelog("release", environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  tagged v2.0.0 signed (openpgp)\n"))
        let verified = try scene.sandbox.run("/usr/bin/env", ["git", "tag", "-v", "v2.0.0"], in: scene.repo, environment: environment)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stderr.contains("Good signature from \"Test Runner <runner@example.com>\""))
        #expect(verified.stdout.contains("Release 2.0.0\n\n#### Breaking Changes"))
    }

    @Test func anSSHSignedTagVerifies() throws {
        let scene = try ReleaseScene()
        let key = scene.sandbox.root + "/id_ed25519"
        let made = try scene.sandbox.run(
            "/usr/bin/env", ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "runner@example.com", "-f", key])
        try #require(made.status == 0, "ssh-keygen could not make a key: \(made.stderr)")
        let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8)
        try scene.sandbox.write("allowed_signers", "runner@example.com \(publicKey)")
        _ = try scene.git("config", "gpg.format", "ssh")
        _ = try scene.git("config", "user.signingkey", key)
        _ = try scene.git("config", "gpg.ssh.allowedSignersFile", scene.sandbox.root + "/allowed_signers")

        let result = try scene.changelog("release", "--sign")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  tagged v2.0.0 signed (ssh)\n"))
        let verified = try scene.sandbox.run("/usr/bin/env", ["git", "tag", "-v", "v2.0.0"], in: scene.repo)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stderr.contains("Good \"git\" signature for runner@example.com"))
        #expect(try scene.git("cat-file", "tag", "v2.0.0").contains("\n-----BEGIN SSH SIGNATURE-----\n"))
    }

    @Test func noSignOverridesTagGpgSign() throws {
        let scene = try ReleaseScene()
        _ = try scene.git("config", "tag.gpgSign", "true")
        _ = try scene.git("config", "gpg.program", "/nonexistent/gpg")
        let result = try scene.changelog("release", "--no-sign")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!(try scene.git("cat-file", "tag", "v2.0.0").contains("SIGNATURE")))
    }

    /// The signature is made before anything visible changes, so a failing program leaves no trace.
    @Test func aFailingSigningProgramChangesNothing() throws {
        let scene = try ReleaseScene()
        let program = scene.sandbox.root + "/failing-gpg"
        try scene.sandbox.write("failing-gpg", "#!/bin/sh\ncat >/dev/null\necho 'gpg: signing failed: No secret key' >&2\nexit 2\n")
        chmod(program, 0o755)
        _ = try scene.git("config", "gpg.program", program)
        let before = try scene.state()
        let result = try scene.changelog("release", "--sign")
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("No secret key"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(try scene.state() == before)
    }

    @Test func anUnsupportedFormatIsRefusedBeforeAnyChange() throws {
        let scene = try ReleaseScene()
        _ = try scene.git("config", "gpg.format", "x509")
        let before = try scene.state()
        let result = try scene.changelog("release", "--sign")
        #expect(result.status == 2)
        #expect(result.stderr.contains("gpg.format is x509"), "\(result.stderr)")
        #expect(try scene.state() == before)
    }
}

/// A directory under /tmp with a short name, removed afterwards.
final class ShortTemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/cl-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CocoaError(.fileWriteUnknown)
        }
        path = String(cString: made)
        chmod(path, 0o700)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
