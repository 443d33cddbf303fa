import FixtureSupport
import Foundation
import Testing

/// A widget repository ready to release: checked out, with version files committed.
struct ReleaseScene {
    let sandbox: Sandbox
    /// The repository, relative to the sandbox: `repo`, or a copy of it elsewhere.
    var directory = "repo"
    var repo: String { sandbox.root + "/" + directory }
    /// A pending release's journal, which only `--continue` and `--abort` remove.
    var journal: String { repo + "/.git/changelog-release" }
    var isPending: Bool { FileManager.default.fileExists(atPath: journal) }

    static let packageJSON = """
        {
          "name": "widget",
          "version": "1.0.0",
          "dependencies": {
            "left-pad": { "version": "1.3.0" }
          }
        }

        """

    static let defaultConfig = "[release]\nfiles = [\"VERSION\", \"package.json\"]\n"

    init(config: String = defaultConfig) throws {
        sandbox = try Sandbox()
        if config == Self.defaultConfig {
            // Most release tests start from this same scene: it is made once per test process and
            // copied, which costs a fraction of the fixture build and the three git runs below.
            try FileManager.default.copyItem(atPath: ReleaseSceneTemplate.shared.repository(), toPath: sandbox.root + "/repo")
        } else {
            try Self.prepare(sandbox, config: config)
        }
    }

    /// Builds the scene in `<sandbox>/repo`.
    static func prepare(_ sandbox: Sandbox, config: String) throws {
        _ = try sandbox.build(history: "widget")
        // The fixture builder leaves the working tree empty; a release needs it checked out.
        _ = try sandbox.git("reset", "-q", "--hard")
        try sandbox.write("repo/VERSION", "1.0.0\n")
        try sandbox.write("repo/package.json", Self.packageJSON)
        try sandbox.write("repo/.changelog.toml", config)
        try sandbox.write("repo/CHANGELOG.md", "# Changelog\n\nHand-written intro.\n\n")
        _ = try sandbox.git("add", "-A")
        _ = try sandbox.git("commit", "-q", "-m", "build: version files")
    }

    /// A repository a test prepared itself, in `<sandbox>/repo`.
    init(existing sandbox: Sandbox) {
        self.sandbox = sandbox
    }

    func changelog(_ arguments: String..., environment: [String: String] = [:]) throws -> Sandbox.Result {
        try sandbox.run(Sandbox.changelogBinary, arguments, in: repo, environment: environment)
    }

    /// `git` with extra environment (a GNUPGHOME, say), failing the test on a non-zero exit.
    func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        let result = try sandbox.run(Sandbox.gitExecutable, arguments, in: repo, environment: environment)
        guard result.status == 0 else {
            throw ReleaseSceneError(description: "git \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// Everything a failed release must leave exactly as it found: refs, log, status, tags, staged
    /// entries, files. (Not the index's bytes: `git status` itself rewrites them when a file's stat
    /// data changed, as a restored file's has.)
    func state() throws -> [String] {
        [
            try git("for-each-ref", "--format=%(refname) %(objectname)"),
            try git("log", "--oneline", "--all"),
            try git("status", "--porcelain"),
            try git("tag", "--list"),
            try git("rev-parse", "HEAD"),
            try git("ls-files", "--stage"),
            try sandbox.read(directory + "/CHANGELOG.md"),
            try sandbox.read(directory + "/VERSION"),
            try sandbox.read(directory + "/package.json"),
        ]
    }

    /// The release of 2.0.0 is all there, as git sees it: the annotated tag on a commit that holds
    /// the new files, the branch on it, nothing left uncommitted, no journal, no broken object.
    func expectComplete(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!isPending, sourceLocation: sourceLocation)
        #expect(try git("cat-file", "-t", "v2.0.0") == "tag\n", sourceLocation: sourceLocation)
        #expect(try git("describe", "--exact-match", "HEAD") == "v2.0.0\n", sourceLocation: sourceLocation)
        #expect(try git("rev-parse", "HEAD") == (try git("rev-parse", "main")), sourceLocation: sourceLocation)
        #expect(try git("log", "-1", "--format=%s") == "chore: tag 2.0.0\n", sourceLocation: sourceLocation)
        #expect(try git("status", "--porcelain") == "", sourceLocation: sourceLocation)
        #expect(try git("show", "HEAD:VERSION") == "2.0.0\n", sourceLocation: sourceLocation)
        #expect(try sandbox.read(directory + "/VERSION") == "2.0.0\n", sourceLocation: sourceLocation)
        #expect(
            try sandbox.read(directory + "/CHANGELOG.md").components(separatedBy: "<a name=\"2.0.0\"></a>").count == 2,
            sourceLocation: sourceLocation)
        #expect(try git("fsck", "--no-dangling", "--no-progress") == "", sourceLocation: sourceLocation)
    }

    /// A pending release refuses every new one with one line that says how to settle it.
    func expectPendingRefusal(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(isPending, sourceLocation: sourceLocation)
        for arguments in [["release"], ["release", "--dry-run"], ["release", "3.0.0"]] {
            let result = try sandbox.run(Sandbox.changelogBinary, arguments, in: repo)
            #expect(result.status == 2, sourceLocation: sourceLocation)
            #expect(result.stdout == "", sourceLocation: sourceLocation)
            #expect(
                result.stderr
                    == "changelog: error: the release of 2.0.0 was interrupted and is pending; run `changelog release --continue` to finish it, or `changelog release --abort` to undo it\n",
                "\(result.stderr)", sourceLocation: sourceLocation)
        }
    }
}

struct ReleaseSceneError: Error, CustomStringConvertible {
    var description: String
}

extension ReleaseScene {
    /// Starts `changelog` in the scene's repository without waiting for it.
    func start(_ arguments: [String], environment: [String: String] = [:], stderr: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.changelogBinary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repo)
        process.environment = sandbox.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// Waits until the process has stopped itself (state T in /proc), polling without a deadline.
func waitUntilStopped(_ process: Process) throws {
    while process.isRunning {
        let stat = try String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)
        // The state follows the parenthesised command name.
        if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "T" { return }
        usleep(1_000)
    }
}
