import ChangelogCore
import Platform
import SystemPackage

/// How to sign, as git's configuration says: gpg.format, gpg.program / gpg.openpgp.program or
/// gpg.ssh.program, and user.signingkey.
public struct SigningSettings: Sendable, Equatable {
    /// git's gpg.format. x509 (gpgsm) is deliberately absent: `Format(configValue:)` turns it away.
    public enum Format: String, Sendable {
        case openpgp, ssh

        /// Reads a gpg.format value, case-sensitively as git does, so a value git rejects is rejected here too.
        public init(configValue: String) throws(ChangelogError) {
            switch configValue {
            case "openpgp": self = .openpgp
            case "ssh": self = .ssh
            case "x509":
                throw ChangelogError(
                    "gpg.format is x509, which changelog cannot sign with; set gpg.format to openpgp or ssh, or sign this tag yourself with git tag -s"
                )
            default:
                throw ChangelogError(
                    "gpg.format has the invalid value '\(configValue)'; set it to openpgp or ssh (git config gpg.format ssh)")
            }
        }

        /// What git runs when no gpg.program / gpg.ssh.program is set.
        public var defaultProgram: String {
            switch self {
            case .openpgp: return "gpg"
            case .ssh: return "ssh-keygen"
            }
        }
    }

    public var format: Format
    /// nil or empty: `format.defaultProgram`.
    public var program: String?
    /// user.signingkey. nil or empty: for openpgp the committer identity, as git uses; for ssh an error.
    public var key: String?
    /// A passphrase prompt counts against it, so it should leave a person time to type.
    public var timeoutSeconds: Double
    /// The signing program's whole environment, and the HOME that `~/` in an ssh key path expands
    /// to; nil inherits this process's environment.
    public var environment: [String: String]?

    public init(
        format: Format = .openpgp, program: String? = nil, key: String? = nil,
        timeoutSeconds: Double = 300, environment: [String: String]? = nil
    ) {
        self.format = format
        self.program = program
        self.key = key
        self.timeoutSeconds = timeoutSeconds
        self.environment = environment
    }

    /// The program that will be run.
    public var resolvedProgram: String {
        if let program, !program.isEmpty { return program }
        return format.defaultProgram
    }
}

/// Signs an object's text exactly as `git tag -s` has it signed (git's gpg-interface.c), so the
/// result verifies with `git verify-tag` and `git tag -v`.
public struct Signer: Sendable {
    public let settings: SigningSettings
    private let committerName: String
    private let committerEmail: String

    public init(settings: SigningSettings, committer: (name: String, email: String)) {
        self.settings = settings
        committerName = committer.name
        committerEmail = committer.email
    }

    /// The user.signingkey that will be used: for openpgp the configured key or else git's default,
    /// the committer identity "Name <email>"; for ssh the configured key or nil.
    public var signingKey: String? {
        if let key = settings.key, !key.isEmpty { return key }
        switch settings.format {
        case .openpgp: return "\(committerName) <\(committerEmail)>"
        case .ssh: return nil
        }
    }

    /// Signs `payload` (the tag object's bytes up to and including its message) and returns the armored signature to append after it.
    ///
    /// The signature is the program's ASCII armor with CRs removed, as git keeps it: it begins with
    /// `-----BEGIN PGP SIGNATURE-----` or `-----BEGIN SSH SIGNATURE-----` and ends with a newline.
    /// The payload must end with a newline for git to find the signature in the tag.
    public func sign(_ payload: [UInt8]) throws(ChangelogError) -> [UInt8] {
        switch settings.format {
        case .openpgp: return try signWithGPG(payload)
        case .ssh: return try signWithSSH(payload)
        }
    }

    // MARK: - OpenPGP

    /// `gpg --status-fd=2 -bsau <key>` with the payload on stdin: git counts it signed only on exit 0
    /// together with a `[GNUPG:] SIG_CREATED ` status line, and so does this.
    private func signWithGPG(_ payload: [UInt8]) throws(ChangelogError) -> [UInt8] {
        let program = settings.resolvedProgram
        let key = signingKey ?? ""
        let process = ChildProcess(
            program, arguments: ["--status-fd=2", "-bsau", key],
            environment: settings.environment, timeoutSeconds: settings.timeoutSeconds)
        let result = try run(process, input: payload)
        let status = String(decoding: result.stderr, as: UTF8.self)
        let created = status.split(separator: "\n", omittingEmptySubsequences: false)
            .contains { $0.hasPrefix("[GNUPG:] SIG_CREATED ") }
        guard result.succeeded && created else {
            let outcome = result.succeeded ? "exit status 0 without reporting SIG_CREATED" : result.termination.description
            throw ChangelogError(
                "\(program) failed to sign, \(outcome): \(Self.condense(status)); \(gpgHint(status, key: key, succeeded: result.succeeded))"
            )
        }
        guard result.consumedInput else {
            throw ChangelogError(
                "\(program) stopped reading the tag before its end yet reported a signature; set gpg.program to GnuPG's gpg")
        }
        return try checked(
            Self.removingCR(result.stdout), from: program, fix: "set gpg.program to GnuPG's gpg, or a program that behaves like it")
    }

    private func gpgHint(_ status: String, key: String, succeeded: Bool) -> String {
        let program = settings.resolvedProgram
        if succeeded {
            return
                "gpg.program must be GnuPG or accept its arguments (--status-fd=2 -bsau KEY) and report [GNUPG:] SIG_CREATED as git expects"
        }
        if status.contains("INV_SGNR") || status.contains("No secret key") || status.contains("secret key not available") {
            return
                "no secret key for '\(key)'; set user.signingkey to a key listed by gpg --list-secret-keys, or create a key with gpg --quick-gen-key"
        }
        if status.contains("Inappropriate ioctl") || status.contains("pinentry") || status.contains("PINENTRY")
            || status.contains("cancelled") || status.contains("No passphrase") || status.contains("Bad passphrase")
        {
            return
                "gpg could not get the key's passphrase; run export GPG_TTY=$(tty) in this shell and try again, or check gpg-agent's pinentry-program"
        }
        if status.contains("expired") || status.contains("KEYEXPIRED") || status.contains("revoked") {
            return
                "the key '\(key)' has expired or was revoked; extend it with gpg --quick-set-expire or set user.signingkey to another key"
        }
        if status.contains("agent") {
            return "gpg cannot reach gpg-agent; restart it with gpgconf --kill gpg-agent and try again"
        }
        return "check that signing works with: echo test | \(ShellQuoting.command([program, "--status-fd=2", "-bsau", key]))"
    }

    // MARK: - SSH

    /// `ssh-keygen -Y sign -n git -f <keyfile> <tmp>`, which writes `<tmp>.sig`, with stdin left to the
    /// child as git leaves it. user.signingkey is a key file (`~/` expanded) or a literal public key
    /// (`key::…`, or git's older bare `ssh-…` / `ecdsa-sha2-…` form) that git writes to a temporary
    /// file and passes with `-U` so that ssh-agent holds the private half. git's
    /// gpg.ssh.defaultKeyCommand, consulted when user.signingkey is unset, is not supported: an
    /// unset key is an error instead.
    private func signWithSSH(_ payload: [UInt8]) throws(ChangelogError) -> [UInt8] {
        guard let configured = signingKey else {
            throw ChangelogError(
                "gpg.format is ssh but user.signingkey is not set; set it to your key file, e.g. git config user.signingkey ~/.ssh/id_ed25519.pub"
            )
        }
        let program = settings.resolvedProgram
        var temporaryFiles: [String] = []
        defer { for path in temporaryFiles { try? FileSystem.remove(path) } }

        let keyFile: String
        let literalKey = Self.literalSSHKey(configured)
        if let literalKey {
            keyFile = try Self.temporaryFile(named: "changelog_signing_key", containing: Array(literalKey.utf8))
            temporaryFiles.append(keyFile)
        } else {
            keyFile = expandingTilde(configured)
        }
        let payloadFile = try Self.temporaryFile(named: "changelog_signing_buffer", containing: payload)
        temporaryFiles.append(payloadFile)
        let signatureFile = payloadFile + ".sig"
        temporaryFiles.append(signatureFile)

        var arguments = ["-Y", "sign", "-n", "git", "-f", keyFile]
        if literalKey != nil { arguments.append("-U") }
        arguments.append(payloadFile)
        let process = ChildProcess(
            program, arguments: arguments, environment: settings.environment,
            timeoutSeconds: settings.timeoutSeconds)
        let result = try run(process, input: nil)
        let messages = String(decoding: result.stderr + result.stdout, as: UTF8.self)
        guard result.succeeded else {
            let shownKey = literalKey == nil ? keyFile : "the key from user.signingkey"
            throw ChangelogError(
                "\(program) failed to sign, \(result.termination): \(Self.condense(messages)); \(sshHint(messages, keyFile: keyFile, shownKey: shownKey, literal: literalKey != nil))"
            )
        }
        let signature = try AtomicFile.read(signatureFile) ?? []
        return try checked(
            Self.removingCR(signature), from: program,
            fix: "set gpg.ssh.program to OpenSSH's ssh-keygen (8.2p1 or later), which writes the signature to FILE.sig")
    }

    private func sshHint(_ messages: String, keyFile: String, shownKey: String, literal: Bool) -> String {
        let program = settings.resolvedProgram
        if messages.contains("usage:") || messages.contains("unknown option") || messages.contains("illegal option") {
            return "ssh-keygen -Y sign needs OpenSSH 8.2p1 or later; upgrade OpenSSH or set gpg.ssh.program to a newer ssh-keygen"
        }
        if literal || messages.contains("agent") {
            return
                "the private key for \(shownKey) must be loaded in ssh-agent: check SSH_AUTH_SOCK and add it with ssh-add, or set user.signingkey to the private key file"
        }
        if messages.contains("No such file or directory") {
            return
                "the key file \(keyFile) does not exist; set user.signingkey to your key file, e.g. git config user.signingkey ~/.ssh/id_ed25519.pub"
        }
        if messages.contains("passphrase") {
            return "the passphrase for \(keyFile) was not given or wrong; add the key to ssh-agent with ssh-add and try again"
        }
        if messages.contains("UNPROTECTED") || messages.contains("too open") {
            return "the key file \(keyFile) is readable by others; chmod 600 it"
        }
        if messages.contains("invalid format") || messages.contains("Couldn't load") {
            return "\(keyFile) is not an ssh key; set user.signingkey to your private key file or its .pub"
        }
        return
            "check that signing works with: echo test > /tmp/t && \(ShellQuoting.command([program, "-Y", "sign", "-n", "git", "-f", keyFile, "/tmp/t"]))"
    }

    /// git's is_literal_ssh_key(): the key itself rather than a path to it.
    static func literalSSHKey(_ configured: String) -> String? {
        if configured.hasPrefix("key::") { return String(configured.dropFirst(5)) }
        if configured.hasPrefix("ssh-") || configured.hasPrefix("ecdsa-sha2-") { return configured }
        return nil
    }

    /// git's interpolate_path(): `~` and `~/…` from HOME (of `settings.environment` when given),
    /// `~user/…` from the password database.
    func expandingTilde(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        let rest = path.dropFirst()
        let user = rest.prefix { $0 != "/" }
        let tail = rest.dropFirst(user.count)
        if user.isEmpty {
            let home = settings.environment.map { $0["HOME"] } ?? CurrentProcess.environmentValue("HOME")
            if let home, !home.isEmpty { return home + tail }
            if let directory = CurrentProcess.homeDirectory() { return directory + tail }
            return path
        }
        guard let directory = CurrentProcess.homeDirectory(of: String(user)) else { return path }
        return directory + tail
    }

    /// mkstemp() in TMPDIR or /tmp, mode 0600, as git's mks_tempfile_t() makes the files ssh-keygen reads.
    private static func temporaryFile(named name: String, containing bytes: [UInt8]) throws(ChangelogError) -> String {
        var directory = CurrentProcess.environmentValue("TMPDIR") ?? ""
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        if directory.isEmpty { directory = "/tmp" }
        let file: (descriptor: FileDescriptor, path: String)
        do throws(Errno) {
            file = try FileSystem.makeTemporaryFile(prefix: "\(directory)/.\(name)_")
        } catch {
            throw ChangelogError(
                "cannot create a temporary file in \(directory) for signing: \(AtomicFile.describe(error)); set TMPDIR to a writable directory"
            )
        }
        defer { file.descriptor.closeQuietly() }
        do throws(Errno) {
            try file.descriptor.writeEverything(bytes)
        } catch {
            try? FileSystem.remove(file.path)
            throw ChangelogError(
                "cannot write the temporary file \(file.path) for signing: \(AtomicFile.describe(error)); set TMPDIR to a directory with space"
            )
        }
        return file.path
    }

    // MARK: - Shared

    private func run(_ process: ChildProcess, input: [UInt8]?) throws(ChangelogError) -> ChildProcess.Result {
        do {
            return try process.run(input: input)
        } catch {
            throw describe(error)
        }
    }

    private func describe(_ failure: ChildProcess.Failure) -> ChangelogError {
        let configKey = settings.format == .openpgp ? "gpg.program" : "gpg.ssh.program"
        let install = settings.format == .openpgp ? "install GnuPG" : "install OpenSSH (8.2p1 or later)"
        switch failure {
        case .notFound(let program):
            return ChangelogError("cannot run \(program) to sign: not found; \(install) or set \(configKey) to the program's path")
        case .cannotStart(let program, let code):
            return ChangelogError(
                "cannot run \(program) to sign: \(AtomicFile.describe(Errno(rawValue: code))); make it executable or set \(configKey) to another program"
            )
        case .timedOut(let program, let seconds, _, let stderr):
            let said = Self.condense(String(decoding: stderr, as: UTF8.self))
            let waiting =
                settings.format == .openpgp
                ? "if it is waiting for a passphrase, run export GPG_TTY=$(tty) or unlock the key in gpg-agent first"
                : "if it is waiting for a passphrase, add the key to ssh-agent with ssh-add first"
            return ChangelogError(
                "\(program) did not finish signing within \(ChildProcess.formatSeconds(seconds)) and was stopped"
                    + (said == "no output" ? "" : " (it said: \(said))") + "; \(waiting)")
        case .io:
            return ChangelogError("\(failure); check the open-file limit (ulimit -n) and try again")
        }
    }

    /// An empty or unarmored signature would make a tag that git cannot parse or verify.
    private func checked(_ signature: [UInt8], from program: String, fix: String) throws(ChangelogError) -> [UInt8] {
        if signature.isEmpty {
            throw ChangelogError("\(program) reported success but produced an empty signature; \(fix)")
        }
        guard signature.starts(with: Array("-----BEGIN ".utf8)) else {
            throw ChangelogError("\(program) produced a signature without ASCII armor (no -----BEGIN line); \(fix)")
        }
        return signature
    }

    /// git's remove_cr_after(): every CR goes, not only those before LF.
    static func removingCR(_ bytes: [UInt8]) -> [UInt8] {
        bytes.filter { $0 != UInt8(ascii: "\r") }
    }

    /// The program's own words for the user, on one line: gpg's `[GNUPG:]` status lines are for
    /// machines, and ssh-keygen's progress lines say nothing about the failure.
    static func condense(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map {
            String($0.map { $0.isASCII && $0.asciiValue! < 0x20 ? " " : $0 }).trimmingSpaces()
        }.filter {
            !$0.isEmpty && !$0.hasPrefix("[GNUPG:]") && !$0.hasPrefix("Signing file ") && !$0.hasPrefix("Write signature to ")
        }
        guard !lines.isEmpty else { return "no output" }
        let joined = lines.joined(separator: " / ")
        return joined.count > 400 ? String(joined.prefix(399)) + "…" : joined
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first == " " || view.first == "\t" { view.removeFirst() }
        while view.last == " " || view.last == "\t" { view.removeLast() }
        return String(view)
    }
}
