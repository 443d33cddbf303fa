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
