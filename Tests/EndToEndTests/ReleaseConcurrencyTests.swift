import FixtureSupport
import Foundation
import Testing

/// One release at a time per repository: a second run exits 2 at once and changes nothing, so it
/// can never undo what the first one wrote.
@Suite struct ReleaseConcurrencyTests {
    /// The first release stops itself halfway (two of its three files written) while holding the
    /// lock; every other run meanwhile is refused and changes nothing; the first then completes.
    @Test func aSecondReleaseWhileOneIsRunningExitsAtOnceAndChangesNothing() throws {
        let scene = try ReleaseScene()
        let first = try scene.start(["release"], environment: ["CHANGELOG_FAULT": "file-2:stop"])
        try waitUntilStopped(first)
        let halfway = try scene.state()
        #expect(try scene.sandbox.read("repo/VERSION") == "2.0.0\n")
        for arguments in [["release"], ["release", "--abort"], ["release", "--continue"], ["release", "3.0.0"]] {
            let second = try scene.sandbox.run(Sandbox.changelogBinary, arguments, in: scene.repo)
            #expect(second.status == 2)
            #expect(second.stdout == "")
            #expect(
                second.stderr
                    == "changelog: error: another changelog release is running in this repository (process \(first.processIdentifier)); wait for it to finish, then run the command again\n"
            )
            #expect(try scene.state() == halfway)
        }
        kill(first.processIdentifier, SIGCONT)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        try scene.expectComplete()
        #expect(!FileManager.default.fileExists(atPath: scene.repo + "/.git/changelog-release.lock"))
    }

    /// A `-C` run that writes CHANGELOG.md while a release is on its way (read, not yet written)
    /// keeps its section: the release finds the file changed, changes nothing, and says so.
    @Test func aChangelogWrittenDuringTheReleaseIsNotOverwritten() throws {
        let scene = try ReleaseScene()
        let before = try scene.state()
        let pipe = Pipe()
        let release = try scene.start(["release"], environment: ["CHANGELOG_FAULT": "journal:stop"], stderr: pipe)
        try waitUntilStopped(release)
        let written = try scene.changelog("--setversion", "9.9.9", "-C", "CHANGELOG.md")
        #expect(written.status == 0, "\(written.stderr)")
        let withSection = try scene.sandbox.read("repo/CHANGELOG.md")
        #expect(withSection.contains("<a name=\"9.9.9\"></a>"))
        kill(release.processIdentifier, SIGCONT)
        release.waitUntilExit()
        let stderr = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(release.terminationStatus == 2)
        #expect(stderr.contains("CHANGELOG.md changed while the release was being made"), "\(stderr)")
        #expect(!scene.isPending)
        #expect(try scene.sandbox.read("repo/CHANGELOG.md") == withSection)
        var expected = before
        expected[2] = " M CHANGELOG.md\n"
        expected[6] = withSection
        #expect(try scene.state() == expected)
    }

    /// Two releases started together, many times over: one wins, the other is refused (by the lock,
    /// or, when it starts after the winner ends, because HEAD is released) and changes nothing.
    @Test func twoReleasesAtOnceOneWinsTheOtherChangesNothing() throws {
        var refusals: [String: Int] = [:]
        for _ in 0..<12 {
            let scene = try ReleaseScene()
            let commits = Int(try scene.git("rev-list", "--count", "HEAD").dropLast())!
            let pipes = [Pipe(), Pipe()]
            let processes = try pipes.map { try scene.start(["release"], stderr: $0) }
            for process in processes { process.waitUntilExit() }
            #expect(processes.map(\.terminationStatus).sorted() == [0, 2])
            try scene.expectComplete()
            // One release commit, not two.
            #expect(try scene.git("rev-list", "--count", "HEAD") == "\(commits + 1)\n")
            for (process, pipe) in zip(processes, pipes) where process.terminationStatus == 2 {
                let line = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                let kind =
                    line.contains("another changelog release is running")
                    ? "lock"
                    // Started after the winner ended: HEAD is released (or, read a moment
                    // before, the tag it would make exists).
                    : line.contains("HEAD is already released as v2.0.0") || line.contains("the tag v2.0.0 already exists")
                        ? "released" : line
                refusals[kind, default: 0] += 1
            }
        }
        #expect(Set(refusals.keys).isSubset(of: ["lock", "released"]), "\(refusals)")
        print("two releases at once, refusals: \(refusals)")
    }

    /// kill -9 or SIGINT from outside at random instants of the part that changes things (each run
    /// pauses itself just before its journal, and is killed at a random moment after it resumes):
    /// after kill -9 the repository is untouched, released or pending (then settled by --abort or
    /// --continue in turn); after SIGINT never pending, because the release rolls back.
    @Test(arguments: [SIGKILL, SIGINT])
    func signalsAtRandomInstantsLeaveOneOfThreeOutcomes(_ signal: Int32) throws {
        var outcomes: [String: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        let pause = ["CHANGELOG_FAULT": "objects:stop"]
        // How long the rest of a release takes here, so the instants spread over all of it.
        let timing = try ReleaseScene()
        let paused = try timing.start(["release"], environment: pause)
        try waitUntilStopped(paused)
        let resumed = DispatchTime.now()
        kill(paused.processIdentifier, SIGCONT)
        paused.waitUntilExit()
        #expect(paused.terminationStatus == 0)
        let duration = UInt32((DispatchTime.now().uptimeNanoseconds - resumed.uptimeNanoseconds) / 1_000)
        for round in 0..<20 {
            let scene = try ReleaseScene()
            let before = try scene.state()
            let process = try scene.start(["release"], environment: pause)
            try waitUntilStopped(process)
            kill(process.processIdentifier, SIGCONT)
            usleep(UInt32.random(in: 0...duration + duration / 4, using: &generator))
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            let outcome: String
            if scene.isPending {
                outcome = "pending"
                #expect(signal == SIGKILL)
                try scene.expectPendingRefusal()
                let option = round % 2 == 0 ? "--abort" : "--continue"
                var settled = try scene.changelog("release", option)
                // Killed inside libgit2's own update of a ref or the index, it leaves git's lock
                // file, as git does; the message says to remove it when no git is running.
                if settled.status == 2, let lock = settled.stderr.firstMatch(of: /'([^']+\.lock)'/)?.1,
                    settled.stderr.contains("remove the lock file if none is")
                {
                    try FileManager.default.removeItem(atPath: String(lock))
                    settled = try scene.changelog("release", option)
                }
                #expect(settled.status == 0, "\(settled.stderr)")
                if option == "--abort" {
                    let after = try scene.state()
                    #expect(after == before, "\(zip(before, after).filter { $0 != $1 })")
                } else {
                    try scene.expectComplete()
                }
            } else if (try? scene.git("rev-parse", "-q", "--verify", "refs/tags/v2.0.0")) != nil {
                outcome = "complete"
                try scene.expectComplete()
            } else {
                outcome = "untouched"
                let after = try scene.state()
                #expect(after == before, "\(zip(before, after).filter { $0 != $1 })")
            }
            outcomes[outcome, default: 0] += 1
        }
        print("signal \(signal) at random instants (\(duration) µs to complete): \(outcomes)")
    }

    /// A lock left by a release killed with -9 is nobody's: the next run takes it over.
    @Test func aStaleLockIsTakenOver() throws {
        let scene = try ReleaseScene()
        let before = try scene.state()
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "file-1:kill"]).status == SIGKILL)
        #expect(FileManager.default.fileExists(atPath: scene.repo + "/.git/changelog-release.lock"))
        let aborted = try scene.changelog("release", "--abort")
        #expect(aborted.status == 0, "\(aborted.stderr)")
        #expect(try scene.state() == before)
        #expect(!FileManager.default.fileExists(atPath: scene.repo + "/.git/changelog-release.lock"))
    }
}
