import ChangelogCore
import ChangelogKit
import FixtureSupport
import Testing

/// The commands a signing failure suggests can be pasted into a shell whatever the key is called.
@Suite struct SignerHintQuotingTests {
    @Test func theGPGCommandQuotesTheKey() throws {
        let sandbox = try Sandbox()
        let program = try SignerTests.script(in: sandbox, "odd-gpg", "cat > /dev/null\necho 'gpg: something odd' >&2\nexit 2")
        let key = "Jo's key; $HOME"
        let signer = Signer(
            settings: SigningSettings(format: .openpgp, program: program, key: key, timeoutSeconds: 10),
            committer: SignerTests.committer)
        let error = try #require(SignerTests.signingError { () throws(ChangelogError) in try signer.sign(Array("x\n".utf8)) })
        #expect(error.message.hasSuffix("check that signing works with: echo test | \(program) --status-fd=2 -bsau 'Jo'\\''s key; $HOME'"))
    }

    @Test func theSSHCommandQuotesTheKeyFile() throws {
        let sandbox = try Sandbox()
        let program = try SignerTests.script(in: sandbox, "odd-ssh-keygen", "echo 'something odd' >&2\nexit 1")
        let keyFile = sandbox.root + "/my key (work).pub"
        try sandbox.write("my key (work).pub", "ssh-ed25519 AAAA test\n")
        let signer = Signer(
            settings: SigningSettings(format: .ssh, program: program, key: keyFile, timeoutSeconds: 10),
            committer: SignerTests.committer)
        let error = try #require(SignerTests.signingError { () throws(ChangelogError) in try signer.sign(Array("x\n".utf8)) })
        #expect(
            error.message.hasSuffix("check that signing works with: echo test > /tmp/t && \(program) -Y sign -n git -f '\(keyFile)' /tmp/t")
        )
    }
}
