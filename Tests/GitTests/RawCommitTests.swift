import FixtureSupport
import Foundation
import Testing

@testable import Git

/// The commit reader parses raw objects itself; libgit2's parser is the oracle it must agree with.
@Suite struct RawCommitTests {
    private func expectSameAsLibgit2(_ repository: Repository, _ ids: [ObjectID], sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        for id in ids {
            let raw = try repository.commit(id), reference = try repository.lookUpCommit(id)
            #expect(raw.message == reference.message, sourceLocation: sourceLocation)
            #expect(raw.author == reference.author, sourceLocation: sourceLocation)
            #expect(
                raw.committerTime == reference.committerTime && raw.committerOffsetMinutes == reference.committerOffsetMinutes,
                sourceLocation: sourceLocation)
            #expect(raw.parentIDs == reference.parentIDs, sourceLocation: sourceLocation)
        }
    }

    @Test func everyFixtureCommitReadsAsLibgit2ReadsIt() throws {
        let sandbox = try Sandbox()
        for name in ["widget", "stable"] {
            let fixture = try sandbox.build(history: name, into: name)
            try expectSameAsLibgit2(try Repository(discoveringFrom: fixture.path), fixture.commits)
        }
    }

    /// Headers and identities that git writes or accepts: an encoding, a signature block, a merge
    /// tag, odd spacing in identities, negative offsets, messages with leading blank lines and NULs.
    @Test func unusualObjectsReadAsLibgit2ReadsThem() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.git("init", "-q", "-b", "main", sandbox.root + "/odd", in: sandbox.root)
        let odd = sandbox.root + "/odd"
        let tree = try sandbox.git("mktree", in: odd).trimmingCharacters(in: .newlines)
        let parent = try sandbox.git("commit-tree", tree, "-m", "feat: root", in: odd).trimmingCharacters(in: .newlines)
        let bodies = [
            "tree \(tree)\nparent \(parent)\nauthor  Spaced  Name   <  spaced@example.com > 1795219200 -0330\ncommitter C <c@example.com> 1795219201 +1400\nencoding ISO-8859-1\n\nfix: caf\u{E9}\n",
            "tree \(tree)\nauthor A <a@example.com> 1795219200 +0000\ncommitter C <c@example.com> 1795219200 +0000\ngpgsig -----BEGIN SSH SIGNATURE-----\n AAAA\n -----END SSH SIGNATURE-----\n\n\n\nfeat: after blank lines\n\nbody\n",
            "tree \(tree)\nparent \(parent)\nparent \(parent)\nauthor A <a@example.com> 0 +0000\ncommitter C <c@example.com> 5 -0000\nmergetag object \(parent)\n type commit\n\nMerge\u{0}hidden\n",
            "tree \(tree)\nauthor No Email 1795219200 +0000\ncommitter C <c@example.com> 1795219200 +0000\n\nodd identity\n",
            "tree \(tree)\nauthor A <a@example.com> 1795219200 +0000\ncommitter C <c@example.com> 1795219200 +0000\n",
            // What libgit2 tidies: trailing dots and quotes, tabs, out-of-range offsets, a glued time.
            "tree \(tree)\nauthor Doe Jr. <d@example.com> 1700000000 +0100\ncommitter C <c@example.com> 1700000000 +1500\n\nfix: one\n",
            "tree \(tree)\nauthor \"D\"\t<'d@example.com.> 1700000000 +0099\ncommitter C <c@example.com>1700000000 +0000\n\nfix: two\n",
            "tree \(tree)\nauthor D <b> <d@example.com> 1700000000 -0000\ncommitter C <c@example.com> 1700000000 +0000\nencoding latin1\n\nfix: three\n",
            "tree \(tree)\nauthor Ren\u{E9} <r@example.com> 1700000000 +0000\ncommitter C <c@example.com> 1700000000 +0000\nencoding ISO-8859-1\n\nfix: four\n",
        ]
        var ids: [ObjectID] = []
        for body in bodies {
            var data = Data(body.utf8)
            if body.contains("ISO-8859-1") || body.contains("latin1") { data = body.data(using: .isoLatin1)! }
            let file = sandbox.root + "/object"
            try data.write(to: URL(fileURLWithPath: file))
            let hashed = try sandbox.run("/usr/bin/env", ["git", "hash-object", "-t", "commit", "-w", "--literally", file], in: odd)
            try #require(hashed.status == 0, "\(hashed.stderr)")
            ids.append(try #require(ObjectID(hex: hashed.stdout.trimmingCharacters(in: .newlines))))
        }
        let repository = try Repository(discoveringFrom: odd)
        // libgit2 refuses an identity without `<…>`; git reads it as empty, and so does the reader.
        let malformed = ids.remove(at: 3)
        #expect(throws: GitError.self) { try repository.lookUpCommit(malformed) }
        let read = try repository.commit(malformed)
        #expect(read.author == Signature(name: "", email: "", time: 0, offsetMinutes: 0))
        #expect(read.message == "odd identity\n" && read.committerTime == 1_795_219_200)
        try expectSameAsLibgit2(repository, ids)
        #expect(try repository.commit(ids[0]).message == "fix: caf\u{E9}\n")
        #expect(try repository.commit(ids[0]).author.offsetMinutes == -210)
        #expect(try repository.commit(ids[1]).message == "feat: after blank lines\n\nbody\n")
        #expect(try repository.commit(ids[2]).message == "Merge")
        #expect(try repository.commit(ids[3]).message == "")
        #expect(try repository.commit(ids[4]).author.name == "Doe Jr")
        #expect(try repository.commit(ids[7]).author.name == "Ren\u{E9}")
    }

    /// Identities git writes or accepts without an email (`Name <>`, no `<…>`, no date) read as
    /// `git log` shows them, in every command's reader: the raw one, revision lookup, diffs.
    @Test func identitiesWithoutAnEmailReadAsGitLogShowsThem() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.git("init", "-q", "-b", "main", sandbox.root + "/odd", in: sandbox.root)
        let odd = sandbox.root + "/odd"
        let tree = try sandbox.git("mktree", in: odd).trimmingCharacters(in: .newlines)
        var parent = try sandbox.git("commit-tree", tree, "-m", "feat: root", in: odd).trimmingCharacters(in: .newlines)
        let identities = [
            ("Jo Bloggs <> 1795219200 +0100", "Jo Bloggs <> 1795219300 +0100"),
            ("Jo Bloggs 1795219200 +0000", "Jo Bloggs 1795219400 +0000"),
            ("Jo Bloggs", "Jo <jo@example.com>"),
            ("  <> 1795219200 -0230", "C <c@example.com> 1795219500 +0000"),
            ("Jo <jo@example.com", "C <c@example.com> 1795219600 +0000"),
        ]
        var ids: [ObjectID] = []
        for (author, committer) in identities {
            let body = "tree \(tree)\nparent \(parent)\nauthor \(author)\ncommitter \(committer)\n\nfix: odd identity\n"
            try sandbox.write("object", body)
            let hashed = try sandbox.run(
                "/usr/bin/env", ["git", "hash-object", "-t", "commit", "-w", "--literally", sandbox.root + "/object"], in: odd)
            try #require(hashed.status == 0, "\(hashed.stderr)")
            parent = hashed.stdout.trimmingCharacters(in: .newlines)
            ids.append(try #require(ObjectID(hex: parent)))
        }
        _ = try sandbox.git("update-ref", "refs/heads/main", parent, in: odd)
        let repository = try Repository(discoveringFrom: odd)
        for id in ids {
            let commit = try repository.commit(id)
            let shown = try sandbox.git("log", "-1", "--format=%an%x00%ae%x00%at%x00%ct", id.hex, in: odd)
                .trimmingCharacters(in: .newlines).split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
            #expect(commit.author.name == shown[0], "\(id)")
            #expect(commit.author.email == shown[1], "\(id)")
            #expect(commit.author.time == Int64(shown[2]) ?? 0, "\(id)")
            #expect(commit.committerTime == Int64(shown[3]) ?? 0, "\(id)")
            #expect(commit.message == "fix: odd identity\n")
        }
        #expect(try repository.commit(ids[0]).author.offsetMinutes == 60)
        #expect(try repository.commit(ids[3]).author.offsetMinutes == -150)
        #expect(try repository.resolveCommit("HEAD") == ids.last)
        #expect(try repository.resolveCommit("main") == ids.last)
        #expect(try TreeComparer(repository: repository).changedPaths(of: ids[0]) == nil)
        #expect(try repository.uncommittedChanges().isEmpty)
    }
}
