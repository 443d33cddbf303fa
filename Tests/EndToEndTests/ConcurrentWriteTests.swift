import FixtureSupport
import Foundation
import Testing

/// Runs writing one changelog file are serialised by `<file>.lock`: none loses another's section,
/// a run that finds the lock says so at once, an interrupted run leaves nothing behind.
@Suite struct ConcurrentWriteTests {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }
    var lock: String { repo + "/CHANGELOG.md.lock" }

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    static let lockMessage =
        "changelog: error: cannot write CHANGELOG.md: CHANGELOG.md.lock exists, so another changelog run is writing it; "
        + "run again when it is done, or remove CHANGELOG.md.lock if no other run is going on\n"

    @Test func twoRunsAtOnceNeverLoseASection() throws {
        try sandbox.write("repo/CHANGELOG.md", "# Changelog\n")
        var written: [String] = []
        for round in 1...15 {
            let versions = ["1.\(round).0", "9.\(round).0"]
            let results = Results(count: 2)
            nonisolated(unsafe) let sandbox = sandbox
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                results.set(
                    index,
                    Swift.Result(catching: {
                        try sandbox.changelogLimited(["--setversion", versions[index], "-C", "CHANGELOG.md"])
                    }))
            }
            for (index, outcome) in results.values.enumerated() {
                let result = try #require(try outcome?.get())
                if result.status == 0 {
                    written.append(versions[index])
                } else {
                    #expect(result.status == 2)
                    #expect(result.stderr == Self.lockMessage)
                }
            }
            let text = try sandbox.read("repo/CHANGELOG.md")
            let lost = written.filter { !text.contains("<a name=\"\($0)\"></a>") }
            #expect(lost.isEmpty, "round \(round): \(lost) written, then lost")
            written.removeAll { lost.contains($0) }
            #expect(!FileManager.default.fileExists(atPath: lock))
        }
        #expect(written.count >= 15, "at least one run of each round succeeds, and nothing is lost")
    }

    @Test func aLiveLockIsRespected() throws {
        try sandbox.write("repo/CHANGELOG.md", "# Changelog\n")
        let descriptor = open(lock, O_RDWR | O_CREAT | O_EXCL, 0o644)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX) == 0)
        // Old, but held: another run is still writing.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3_600)], ofItemAtPath: lock)
        let result = try sandbox.changelogLimited(["--setversion", "1.1.0", "-C", "CHANGELOG.md"])
        #expect(result.status == 2)
        #expect(result.stderr == Self.lockMessage)
        #expect(try sandbox.read("repo/CHANGELOG.md") == "# Changelog\n")
        #expect(FileManager.default.fileExists(atPath: lock))
    }

    @Test func theLockIsTakenOnASymlinksTarget() throws {
        // As git locks the file a link leads to: writers through the link and to the file itself meet.
        try sandbox.write("repo/docs/CHANGES.md", "# Changelog\n")
        try FileManager.default.createSymbolicLink(atPath: repo + "/CHANGELOG.md", withDestinationPath: "docs/CHANGES.md")
        let descriptor = open(repo + "/docs/CHANGES.md.lock", O_RDWR | O_CREAT | O_EXCL, 0o644)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX) == 0)
        let result = try sandbox.changelogLimited(["--setversion", "1.1.0", "-C", "CHANGELOG.md"])
        #expect(result.status == 2)
        #expect(
            result.stderr == "changelog: error: cannot write CHANGELOG.md: docs/CHANGES.md.lock exists, so another changelog run is "
                + "writing it; run again when it is done, or remove docs/CHANGES.md.lock if no other run is going on\n")
        #expect(try sandbox.read("repo/docs/CHANGES.md") == "# Changelog\n")
    }

    @Test func aYoungLockWithoutHolderIsRespected() throws {
        // Made an instant ago by a run that has not taken its flock yet (or by a tool that never does).
        try sandbox.write("repo/CHANGELOG.md", "# Changelog\n")
        try sandbox.write("repo/CHANGELOG.md.lock", "")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3_600)], ofItemAtPath: lock)
        let result = try sandbox.changelogLimited(["--setversion", "1.1.0", "-C", "CHANGELOG.md"])
        #expect(result.status == 2)
        #expect(result.stderr == Self.lockMessage)
        #expect(FileManager.default.fileExists(atPath: lock))
    }

    @Test func aStaleLockLeftByAKilledRunIsRemoved() throws {
        try sandbox.write("repo/CHANGELOG.md", "# Changelog\n")
        try sandbox.write("repo/CHANGELOG.md.lock", "half a changelog")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: lock)
        let result = try sandbox.changelogLimited(["--setversion", "1.1.0", "-C", "CHANGELOG.md"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try sandbox.read("repo/CHANGELOG.md").contains("<a name=\"1.1.0\"></a>"))
        #expect(!FileManager.default.fileExists(atPath: lock))
    }

    @Test func anInterruptLeavesTheOldFileOrTheNewOneAndNothingElse() throws {
        // A large file makes the read-merge-write window long enough to be hit.
        let filler = String(repeating: "Hand-written history, kept byte for byte across every run.\n", count: 60_000)
        let original = "# Changelog\n\n" + filler + "\n" + ChangelogFileTests.handWritten.dropFirst("# Changelog\n\n".count)
        try sandbox.write("repo/CHANGELOG.md", original)
        let start = Date()
        let full = try sandbox.changelogLimited(["--setversion", "1.1.0", "-C", "CHANGELOG.md"])
        let duration = Date().timeIntervalSince(start)
        #expect(full.status == 0, "\(full.stderr)")
        let updated = try sandbox.read("repo/CHANGELOG.md")
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: repo))
        for round in 1...10 {
            try sandbox.write("repo/CHANGELOG.md", original)
            let watcher = Watcher()
            let result = try sandbox.changelogLimited(["--setversion", "1.1.0", "-C", "CHANGELOG.md"]) { [repo] pid in
                if round <= 4 {
                    // SIGINT the moment a new file (the lock, or a temporary file) appears beside it.
                    Thread.detachNewThread {
                        while !watcher.stopped {
                            if Self.names(in: repo).contains(where: { !before.contains($0) }) {
                                kill(pid, SIGINT)
                                return
                            }
                        }
                    }
                } else {
                    DispatchQueue.global().asyncAfter(deadline: .now() + duration * Double(round - 4) / 6) { kill(pid, SIGINT) }
                }
            }
            watcher.stop()
            #expect(result.status == 0 || result.status == SIGINT, "round \(round): \(result.stderr)")
            let text = try sandbox.read("repo/CHANGELOG.md")
            #expect(text == original || text == updated, "round \(round): the file is neither the old one nor the new one")
            let left = Set(try FileManager.default.contentsOfDirectory(atPath: repo)).subtracting(before)
            #expect(left.isEmpty, "round \(round): left behind \(left)")
        }
    }
}

extension ConcurrentWriteTests {
    /// The directory's entries, read with readdir(): quick enough to poll for a file that lives a
    /// few milliseconds.
    static func names(in directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

/// Tells the watching thread to give up once the run is over.
private final class Watcher: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    var stopped: Bool { lock.withLock { done } }
    func stop() { lock.withLock { done = true } }
}

/// The two runs' results, each set by its own thread.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Swift.Result<Sandbox.Result, any Error>?]

    init(count: Int) { stored = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Swift.Result<Sandbox.Result, any Error>) {
        lock.lock()
        stored[index] = value
        lock.unlock()
    }

    var values: [Swift.Result<Sandbox.Result, any Error>?] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
