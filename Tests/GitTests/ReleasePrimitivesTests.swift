import FixtureSupport
import Foundation
import Git
import Testing

/// What a release needs from libgit2, checked against the git command line.
@Suite struct ReleasePrimitivesTests {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
        _ = try sandbox.git("reset", "-q", "--hard")
    }

    @Test func headStates() throws {
        let repository = try Repository(discoveringFrom: repo)
        let tip = try repository.resolveCommit("HEAD")
        #expect(try repository.head() == .branch("refs/heads/main", tip))
        #expect(try repository.head().branchName == "main")
        _ = try sandbox.git("checkout", "-q", "--detach", "v0.2.0")
        let detached = try repository.head()
        #expect(detached == .detached(try repository.resolveCommit("v0.2.0")))
        #expect(detached.branchName == nil)
        let empty = try Repository.create(at: sandbox.root + "/empty", initialBranch: "trunk")
        #expect(try empty.head() == .unborn("refs/heads/trunk"))
        #expect(try empty.head().commitID == nil)
    }

    @Test func uncommittedChangesListTrackedFilesOnly() throws {
        let repository = try Repository(discoveringFrom: repo)
        #expect(try repository.uncommittedChanges() == [])
        try sandbox.write("repo/untracked.txt", "new\n")
        #expect(try repository.uncommittedChanges() == [])
        try sandbox.write("repo/changes/2.txt", "edited\n")
        try sandbox.write("repo/staged.txt", "staged\n")
        _ = try sandbox.git("add", "staged.txt")
        _ = try sandbox.git("rm", "-q", "changes/1.txt")
        #expect(try repository.uncommittedChanges() == ["changes/1.txt", "changes/2.txt", "staged.txt"])
    }

    @Test func stageAddsOnlyTheNamedPaths() throws {
        let repository = try Repository(discoveringFrom: repo)
        try sandbox.write("repo/changes/2.txt", "edited\n")
        try sandbox.write("repo/changes/3.txt", "edited too\n")
        try repository.stage(["changes/2.txt"])
        #expect(try sandbox.git("status", "--porcelain") == "M  changes/2.txt\n M changes/3.txt\n")
        #expect(try repository.indexPath() == repo + "/.git/index")
    }

    @Test func moveReferenceRefusesAReferenceSomeoneElseMoved() throws {
        let repository = try Repository(discoveringFrom: repo)
        let tip = try repository.resolveCommit("HEAD")
        let older = try repository.resolveCommit("v0.2.0")
        try repository.moveReference("refs/heads/main", to: older, expecting: tip, logMessage: "test: move")
        #expect(try repository.referenceTarget("refs/heads/main") == older)
        #expect(try sandbox.git("reflog", "-1", "--format=%gs", "main") == "test: move\n")
        #expect { try repository.moveReference("refs/heads/main", to: tip, expecting: tip, logMessage: "stale") } throws: { error in
            let error = error as? GitError
            return error?.code == .modified && error?.kind == .referenceMoved && error?.subject == "refs/heads/main"
        }
        #expect(try repository.referenceTarget("refs/heads/main") == older)
        try repository.moveReference("refs/heads/new", to: tip, expecting: nil, logMessage: "create")
        #expect { try repository.moveReference("refs/heads/new", to: tip, expecting: nil, logMessage: "again") } throws: {
            ($0 as? GitError)?.code == .exists
        }
        try repository.deleteReference("refs/heads/new")
        try repository.deleteReference("refs/heads/new")
        #expect(try repository.referenceTarget("refs/heads/new") == nil)
    }

    /// Two writers creating one reference at the same instant, many times over: exactly one wins
    /// each time. libgit2's creation without force checks the name before taking the lock, so both
    /// could succeed and the later one overwrite the first (a lost note, or someone's tag replaced).
    @Test func twoCreationsOfOneReferenceAtOnceLeaveOneWinner() throws {
        let repository = try Repository(discoveringFrom: repo)
        let targets = [try repository.resolveCommit("HEAD"), try repository.resolveCommit("v0.2.0")]
        let path = repo
        let rounds = 2_000
        let outcomes = RoundOutcomes(rounds: rounds)
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            // Each writer its own handle, as two processes would have.
            guard let handle = try? Repository(discoveringFrom: path) else {
                Issue.record("cannot open \(path)")
                return
            }
            for round in 0..<rounds {
                outcomes.barrier(round)
                let created: Bool
                do throws(GitError) {
                    try handle.moveReference(
                        "refs/heads/race-\(round)", to: targets[writer], expecting: nil, logMessage: "race")
                    created = true
                } catch {
                    created = false
                    // Refused as a creation (`.exists`), or by the other's lock: never anything else.
                    #expect(error.code == .exists || error.kind == .locked, "\(error)")
                }
                outcomes.record(round, writer: writer, created: created)
            }
        }
        for round in 0..<rounds {
            let winners = outcomes.winners(round)
            #expect(winners.count <= 1, "round \(round): both writers created the reference")
            if let winner = winners.first {
                #expect(try repository.referenceTarget("refs/heads/race-\(round)") == targets[winner])
            }
        }
    }

    @Test func aTagWrittenFromItsTextIsWhatGitReads() throws {
        let repository = try Repository(discoveringFrom: repo)
        let tip = try repository.resolveCommit("HEAD")
        let tagger = Signature(name: "Ada Lovelace", email: "ada@example.com", time: 1_795_219_200, offsetMinutes: -330)
        #expect(tagger.headerText == "Ada Lovelace <ada@example.com> 1795219200 -0530")
        let text = "object \(tip.hex)\ntype commit\ntag v9.0.0\ntagger \(tagger.headerText)\n\nRelease 9.0.0\n\n#### Features\n"
        let id = try repository.createTag(fromText: Array(text.utf8), name: "v9.0.0")
        #expect(try sandbox.git("cat-file", "tag", "v9.0.0") == text)
        #expect(try sandbox.git("rev-parse", "v9.0.0").trimmingCharacters(in: .newlines) == id.hex)
        #expect(try sandbox.git("fsck", "--no-dangling", "--strict").isEmpty)
        #expect { _ = try repository.createTag(fromText: Array(text.utf8), name: "v9.0.0") } throws: { ($0 as? GitError)?.code == .exists }
    }

    @Test func writeTreeKeepsAnExecutableFilesMode() throws {
        let repository = try Repository(discoveringFrom: repo)
        try sandbox.write("repo/bump.sh", "#!/bin/sh\n")
        _ = try sandbox.git("add", "--chmod=+x", "bump.sh")
        _ = try sandbox.git("commit", "-q", "-m", "build: script")
        let tree = try repository.writeTree(
            base: try repository.resolveCommit("HEAD"), changes: [("bump.sh", Array("#!/bin/sh\necho\n".utf8))])
        #expect(try sandbox.git("ls-tree", tree.hex, "bump.sh").hasPrefix("100755 blob "))
    }
}

/// Two writers' outcomes, round by round, and the barrier that starts each round for both at once.
private final class RoundOutcomes: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrived: [Int]
    private var created: [[Int]]

    init(rounds: Int) {
        arrived = Array(repeating: 0, count: rounds)
        created = Array(repeating: [], count: rounds)
    }

    func barrier(_ round: Int) {
        condition.lock()
        defer { condition.unlock() }
        arrived[round] += 1
        if arrived[round] == 2 { condition.broadcast() }
        while arrived[round] < 2 { condition.wait() }
    }

    func record(_ round: Int, writer: Int, created wasCreated: Bool) {
        condition.lock()
        defer { condition.unlock() }
        if wasCreated { created[round].append(writer) }
    }

    func winners(_ round: Int) -> [Int] {
        condition.lock()
        defer { condition.unlock() }
        return created[round]
    }
}
