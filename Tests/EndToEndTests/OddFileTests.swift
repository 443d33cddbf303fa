import FixtureSupport
import Foundation
import Testing

/// Outputs that are not regular files are written through as `>` would, never replaced nor read;
/// inputs are read up to a size limit; symbolic links stay links.
@Suite struct OddFileTests {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }
    static let section = try! Sandbox.fixture("widget/setversion-1.1.0.md")

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    private func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    /// A FIFO in the repository with this test holding it open for reading (O_RDWR: the open
    /// returns at once, and the tool's write end finds a reader).
    private func fifoWithReader(_ name: String) throws -> Int32 {
        #expect(mkfifo(repo + "/" + name, 0o644) == 0)
        let reader = open(repo + "/" + name, O_RDWR | O_NONBLOCK)
        try #require(reader >= 0)
        return reader
    }

    /// What is buffered in the FIFO now (the tool has exited; a section fits the pipe's buffer).
    private func drain(_ descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aFIFOOutfileIsWrittenThroughAndNeverRead() throws {
        let reader = try fifoWithReader("out.fifo")
        defer { close(reader) }
        let result = try sandbox.changelogLimited(["--setversion", "1.1.0", "-o", "out.fifo"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(drain(reader) == Self.section)
        #expect(kind(repo + "/out.fifo") == S_IFIFO)
    }

    @Test func aFIFOGivenToMinusCGetsTheSectionsWithoutAMerge() throws {
        let reader = try fifoWithReader("CHANGELOG.md")
        defer { close(reader) }
        let result = try sandbox.changelogLimited(["--setversion", "1.1.0", "-C", "CHANGELOG.md"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(drain(reader) == Self.section)
        #expect(kind(repo + "/CHANGELOG.md") == S_IFIFO)
        #expect(!FileManager.default.fileExists(atPath: repo + "/CHANGELOG.md.lock"))
    }

    @Test func aFIFONobodyReadsIsAnErrorInsteadOfAHang() throws {
        #expect(mkfifo(repo + "/out.fifo", 0o644) == 0)
        let result = try sandbox.changelogLimited(["--setversion", "1.1.0", "-o", "out.fifo"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "changelog: error: cannot write out.fifo: it is a FIFO that nothing reads; start its reader first, or write to a file\n")
        #expect(kind(repo + "/out.fifo") == S_IFIFO)
    }

    @Test func deviceNodesAreWrittenThroughAndStayDevices() throws {
        // A copy of /dev/null and of /dev/full in the sandbox; a container without CAP_MKNOD cannot
        // make them, and then there is nothing to test.
        guard mknod(repo + "/null", S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0,
            mknod(repo + "/full", S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0
        else { return }
        let null = try sandbox.changelogLimited(["--setversion", "1.1.0", "-o", "null"])
        #expect(null.status == 0, "\(null.stderr)")
        #expect(kind(repo + "/null") == S_IFCHR)
        let inPlace = try sandbox.changelogLimited(["--setversion", "1.1.0", "-C", "null"])
        #expect(inPlace.status == 0, "\(inPlace.stderr)")
        #expect(kind(repo + "/null") == S_IFCHR)
        let full = try sandbox.changelogLimited(["--setversion", "1.1.0", "-o", "full"])
        #expect(full.status == 2)
        #expect(full.stderr == "changelog: error: cannot write full: No space left on device\n")
        #expect(kind(repo + "/full") == S_IFCHR)
        let input = try sandbox.changelogLimited(["--setversion", "1.1.0", "-i", "null", "-o", "NEW.md"])
        #expect(input.status == 0, "\(input.stderr)")
        #expect(try sandbox.read("repo/NEW.md") == "# Changelog\n\n" + Self.section.dropLast())
    }

    @Test func aLinkToTheProcessesOwnStdoutWritesToStdout() throws {
        try FileManager.default.createSymbolicLink(atPath: repo + "/out", withDestinationPath: "/proc/self/fd/1")
        let piped = try sandbox.changelogLimited(["--setversion", "1.1.0", "-o", "out"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == Self.section)
        // stdout redirected to a regular file that already holds text, as `>>` leaves it: the section
        // is appended through the descriptor, as `-o /dev/stdout` means; nothing is merged or renamed.
        try sandbox.write("captured.txt", "before\n")
        let redirected = try sandbox.changelogLimited(["--setversion", "1.1.0", "-o", "out"], stdoutFile: sandbox.root + "/captured.txt")
        #expect(redirected.status == 0, "\(redirected.stderr)")
        #expect(try sandbox.read("captured.txt") == "before\n" + Self.section)
        #expect(kind(repo + "/out") == S_IFLNK)
    }

    @Test func aDanglingSymlinkGetsItsTargetCreatedAndStaysALink() throws {
        try FileManager.default.createDirectory(atPath: repo + "/docs", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: repo + "/CHANGELOG.md", withDestinationPath: "docs/CHANGES.md")
        let result = try sandbox.changelogLimited(["--setversion", "1.1.0", "-C", "CHANGELOG.md"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(kind(repo + "/CHANGELOG.md") == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: repo + "/CHANGELOG.md") == "docs/CHANGES.md")
        #expect(try sandbox.read("repo/docs/CHANGES.md") == "# Changelog\n\n" + Self.section.dropLast())
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo + "/docs") == ["CHANGES.md"])
    }

    // MARK: - Size limits

    /// A sparse file of 65 MiB: it takes no space, and is one MiB over the limit.
    private func sparse(_ name: String) throws {
        let descriptor = open(repo + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        #expect(ftruncate(descriptor, 65 << 20) == 0)
        close(descriptor)
    }

    private func expectTooLarge(_ result: Sandbox.Result, naming name: String) {
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("changelog: error: cannot read \(name): it is larger than 64 MiB"))
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func aHugeConfigurationOrInfileIsRefusedNamingIt() throws {
        try sparse("huge.toml")
        expectTooLarge(try sandbox.changelogLimited(["--setversion", "1.1.0", "-c", "huge.toml"]), naming: "huge.toml")
        try sparse("huge.md")
        let infile = try sandbox.changelogLimited(["--setversion", "1.1.0", "-i", "huge.md", "-o", "NEW.md"])
        expectTooLarge(infile, naming: "huge.md")
        #expect(!FileManager.default.fileExists(atPath: repo + "/NEW.md"))
        let message = try sandbox.changelogLimited(["check", "--message-file", "huge.md"])
        expectTooLarge(message, naming: "huge.md")
    }

    @Test func aHugeChangelogIsRefusedAndLeftAsItWas() throws {
        try sparse("CHANGELOG.md")
        let result = try sandbox.changelogLimited(["--setversion", "1.1.0", "-C", "CHANGELOG.md"])
        expectTooLarge(result, naming: "CHANGELOG.md")
        let size = try FileManager.default.attributesOfItem(atPath: repo + "/CHANGELOG.md")[.size] as? Int
        #expect(size == 65 << 20)
        #expect(!FileManager.default.fileExists(atPath: repo + "/CHANGELOG.md.lock"))
    }

    @Test func anEndlessMessageFIFOEndsWithTheSizeError() throws {
        #expect(mkfifo(repo + "/message", 0o644) == 0)
        // A writer that never stops, as /dev/zero would be; it ends when the reader goes away.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "exec yes changelog > \"$1\"", "sh", repo + "/message"]
        try writer.run()
        defer {
            if writer.isRunning { kill(writer.processIdentifier, SIGKILL) }
            writer.waitUntilExit()
        }
        expectTooLarge(try sandbox.changelogLimited(["check", "--message-file", "message"]), naming: "message")
    }

    @Test func aMessageFIFOIsReadToItsEnd() throws {
        // Shell process substitution: `changelog check --message-file <(git log -1 --format=%B)`.
        #expect(mkfifo(repo + "/message", 0o644) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf 'feat: add the thing\\n' > \"$1\"", "sh", repo + "/message"]
        try writer.run()
        defer {
            if writer.isRunning { kill(writer.processIdentifier, SIGKILL) }
            writer.waitUntilExit()
        }
        let good = try sandbox.changelogLimited(["check", "--message-file", "message"])
        #expect(good.status == 0, "\(good.stderr)")
    }

    @Test func anEndlessStandardInputEndsWithTheSizeError() throws {
        let result = try sandbox.run(
            "/bin/sh", ["-c", "yes | exec \"$1\" check --message-file -", "sh", Sandbox.changelogBinary],
            in: repo)
        expectTooLarge(result, naming: "the standard input")
    }

    @Test func aHugeVersionFileStopsTheReleaseNamingIt() throws {
        let scene = try ReleaseScene()
        let descriptor = open(scene.repo + "/VERSION", O_WRONLY | O_TRUNC)
        try #require(descriptor >= 0)
        #expect(ftruncate(descriptor, 65 << 20) == 0)
        close(descriptor)
        _ = try scene.git("commit", "-q", "-a", "-m", "build: a VERSION file gone wrong")
        let head = try scene.git("rev-parse", "HEAD")
        let result = try scene.changelog("release")
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix("changelog: error: cannot read \(scene.repo)/VERSION: it is larger than 64 MiB"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try scene.git("rev-parse", "HEAD") == head)
        #expect(try scene.git("tag", "--list").split(separator: "\n").count == 3)
    }
}
