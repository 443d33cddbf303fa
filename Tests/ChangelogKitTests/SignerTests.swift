import ChangelogKit
import FixtureSupport
import Foundation
import Testing

/// Signing is checked against the real programs with throwaway keys, and the result against the
/// independent verifiers: `gpg --verify`, `ssh-keygen -Y verify` and `git verify-tag`.
@Suite struct SignerTests {
    static let committer = (name: "Test Signer", email: "signer@example.com")

    // MARK: - OpenPGP with a real gpg

    @Test func gpgSignaturesVerifyWithGPGAndGitVerifyTag() throws {
        let sandbox = try Sandbox()
        let gpg = try SigningTools.require("gpg")
        let home = try GPGHome(sandbox: sandbox, gpg: gpg)
        defer { home.shutDown() }
        let environment = sandbox.environment.merging(["GNUPGHOME": home.path]) { $1 }

        // user.signingkey unset: git's default, the committer identity, picks the key.
        let payload = try Self.tagPayload(in: sandbox)
        let signer = Signer(
            settings: SigningSettings(format: .openpgp, timeoutSeconds: 60, environment: environment),
            committer: Self.committer)
        #expect(signer.signingKey == "Test Signer <signer@example.com>")
        let signature = try signer.sign(Array(payload.utf8))
        let text = String(decoding: signature, as: UTF8.self)
        #expect(text.hasPrefix("-----BEGIN PGP SIGNATURE-----\n"))
        #expect(text.hasSuffix("-----END PGP SIGNATURE-----\n"))
        #expect(!text.contains("\r"))

        try sandbox.write("payload", payload)
        try sandbox.write("payload.asc", text)
        let verified = try sandbox.run(
            gpg, ["--verify", sandbox.root + "/payload.asc", sandbox.root + "/payload"],
            environment: ["GNUPGHOME": home.path])
        #expect(verified.status == 0, "gpg --verify: \(verified.stderr)")
        #expect(verified.stderr.contains("Good signature from \"Test Signer <signer@example.com>\""))

        // The payload plus the signature is the tag object git itself would write.
        let tag = try sandbox.run(
            "/usr/bin/env", ["git", "hash-object", "-t", "tag", "-w", "--stdin"],
            in: sandbox.root + "/repo", input: payload + text)
        #expect(tag.status == 0, "git hash-object: \(tag.stderr)")
        let verifyTag = try sandbox.run(
            "/usr/bin/env", ["git", "verify-tag", tag.stdout.trimmingCharacters(in: .whitespacesAndNewlines)],
            in: sandbox.root + "/repo", environment: ["GNUPGHOME": home.path])
        #expect(verifyTag.status == 0, "git verify-tag: \(verifyTag.stderr)")

        // An explicit user.signingkey (the e-mail address here) is passed to -u as it is.
        let byEmail = Signer(
            settings: SigningSettings(
                format: .openpgp, key: "signer@example.com", timeoutSeconds: 60,
                environment: environment), committer: ("Someone Else", "else@example.com"))
        let second = try byEmail.sign(Array("hello\n".utf8))
        try sandbox.write("hello", "hello\n")
        try sandbox.write("hello.asc", String(decoding: second, as: UTF8.self))
        let verifiedSecond = try sandbox.run(
            gpg, ["--verify", sandbox.root + "/hello.asc", sandbox.root + "/hello"],
            environment: ["GNUPGHOME": home.path])
        #expect(verifiedSecond.status == 0, "gpg --verify: \(verifiedSecond.stderr)")
    }

    @Test func gpgWithoutTheSecretKeyExplainsItselfOnOneLine() throws {
        let sandbox = try Sandbox()
        let gpg = try SigningTools.require("gpg")
        let home = try GPGHome(sandbox: sandbox, gpg: gpg, generateKey: false)
        defer { home.shutDown() }
        let signer = Signer(
            settings: SigningSettings(
                format: .openpgp, key: "nobody@example.com", timeoutSeconds: 60,
                environment: sandbox.environment.merging(["GNUPGHOME": home.path]) { $1 }),
            committer: Self.committer)
        let message = try #require(Self.failure { () throws(ChangelogError) in try signer.sign(Array("payload\n".utf8)) })
        #expect(message.hasPrefix("gpg failed to sign, exit status 2: "))
        #expect(message.contains("gpg: skipped \"nobody@example.com\": No secret key"))
        #expect(message.contains("no secret key for 'nobody@example.com'; set user.signingkey"))
        #expect(message.contains("gpg --quick-gen-key"))
        #expect(!message.contains("[GNUPG:]"))
        #expect(!message.contains("\n"))
    }

    // MARK: - SSH with a real ssh-keygen

    @Test func sshSignaturesFromAKeyFileVerify() throws {
        let sandbox = try Sandbox()
        let keygen = try SigningTools.require("ssh-keygen")
        let keys = try SSHKeys(sandbox: sandbox, keygen: keygen, directory: sandbox.root + "/home/.ssh")
        let payload = try Self.tagPayload(in: sandbox)

        // The private key by path, and the public key by a `~/` path with the private half beside it.
        for key in [keys.privateKey, "~/.ssh/key.pub"] {
            let signer = Signer(
                settings: SigningSettings(format: .ssh, key: key, timeoutSeconds: 60, environment: sandbox.environment),
                committer: Self.committer)
            let signature = String(decoding: try signer.sign(Array(payload.utf8)), as: UTF8.self)
            #expect(signature.hasPrefix("-----BEGIN SSH SIGNATURE-----\n"))
            #expect(signature.hasSuffix("-----END SSH SIGNATURE-----\n"))
            try keys.expectVerified(payload: payload, signature: signature, key: key)

            let tag = try sandbox.run(
                "/usr/bin/env", ["git", "hash-object", "-t", "tag", "-w", "--stdin"],
                in: sandbox.root + "/repo", input: payload + signature)
            #expect(tag.status == 0, "git hash-object: \(tag.stderr)")
            let verifyTag = try sandbox.run(
                "/usr/bin/env",
                [
                    "git", "-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile=\(keys.allowedSigners)",
                    "verify-tag", tag.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                ], in: sandbox.root + "/repo")
            #expect(verifyTag.status == 0, "git verify-tag with \(key): \(verifyTag.stderr)")
        }
    }

    @Test func sshLiteralKeysSignThroughTheAgent() throws {
        let sandbox = try Sandbox()
        let keygen = try SigningTools.require("ssh-keygen")
        let agentProgram = try SigningTools.require("ssh-agent")
        let add = try SigningTools.require("ssh-add")
        // Unix socket paths are limited to about 100 bytes: the sandbox's path may be too long.
        let socketDirectory = try SigningTools.shortTemporaryDirectory("cl-ssh")
        defer { try? FileManager.default.removeItem(atPath: socketDirectory) }
        let socket = socketDirectory + "/agent"
        let keys = try SSHKeys(sandbox: sandbox, keygen: keygen, directory: sandbox.root + "/keys")

        let agent = Process()
        agent.executableURL = URL(fileURLWithPath: agentProgram)
        agent.arguments = ["-D", "-a", socket]
        agent.environment = sandbox.environment
        agent.standardOutput = FileHandle.nullDevice
        agent.standardError = FileHandle.nullDevice
        try agent.run()
        defer {
            // SIGKILL, not terminate(): Process hands the child this test thread's signal mask,
            // in which SIGTERM is blocked, so the agent would never see a SIGTERM.
            kill(agent.processIdentifier, SIGKILL)
            agent.waitUntilExit()
        }
        let started = Date()
        while !FileManager.default.fileExists(atPath: socket) && Date().timeIntervalSince(started) < 10 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        try #require(FileManager.default.fileExists(atPath: socket), "ssh-agent -D -a \(socket) did not create its socket")
        let added = try sandbox.run(add, [keys.privateKey], environment: ["SSH_AUTH_SOCK": socket])
        try #require(added.status == 0, "ssh-add: \(added.stderr)")
        // Only the agent can sign from now on.
        try FileManager.default.removeItem(atPath: keys.privateKey)

        let environment = sandbox.environment.merging(["SSH_AUTH_SOCK": socket]) { $1 }
        let payload = try Self.tagPayload(in: sandbox)
        for key in ["key::" + keys.publicKeyLine, keys.publicKeyLine] {
            let signer = Signer(
                settings: SigningSettings(format: .ssh, key: key, timeoutSeconds: 60, environment: environment),
                committer: Self.committer)
            let signature = String(decoding: try signer.sign(Array(payload.utf8)), as: UTF8.self)
            try keys.expectVerified(payload: payload, signature: signature, key: key)
        }

        // Without the agent the literal key cannot sign, and the message says where the key must be.
        let noAgent = Signer(
            settings: SigningSettings(
                format: .ssh, key: "key::" + keys.publicKeyLine, timeoutSeconds: 60,
                environment: sandbox.environment), committer: Self.committer)
        let message = try #require(Self.failure { () throws(ChangelogError) in try noAgent.sign(Array(payload.utf8)) })
        #expect(message.hasPrefix("ssh-keygen failed to sign, exit status 255: "))
        #expect(message.contains("must be loaded in ssh-agent"))
        #expect(message.contains("ssh-add"))
    }

    @Test func sshWithAMissingKeyFileNamesTheFile() throws {
        let sandbox = try Sandbox()
        _ = try SigningTools.require("ssh-keygen")
        let signer = Signer(
            settings: SigningSettings(
                format: .ssh, key: "~/.ssh/id_missing.pub", timeoutSeconds: 60,
                environment: sandbox.environment), committer: Self.committer)
        let message = try #require(Self.failure { () throws(ChangelogError) in try signer.sign(Array("x\n".utf8)) })
        #expect(message.hasPrefix("ssh-keygen failed to sign, exit status 255: "))
        #expect(message.contains("the key file \(sandbox.root)/home/.ssh/id_missing.pub does not exist"))
        #expect(!message.contains("\n"))
    }

    @Test func sshWithoutASigningKeyIsAnError() {
        let signer = Signer(settings: SigningSettings(format: .ssh), committer: Self.committer)
        #expect(signer.signingKey == nil)
        let error = Self.signingError { () throws(ChangelogError) in try signer.sign(Array("x\n".utf8)) }
        #expect(
            error?.message
                == "gpg.format is ssh but user.signingkey is not set; set it to your key file, e.g. git config user.signingkey ~/.ssh/id_ed25519.pub"
        )
        #expect(error?.exitCode == 2)
    }

    // MARK: - What is run, and what is left behind (stand-in programs)

    @Test func gpgIsRunAsGitRunsItAndCRsAreDropped() throws {
        let sandbox = try Sandbox()
        let program = try Self.script(
            in: sandbox, "fake-gpg",
            """
            printf '%s\\n' "$@" > "\(sandbox.root)/arguments"
            cat > "\(sandbox.root)/stdin"
            echo 'gpg: using key' >&2
            echo '[GNUPG:] KEY_CONSIDERED ABCDEF 2' >&2
            echo '[GNUPG:] SIG_CREATED D 22 8 00 1795219200 ABCDEF' >&2
            printf -- '-----BEGIN PGP SIGNATURE-----\\r\\n\\r\\nabc\\r\\n-----END PGP SIGNATURE-----\\r\\n'
            """)
        let payload = Array(String(repeating: "line of the tag message\n", count: 20_000).utf8)
        let signer = Signer(
            settings: SigningSettings(format: .openpgp, program: program, timeoutSeconds: 30),
            committer: Self.committer)
        let signature = try signer.sign(payload)
        #expect(String(decoding: signature, as: UTF8.self) == "-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----\n")
        #expect(try sandbox.read("arguments") == "--status-fd=2\n-bsau\nTest Signer <signer@example.com>\n")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: sandbox.root + "/stdin"))) == payload)
    }

    @Test func sshKeygenIsRunAsGitRunsItAndItsTemporaryFilesAreRemoved() throws {
        let sandbox = try Sandbox()
        // Records its arguments, then signs by writing FILE.sig, or fails after writing it.
        let program = try Self.script(
            in: sandbox, "fake-ssh-keygen",
            """
            printf '%s\\n' "$@" >> "\(sandbox.root)/arguments"
            for last; do :; done
            printf -- '-----BEGIN SSH SIGNATURE-----\\nsig\\n-----END SSH SIGNATURE-----\\n' > "$last.sig"
            echo "Signing file $last" >&2
            case "$*" in *-U*) cp "$6" "\(sandbox.root)/literal-key" ;; esac
            if [ -e "\(sandbox.root)/fail" ]; then echo 'Load key "x": invalid format' >&2; exit 255; fi
            """)
        func lastRun() throws -> [String] {
            let all = try sandbox.read("arguments").split(separator: "\n").map(String.init)
            return Array(all[all.lastIndex(of: "-Y")!...])
        }
        func settings(_ key: String) -> SigningSettings {
            SigningSettings(format: .ssh, program: program, key: key, timeoutSeconds: 30, environment: sandbox.environment)
        }

        let fromFile = try Signer(settings: settings("~/.ssh/id_ed25519"), committer: Self.committer).sign(Array("x\n".utf8))
        #expect(String(decoding: fromFile, as: UTF8.self) == "-----BEGIN SSH SIGNATURE-----\nsig\n-----END SSH SIGNATURE-----\n")
        var arguments = try lastRun()
        #expect(Array(arguments.prefix(6)) == ["-Y", "sign", "-n", "git", "-f", sandbox.root + "/home/.ssh/id_ed25519"])
        #expect(arguments.count == 7)
        let payloadFile = arguments[6]
        #expect(!FileManager.default.fileExists(atPath: payloadFile))
        #expect(!FileManager.default.fileExists(atPath: payloadFile + ".sig"))

        _ = try Signer(settings: settings("key::ssh-ed25519 AAAAC3Nz signer@example.com"), committer: Self.committer).sign(
            Array("x\n".utf8))
        arguments = try lastRun()
        #expect(arguments.count == 8 && arguments[6] == "-U")
        #expect(try sandbox.read("literal-key") == "ssh-ed25519 AAAAC3Nz signer@example.com")
        for path in [arguments[5], arguments[7], arguments[7] + ".sig"] {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path) was left behind")
        }

        try sandbox.write("fail", "")
        let message = try #require(
            Self.failure { () throws(ChangelogError) in
                try Signer(settings: settings("key::ssh-ed25519 AAAAC3Nz"), committer: Self.committer).sign(Array("x\n".utf8))
            })
        #expect(message.hasPrefix("\(program) failed to sign, exit status 255: Load key \"x\": invalid format; "))
        arguments = try lastRun()
        for path in [arguments[5], arguments[7], arguments[7] + ".sig"] {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path) was left behind after a failure")
        }
    }

    // MARK: - Failures

    @Test func aMissingProgramIsNamed() {
        let signer = Signer(
            settings: SigningSettings(format: .openpgp, program: "/nonexistent/gpg", timeoutSeconds: 5),
            committer: Self.committer)
        let error = Self.signingError { () throws(ChangelogError) in try signer.sign(Array("x\n".utf8)) }
        #expect(error?.message == "cannot run /nonexistent/gpg to sign: not found; install GnuPG or set gpg.program to the program's path")
        #expect(error?.exitCode == 2)

        let ssh = Signer(
            settings: SigningSettings(format: .ssh, program: "no-such-ssh-keygen-here", key: "/k", timeoutSeconds: 5),
            committer: Self.committer)
        #expect(
            Self.failure { () throws(ChangelogError) in try ssh.sign(Array("x\n".utf8)) }
                == "cannot run no-such-ssh-keygen-here to sign: not found; install OpenSSH (8.2p1 or later) or set gpg.ssh.program to the program's path"
        )
    }

    @Test func aFailingGPGShowsItsHumanLinesAndAHint() throws {
        let sandbox = try Sandbox()
        let program = try Self.script(
            in: sandbox, "failing-gpg",
            """
            cat > /dev/null
            echo 'gpg: signing failed: No secret key' >&2
            echo '[GNUPG:] FAILURE sign 17' >&2
            echo 'gpg: [stdin]: sign+detach failed: No secret key' >&2
            exit 2
            """)
        let signer = Signer(
            settings: SigningSettings(format: .openpgp, program: program, key: "ABCD1234", timeoutSeconds: 10),
            committer: Self.committer)
        let error = try #require(Self.signingError { () throws(ChangelogError) in try signer.sign(Array("x\n".utf8)) })
        #expect(error.exitCode == 2)
        #expect(
            error.message
                == "\(program) failed to sign, exit status 2: gpg: signing failed: No secret key / gpg: [stdin]: sign+detach failed: No secret key; no secret key for 'ABCD1234'; set user.signingkey to a key listed by gpg --list-secret-keys, or create a key with gpg --quick-gen-key"
        )
    }

    @Test func gpgMustReportSIG_CREATEDAndProduceASignature() throws {
        let sandbox = try Sandbox()
        let silent = try Self.script(
            in: sandbox, "silent-gpg",
            """
            cat > /dev/null
            printf -- '-----BEGIN PGP SIGNATURE-----\\n-----END PGP SIGNATURE-----\\n'
            """)
        let message = try #require(
            Self.failure { () throws(ChangelogError) in
                try Signer(settings: SigningSettings(program: silent, key: "k", timeoutSeconds: 10), committer: Self.committer).sign(
                    Array("x\n".utf8))
            })
        #expect(
            message.hasPrefix("\(silent) failed to sign, exit status 0 without reporting SIG_CREATED: no output; gpg.program must be GnuPG")
        )

        let empty = try Self.script(
            in: sandbox, "empty-gpg",
            """
            cat > /dev/null
            echo '[GNUPG:] SIG_CREATED D 22 8 00 1795219200 ABCDEF' >&2
            """)
        #expect(
            Self.failure { () throws(ChangelogError) in
                try Signer(settings: SigningSettings(program: empty, key: "k", timeoutSeconds: 10), committer: Self.committer).sign(
                    Array("x\n".utf8))
            }
                == "\(empty) reported success but produced an empty signature; set gpg.program to GnuPG's gpg, or a program that behaves like it"
        )
    }

    @Test func aHangingSignerIsStoppedAtTheTimeout() throws {
        let sandbox = try Sandbox()
        let program = try Self.script(
            in: sandbox, "hanging-gpg",
            """
            echo 'gpg: waiting for the passphrase' >&2
            exec sleep 30
            """)
        let signer = Signer(
            settings: SigningSettings(format: .openpgp, program: program, key: "k", timeoutSeconds: 1),
            committer: Self.committer)
        let started = Date()
        let error = try #require(Self.signingError { () throws(ChangelogError) in try signer.sign(Array("x\n".utf8)) })
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 1 && elapsed < 5, "took \(elapsed) s")
        #expect(error.exitCode == 2)
        #expect(
            error.message
                == "\(program) did not finish signing within 1 second and was stopped (it said: gpg: waiting for the passphrase); if it is waiting for a passphrase, run export GPG_TTY=$(tty) or unlock the key in gpg-agent first"
        )
    }

    @Test func gpgFormatValuesAreReadAsGitReadsThem() throws {
        #expect(try SigningSettings.Format(configValue: "openpgp") == .openpgp)
        #expect(try SigningSettings.Format(configValue: "ssh") == .ssh)
        let x509 = Self.error { () throws(ChangelogError) in _ = try SigningSettings.Format(configValue: "x509") }
        #expect(
            x509?.message
                == "gpg.format is x509, which changelog cannot sign with; set gpg.format to openpgp or ssh, or sign this tag yourself with git tag -s"
        )
        let other = Self.error { () throws(ChangelogError) in _ = try SigningSettings.Format(configValue: "OpenPGP") }
        #expect(other?.message == "gpg.format has the invalid value 'OpenPGP'; set it to openpgp or ssh (git config gpg.format ssh)")
        #expect(SigningSettings(format: .ssh).resolvedProgram == "ssh-keygen")
        #expect(SigningSettings(format: .openpgp, program: "").resolvedProgram == "gpg")
        #expect(SigningSettings(format: .openpgp, program: "gpg2").resolvedProgram == "gpg2")
    }

    // MARK: - Helpers

    /// A tag object's text up to and including its message, pointing at a real commit so that git
    /// accepts the signed result.
    static func tagPayload(in sandbox: Sandbox) throws -> String {
        _ = try sandbox.build(text: "commit feat: one\n")
        let commit = try sandbox.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        return """
            object \(commit)
            type commit
            tag v1.0.0
            tagger Test Signer <signer@example.com> 1795219200 +0000

            chore(release): 1.0.0

            """
    }

    /// Writes an executable script through a close-on-exec descriptor: a child that another test
    /// starts meanwhile must not inherit it open for writing, or running it fails with ETXTBSY
    /// for as long as that child lives.
    static func script(in sandbox: Sandbox, _ name: String, _ body: String) throws -> String {
        let path = sandbox.root + "/" + name
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    static func error(_ body: () throws(ChangelogError) -> Void) -> ChangelogError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    /// What signing threw, if anything.
    static func signingError(_ body: () throws(ChangelogError) -> [UInt8]) -> ChangelogError? {
        error { () throws(ChangelogError) in _ = try body() }
    }

    static func failure(_ body: () throws(ChangelogError) -> [UInt8]) -> String? {
        signingError(body)?.message
    }
}

/// The real signing programs. A missing one fails the test that needs it, loudly: a signing test
/// that passes without having signed anything would prove nothing.
enum SigningTools {
    static func require(_ name: String) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(path, "\(name) is not installed, so signing cannot be tested; install gnupg and openssh-client")
    }

    /// mkdtemp() under /tmp: gpg-agent's and ssh-agent's sockets must fit in ~100 bytes of path.
    static func shortTemporaryDirectory(_ prefix: String) throws -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        try #require(made != nil, "mkdtemp failed: \(String(cString: strerror(errno)))")
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// A throwaway GNUPGHOME with one passphrase-less ed25519 key for Test Signer.
struct GPGHome {
    let path: String
    let sandbox: Sandbox
    let gpg: String

    init(sandbox: Sandbox, gpg: String, generateKey: Bool = true) throws {
        self.sandbox = sandbox
        self.gpg = gpg
        path = try SigningTools.shortTemporaryDirectory("cl-gpg")
        guard generateKey else { return }
        let made = try sandbox.run(
            gpg,
            [
                "--batch", "--passphrase", "", "--quick-gen-key",
                "Test Signer <signer@example.com>", "ed25519", "sign", "never",
            ],
            environment: ["GNUPGHOME": path])
        if made.status != 0 { shutDown() }
        try #require(made.status == 0, "gpg --quick-gen-key: \(made.stderr)")
    }

    /// The agent gpg started must not outlive the test, nor the directory its socket is in.
    func shutDown() {
        let gpgconf = (gpg as NSString).deletingLastPathComponent + "/gpgconf"
        _ = try? sandbox.run(
            FileManager.default.isExecutableFile(atPath: gpgconf) ? gpgconf : "/usr/bin/gpgconf",
            ["--kill", "gpg-agent"], environment: ["GNUPGHOME": path])
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A throwaway ed25519 key pair and an allowed_signers file naming its owner.
struct SSHKeys {
    let privateKey: String
    let publicKeyLine: String
    let allowedSigners: String
    let sandbox: Sandbox
    let keygen: String

    init(sandbox: Sandbox, keygen: String, directory: String) throws {
        self.sandbox = sandbox
        self.keygen = keygen
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        privateKey = directory + "/key"
        let made = try sandbox.run(keygen, ["-q", "-t", "ed25519", "-N", "", "-f", privateKey, "-C", "signer@example.com"])
        try #require(made.status == 0, "ssh-keygen -t ed25519: \(made.stderr)")
        publicKeyLine = try String(contentsOfFile: privateKey + ".pub", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        allowedSigners = directory + "/allowed_signers"
        try ("signer@example.com " + publicKeyLine + "\n").write(toFile: allowedSigners, atomically: true, encoding: .utf8)
    }

    func expectVerified(
        payload: String, signature: String, key: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let file = sandbox.root + "/signature-\(UUID().uuidString.prefix(8)).sig"
        try signature.write(toFile: file, atomically: true, encoding: .utf8)
        let verified = try sandbox.run(
            keygen,
            [
                "-Y", "verify", "-f", allowedSigners, "-I", "signer@example.com",
                "-n", "git", "-s", file,
            ], input: payload)
        #expect(verified.status == 0, "ssh-keygen -Y verify with \(key): \(verified.stderr)", sourceLocation: sourceLocation)
        #expect(verified.stdout.contains("Good \"git\" signature for signer@example.com"), sourceLocation: sourceLocation)
    }
}

@Suite struct SignerChildProcessTests {
    @Test func aMebibyteThroughCatComesBackIdentical() throws {
        let input = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) }
        let result = try ChildProcess("cat", timeoutSeconds: 30).run(input: input)
        #expect(result.termination == .exited(0))
        #expect(result.stdout == input)
        #expect(result.stderr.isEmpty)
        #expect(result.consumedInput)

        // Both outputs at once, each far beyond a pipe's buffer.
        let both = try ChildProcess("/bin/sh", arguments: ["-c", "tee /dev/stderr"], timeoutSeconds: 30).run(input: input)
        #expect(both.stdout == input)
        #expect(both.stderr == input)
    }

    @Test func aChildThatStopsReadingDoesNotKillUs() throws {
        let input = [UInt8](repeating: 0x61, count: 4 << 20)
        let result = try ChildProcess("/bin/sh", arguments: ["-c", "head -c 10 >/dev/null; echo gone >&2"], timeoutSeconds: 30)
            .run(input: input)
        #expect(result.termination == .exited(0))
        #expect(!result.consumedInput)
        #expect(String(decoding: result.stderr, as: UTF8.self) == "gone\n")
    }

    @Test func exitStatusAndSignalsAreReported() throws {
        #expect(try ChildProcess("/bin/sh", arguments: ["-c", "exit 3"]).run(input: []).termination == .exited(3))
        let killed = try ChildProcess("/bin/sh", arguments: ["-c", "kill -TERM $$"]).run(input: nil)
        #expect(killed.termination == .signaled(SIGTERM))
        #expect(killed.termination.description == "killed by signal 15 (Terminated)")
    }

    @Test func theEnvironmentIsReplacedWhenGiven() throws {
        // `env` is still found: PATH lookup uses this process's PATH, not the child's.
        let result = try ChildProcess("env", environment: ["ONLY": "this", "AND": "that"]).run(input: [])
        #expect(String(decoding: result.stdout, as: UTF8.self) == "AND=that\nONLY=this\n")
        let inherited = try ChildProcess("env").run(input: [])
        #expect(String(decoding: inherited.stdout, as: UTF8.self).contains("PATH="))
    }

    @Test func missingAndUnrunnableProgramsAreDistinct() throws {
        #expect(
            Self.failure { () throws(ChildProcess.Failure) in _ = try ChildProcess("/nonexistent/gpg").run(input: []) }
                == .notFound(program: "/nonexistent/gpg"))
        #expect(
            Self.failure { () throws(ChildProcess.Failure) in _ = try ChildProcess("no-such-program-in-path").run(input: []) }
                == .notFound(program: "no-such-program-in-path"))
        let sandbox = try Sandbox()
        try sandbox.write("not-executable", "#!/bin/sh\n")
        let path = sandbox.root + "/not-executable"
        #expect(
            Self.failure { () throws(ChildProcess.Failure) in _ = try ChildProcess(path).run(input: []) }
                == .cannotStart(program: path, errno: EACCES))
    }

    @Test func aTimeoutKillsTheChildAndKeepsWhatItSaid() throws {
        let started = Date()
        let failure = Self.failure { () throws(ChildProcess.Failure) in
            _ = try ChildProcess("/bin/sh", arguments: ["-c", "echo waiting >&2; exec sleep 30"], timeoutSeconds: 0.5)
                .run(input: Array("x".utf8))
        }
        #expect(Date().timeIntervalSince(started) < 3)
        guard case .timedOut(let program, let seconds, _, let stderr)? = failure else {
            Issue.record("expected a timeout, got \(String(describing: failure))")
            return
        }
        #expect(program == "/bin/sh" && seconds == 0.5)
        #expect(String(decoding: stderr, as: UTF8.self) == "waiting\n")
        #expect(failure?.description == "/bin/sh did not finish within 0.5 seconds and was stopped")

        // A child that closed its outputs but runs on is held to the same deadline.
        let quiet = Date()
        let closed = Self.failure { () throws(ChildProcess.Failure) in
            _ = try ChildProcess("/bin/sh", arguments: ["-c", "exec >/dev/null 2>&1 </dev/null; exec sleep 30"], timeoutSeconds: 0.5)
                .run(input: [])
        }
        #expect(Date().timeIntervalSince(quiet) < 3)
        if case .timedOut? = closed {} else { Issue.record("expected a timeout, got \(String(describing: closed))") }
    }

    static func failure(_ body: () throws(ChildProcess.Failure) -> Void) -> ChildProcess.Failure? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}
