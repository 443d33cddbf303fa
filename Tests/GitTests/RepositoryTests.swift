import FixtureSupport
import Foundation
import Git
import Testing

@Suite struct RepositoryTests {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    @Test func opensFromASubdirectory() throws {
        try FileManager.default.createDirectory(atPath: repo + "/a/b", withIntermediateDirectories: true)
        let repository = try Repository(discoveringFrom: repo + "/a/b")
        #expect(repository.workingDirectory == repo + "/")
        #expect(try repository.resolveCommit("HEAD").hex == sandbox.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines))
    }

    @Test func opensALinkedWorktree() throws {
        _ = try sandbox.git("worktree", "add", "-q", "-b", "side", sandbox.root + "/wt", "v0.2.0")
        let repository = try Repository(discoveringFrom: sandbox.root + "/wt")
        #expect(repository.currentBranch == "side")
        #expect(try repository.resolveCommit("HEAD") == repository.resolveCommit("v0.2.0"))
    }

    @Test func opensABareRepository() throws {
        _ = try sandbox.git("clone", "-q", "--bare", repo, sandbox.root + "/bare.git", in: sandbox.root)
        let repository = try Repository(discoveringFrom: sandbox.root + "/bare.git")
        #expect(repository.isBare)
        #expect(repository.workingDirectory == nil)
        #expect(try repository.tags().count == 3)
    }

    @Test func notARepositorySaysSo() throws {
        #expect {
            _ = try Repository(discoveringFrom: sandbox.root + "/home")
        } throws: { error in
            (error as? GitError)?.code == .notFound && (error as? GitError)?.kind == .notARepository
        }
    }

    @Test func anEmptyRepositoryHasAnUnbornHead() throws {
        let repository = try Repository.create(at: sandbox.root + "/empty")
        #expect(repository.isHeadUnborn)
        #expect { _ = try repository.resolveCommit("HEAD") } throws: {
            ($0 as? GitError)?.code == .unbornBranch && ($0 as? GitError)?.kind == .unbornHead
        }
    }

    @Test func unknownRevisionsNameTheRevision() throws {
        let repository = try Repository(discoveringFrom: repo)
        #expect { _ = try repository.resolveCommit("no-such-branch") } throws: { error in
            let error = error as? GitError
            return error?.kind == .unknownRevision && error?.code == .notFound && error?.subject == "no-such-branch"
        }
        #expect { _ = try repository.resolveCommit("HEAD^{tree}") } throws: { error in
            (error as? GitError)?.kind == .notACommit && (error as? GitError)?.subject == "HEAD^{tree}"
        }
    }

    /// Repositories owned by someone else are refused unless the user trusts them, as git does.
    @Test func ownershipCheckCanBeTurnedOff() throws {
        guard getuid() == 0 else { return }  // only root can give the repository away
        let copy = sandbox.root + "/owned"
        _ = try sandbox.git("clone", "-q", repo, copy, in: sandbox.root)
        let chown = try sandbox.run("/bin/chown", ["-R", "65534:65534", copy])
        #expect(chown.status == 0)
        GitSettings.setOwnerValidation(true)
        #expect { _ = try Repository(discoveringFrom: copy) } throws: { error in
            let error = error as? GitError
            return error?.code == .owner && error?.kind == .ownedByAnotherUser && error?.subject == copy
        }
        GitSettings.setOwnerValidation(false)
        #expect(try Repository(discoveringFrom: copy).isBare == false)
    }

    @Test(arguments: [false, true])
    func tagsArePeeledAndOddTagsSkipped(packed: Bool) throws {
        _ = try sandbox.git("tag", "tree-tag", "HEAD^{tree}")
        _ = try sandbox.git("tag", "-a", "-m", "nested", "nested-tag", "v1.0.0")
        _ = try sandbox.git("tag", "not-a-version", "HEAD~3")
        _ = try sandbox.git("tag", "-a", "-m", "a tree", "annotated-tree-tag", "HEAD^{tree}")
        if !packed {
            // A loose tag object whose type line says commit for a tree: the peel checks the object.
            let tree = try sandbox.git("rev-parse", "HEAD^{tree}").trimmingCharacters(in: .newlines)
            try Data("object \(tree)\ntype commit\ntag liar\ntagger A <a@example.com> 1700000000 +0000\n\nlie\n".utf8)
                .write(to: URL(fileURLWithPath: sandbox.root + "/liar"))
            let liar = try sandbox.git("hash-object", "-t", "tag", "-w", "--literally", sandbox.root + "/liar").trimmingCharacters(
                in: .newlines)
            _ = try sandbox.git("update-ref", "refs/tags/liar", liar)
        }
        // Packed tags are read from packed-refs' peeled lines; loose ones from their objects.
        if packed { _ = try sandbox.git("pack-refs", "--all") }
        let repository = try Repository(discoveringFrom: repo)
        let tags = Dictionary(uniqueKeysWithValues: try repository.tags().map { ($0.name, $0) })
        #expect(Set(tags.keys) == ["v0.1.0", "v0.2.0", "v1.0.0", "nested-tag", "not-a-version"])
        #expect(tags["nested-tag"]?.commitID == tags["v1.0.0"]?.commitID)
        #expect(tags["v0.2.0"]?.isAnnotated == false)
        #expect(try repository.annotation(of: #require(tags["v0.2.0"])) == nil)
        let annotation = try repository.annotation(of: #require(tags["v1.0.0"]))
        #expect(annotation?.message == "Release 1.0.0\n")
        #expect(annotation?.tagger?.name == "Ada Lovelace")
        for name in ["v0.1.0", "v0.2.0", "v1.0.0", "not-a-version"] {
            let expected = try sandbox.git("rev-parse", name + "^{commit}").trimmingCharacters(in: .newlines)
            #expect(tags[name]?.commitID.hex == expected, "\(name)")
        }
    }

    @Test func invalidUTF8MessagesAreDecodedLossily() throws {
        // git commit-tree would re-encode Latin-1 to UTF-8, so the object is written byte for byte.
        let tree = try sandbox.git("rev-parse", "HEAD^{tree}").trimmingCharacters(in: .newlines)
        let head = try sandbox.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        var object = Data(
            "tree \(tree)\nparent \(head)\nauthor A <a@example.com> 1700000000 +0000\ncommitter A <a@example.com> 1700000000 +0000\n\nfix: caf"
                .utf8)
        object.append(contentsOf: [0xE9, 0x0A])
        try object.write(to: URL(fileURLWithPath: sandbox.root + "/object"))
        let id = try sandbox.git("hash-object", "-t", "commit", "-w", sandbox.root + "/object").trimmingCharacters(in: .newlines)
        let repository = try Repository(discoveringFrom: repo)
        let commit = try repository.commit(try #require(ObjectID(hex: id)))
        #expect(commit.message == "fix: caf\u{FFFD}\n")
        #expect(commit.parentIDs.count == 1)
    }

    @Test func latin1MessagesAreDecodedAsTheirCommitDeclares() throws {
        let tree = try sandbox.git("rev-parse", "HEAD^{tree}").trimmingCharacters(in: .newlines)
        var object = Data(
            "tree \(tree)\nauthor A <a@example.com> 1700000000 +0000\ncommitter A <a@example.com> 1700000000 +0000\nencoding ISO-8859-1\n\nfix: caf"
                .utf8)
        object.append(contentsOf: [0xE9, 0x0A])
        try object.write(to: URL(fileURLWithPath: sandbox.root + "/latin1"))
        let id = try sandbox.git("hash-object", "-t", "commit", "-w", sandbox.root + "/latin1").trimmingCharacters(in: .newlines)
        let repository = try Repository(discoveringFrom: repo)
        #expect(try repository.commit(#require(ObjectID(hex: id))).message == "fix: café\n")
    }

    /// The raw remote URL, before `insteadOf` rewriting, is the public address.
    @Test func configurationValuesAreRaw() throws {
        _ = try sandbox.git("config", "url./srv/mirror/.insteadOf", "git@github.com:")
        let repository = try Repository(discoveringFrom: repo)
        #expect(try repository.configString("remote.origin.url") == "git@github.com:acme/widget.git")
        #expect(try repository.configString("no.such.key") == nil)
    }
}
