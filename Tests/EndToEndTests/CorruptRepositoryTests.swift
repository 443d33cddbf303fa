import FixtureSupport
import Foundation
import Testing

/// A damaged repository stops every command at once with one line that names the object and says
/// to run `git fsck`. libgit2 1.5 spins forever on a truncated loose object, so each run has a
/// watchdog: a command still running after 20 s is killed and fails the test.
@Suite struct CorruptRepositoryTests {
    static let commands: [[String]] = [
        [], ["--all"], ["next"], ["check"], ["notes"], ["release", "--dry-run"], ["backports", "--onto", "main"],
    ]

    /// The widget history, checked out, with `damage` done to it afterwards.
    private func scene(_ damage: (Sandbox, String) throws -> String) throws -> (Sandbox, String) {
        let sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
        _ = try sandbox.git("reset", "-q", "--hard")
        return (sandbox, try damage(sandbox, sandbox.root + "/repo"))
    }

    private func loosePath(_ id: String, in repo: String) -> String {
        repo + "/.git/objects/" + id.prefix(2) + "/" + id.dropFirst(2)
    }

    private func rewrite(_ path: String, _ change: (inout [UInt8]) -> Void) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        change(&bytes)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Runs the tool with a watchdog; nil when it had to be killed.
    private func runGuarded(_ sandbox: Sandbox, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.changelogBinary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: sandbox.root + "/repo")
        process.environment = sandbox.environment
        let out = sandbox.root + "/out-\(UUID().uuidString)", err = out + ".err"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return (
            process.terminationStatus, try String(contentsOfFile: out, encoding: .utf8), try String(contentsOfFile: err, encoding: .utf8)
        )
    }

    private func expectEveryCommandNames(
        _ object: String, _ sandbox: Sandbox, also extra: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for arguments in Self.commands {
            let shown = "changelog \(arguments.joined(separator: " "))"
            guard let result = try runGuarded(sandbox, arguments) else {
                Issue.record("\(shown) still ran after 20 s", sourceLocation: sourceLocation)
                continue
            }
            #expect(result.status == 2, "\(shown): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stdout == "", "\(shown)", sourceLocation: sourceLocation)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(shown): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains("object \(object)"), "\(shown): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains("git fsck"), "\(shown): \(result.stderr)", sourceLocation: sourceLocation)
            if let extra { #expect(result.stderr.contains(extra), "\(shown): \(result.stderr)", sourceLocation: sourceLocation) }
        }
    }

    @Test func aTruncatedLooseObject() throws {
        let (sandbox, object) = try scene { sandbox, repo in
            let id = try sandbox.git("rev-parse", "HEAD~1").trimmingCharacters(in: .newlines)
            try rewrite(loosePath(id, in: repo)) { $0.removeLast($0.count / 2) }
            return id
        }
        try expectEveryCommandNames(object, sandbox, also: "truncated")
    }

    /// A clone made with `--shared` reads its history from the original's objects directory.
    @Test func aTruncatedLooseObjectInAnAlternate() throws {
        let sandbox = try Sandbox()
        let origin = try sandbox.build(history: "widget", into: "origin")
        _ = try sandbox.git("clone", "-q", "--shared", origin.path, sandbox.root + "/repo", in: sandbox.root)
        let id = try sandbox.git("rev-parse", "HEAD~1").trimmingCharacters(in: .newlines)
        #expect(!FileManager.default.fileExists(atPath: loosePath(id, in: sandbox.root + "/repo")))
        try rewrite(loosePath(id, in: origin.path)) { $0.removeLast($0.count / 2) }
        try expectEveryCommandNames(id, sandbox, also: "truncated")
    }

    @Test func aLooseObjectWithFlippedBytes() throws {
        let (sandbox, object) = try scene { sandbox, repo in
            let id = try sandbox.git("rev-parse", "HEAD~1").trimmingCharacters(in: .newlines)
            try rewrite(loosePath(id, in: repo)) { bytes in
                for offset in stride(from: 12, to: bytes.count - 4, by: 9) { bytes[offset] ^= 0x5A }
            }
            return id
        }
        try expectEveryCommandNames(object, sandbox, also: "damaged")
    }

    @Test func aMissingCommit() throws {
        let (sandbox, object) = try scene { sandbox, repo in
            let id = try sandbox.git("rev-parse", "HEAD~1").trimmingCharacters(in: .newlines)
            try FileManager.default.removeItem(atPath: loosePath(id, in: repo))
            return id
        }
        try expectEveryCommandNames(object, sandbox, also: "missing")
    }

    /// The tag's ref is there, its object is not: an error naming the tag, never a tag skipped
    /// (which made `release` tag an older version and move VERSION backwards).
    @Test func aTagWhoseObjectIsMissing() throws {
        let (sandbox, object) = try scene { sandbox, repo in
            let id = try sandbox.git("rev-parse", "refs/tags/v1.0.0").trimmingCharacters(in: .newlines)
            #expect(try sandbox.git("cat-file", "-t", id) == "tag\n")
            try FileManager.default.removeItem(atPath: loosePath(id, in: repo))
            return id
        }
        try expectEveryCommandNames(object, sandbox, also: "tag v1.0.0")
        // A real release changes nothing: no older version tagged, no version file moved back.
        try sandbox.write("repo/VERSION", "1.0.0\n")
        _ = try sandbox.git("add", "VERSION")
        _ = try sandbox.git("commit", "-q", "-m", "build: version file")
        let head = try sandbox.git("rev-parse", "HEAD")
        let release = try #require(try runGuarded(sandbox, ["release"]))
        #expect(release.status == 2 && release.stderr.contains("tag v1.0.0"), "\(release.stderr)")
        #expect(try sandbox.git("tag", "--list") == "v0.1.0\nv0.2.0\nv1.0.0\n")
        #expect(try sandbox.git("rev-parse", "HEAD") == head)
        #expect(try sandbox.read("repo/VERSION") == "1.0.0\n")
    }

    @Test func aTagWhoseObjectIsMissingBehindPackedRefs() throws {
        let (sandbox, object) = try scene { sandbox, repo in
            _ = try sandbox.git("pack-refs", "--all")
            let id = try sandbox.git("rev-parse", "refs/tags/v1.0.0").trimmingCharacters(in: .newlines)
            try FileManager.default.removeItem(atPath: loosePath(id, in: repo))
            return id
        }
        try expectEveryCommandNames(object, sandbox, also: "tag v1.0.0")
    }

    @Test func aDamagedPackEntry() throws {
        let (sandbox, object) = try scene { sandbox, repo in
            _ = try sandbox.git("repack", "-adq")
            _ = try sandbox.git("prune-packed")
            let id = try sandbox.git("rev-parse", "HEAD~1").trimmingCharacters(in: .newlines)
            let index = try #require(
                try FileManager.default.contentsOfDirectory(atPath: repo + "/.git/objects/pack").first { $0.hasSuffix(".idx") })
            // `<id> <type> <size> <size in pack> <offset>`
            let entry = try #require(
                try sandbox.git("verify-pack", "-v", ".git/objects/pack/" + index)
                    .split(separator: "\n").first { $0.hasPrefix(id) })
            let fields = entry.split(separator: " ", omittingEmptySubsequences: true)
            let packed = try #require(Int(fields[3])), offset = try #require(Int(fields[4]))
            try rewrite(repo + "/.git/objects/pack/" + index.dropLast(4) + ".pack") { bytes in
                for position in stride(from: offset + packed / 3, to: offset + packed - 1, by: 5) { bytes[position] ^= 0xA5 }
            }
            return id
        }
        try expectEveryCommandNames(object, sandbox, also: "damaged")
    }
}
